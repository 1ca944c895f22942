/**
 * The IaC Forge engine (Node): template registry, nunjucks renderer with
 * escaping filters, deterministic file maps and ZIPs.
 *
 * @packageDocumentation
 */
export {
  IacEngine,
  GENERATE_KINDS,
  PayloadValidationError,
  hashFiles,
  requireGenerated,
} from './engine';
export type {
  GenerateKind,
  GenerateOutcome,
  GenerateResult,
  TemplateSummary,
  ResolvedTemplate,
  ExtractedSecret,
} from './engine';
export {
  TemplateRegistry,
  TemplateLoadError,
  loadTree,
} from './registry/TemplateRegistry';
export type { TemplateTree, TreeFile } from './registry/TemplateRegistry';
export {
  renderTree,
  isFileIncluded,
  TemplateRenderError,
} from './render/renderTree';
export type { GeneratedFile } from './render/renderTree';
export {
  createEnvironment,
  findUnescapedPrints,
  DELIMITERS,
} from './render/environment';
export { ESCAPING_FILTERS, FilterError } from './render/filters';
export {
  normalizeOutputPath,
  joinOutputPath,
  UnsafePathError,
} from './render/paths';
export { createZip } from './zip/createZip';
export type { ZipEntry } from './zip/createZip';
export {
  defaultTemplateRoots,
  findTemplateRootAbove,
  shippedTemplateRoot,
} from './roots';
export { createEngine } from './roots';
export { writeFiles } from './files';
export type { FileToWrite } from './files';
export {
  answersFile,
  catalogInfoFile,
  regionOf,
  GENERATOR_VERSION,
  ANSWERS_PATH,
  CATALOG_INFO_PATH,
} from './repository/repoFiles';
export type { CatalogOptions } from './repository/repoFiles';
export { upgradeRepository, UpgradeError } from './repository/upgrade';
export type {
  UpgradeOptions,
  UpgradeResult,
  UpgradeTemplateChange,
} from './repository/upgrade';
export type {
  ChangedFile,
  ConflictHunk,
  FileDiff,
  FileConflict,
  GitIdentity,
} from './repository/merge';
export {
  formatUpgradeSummary,
  conflictLine,
  templateLine,
} from './repository/summary';
export { portalTemplateRoots } from './roots';
export {
  iacEngineServiceRef,
  readTemplateSources,
  templateTreesFromConfig,
  DEFAULT_TEMPLATE_SOURCE_REFRESH_SECONDS,
} from './service/engineService';
export type { IacEngineService } from './service/engineService';
export { TemplateTrees } from './service/TemplateTrees';
export type {
  TemplateSource,
  TemplateSourceStatus,
  TreeReader,
  TreesLogger,
} from './service/TemplateTrees';
