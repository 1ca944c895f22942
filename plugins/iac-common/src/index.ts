/**
 * The IaC Forge contract: zod schemas of every payload (snake_case, as in the
 * generator spec), cloud catalog, template manifest types, JSON Schema export.
 * Browser- and Node-safe (no Node APIs).
 *
 * @packageDocumentation
 */

export { CLOUDS, CLOUD_CATALOG, awsInstanceArchitecture } from './catalog';
export type {
  Cloud,
  CloudCatalogEntry,
  CatalogNodeSize,
  CatalogRegion,
} from './catalog';

export {
  awsTerraformContextSchema,
  azureTerraformContextSchema,
  gcpTerraformContextSchema,
  terraformContextSchema,
  terraformContextSchemas,
  rruleProblem,
} from './terraform';
export type {
  AwsTerraformContext,
  AzureTerraformContext,
  GcpTerraformContext,
  TerraformContext,
  TerraformContextByCloud,
  AwsTerraformContextInput,
  AzureTerraformContextInput,
  GcpTerraformContextInput,
  TerraformContextInput,
} from './terraform';

export { helmContextWarnings, ROOT_ONLY_IMAGES } from './imageWarnings';
export {
  maintenanceAvailability,
  maintenanceAvailabilityProblem,
  GKE_MIN_MAINTENANCE_HOURS,
  GKE_MAINTENANCE_PERIOD_DAYS,
} from './gkeMaintenance';
export type { MaintenanceAvailability } from './gkeMaintenance';

export {
  helmContextSchema,
  ISTIO_RESERVED_PORTS,
  SECRET_KEYWORD,
} from './helm';
export type { HelmContext, HelmContextInput } from './helm';

export {
  governanceContextSchema,
  addonsContextSchema,
  gitopsContextSchema,
  reconciliationContextSchema,
  cronProblem,
} from './extensions';
export type {
  GovernanceContext,
  GovernanceContextInput,
  AddonsContext,
  AddonsContextInput,
  GitopsContext,
  GitopsContextInput,
  ReconciliationContext,
  ReconciliationContextInput,
} from './extensions';

export {
  platformPayloadSchema,
  clusterPayloadSchema,
  terraformPayloadSchema,
  helmPayloadSchema,
  prometheusOperatorObjects,
} from './platform';
export type {
  PlatformPayload,
  PlatformPayloadInput,
  ClusterPayload,
  ClusterPayloadInput,
  TerraformPayload,
  TerraformPayloadInput,
  HelmPayload,
  HelmPayloadInput,
} from './platform';

export {
  DEFAULT_TEMPLATES,
  GENERIC_HELM_TEMPLATE,
  TEMPLATE_KINDS,
  templateManifestSchema,
  templateNameSchema,
  resolveTemplateNames,
  validateTemplateSelection,
  evaluateWhen,
} from './templates';
export type {
  TemplateKind,
  TemplateManifest,
  TemplateFileRule,
  TemplateRef,
  TemplateSelection,
} from './templates';

export {
  ANSWERS_PATH,
  CATALOG_INFO_PATH,
  PRISTINE_BRANCH,
  UPGRADE_BRANCH_PREFIX,
  answersFileSchema,
  recordedTemplateSchema,
  parseAnswersFile,
  compareSemver,
  templateVersionChanges,
  parseTemplatesAnnotation,
  templateLag,
  formatTemplateLag,
  UPGRADE_TEMPLATE_NAME,
  localGitRepositoryOf,
} from './upgrades';
export type {
  AnswersFile,
  RecordedTemplate,
  TemplateVersionChange,
} from './upgrades';

export {
  parsePlatformPayload,
  parseClusterPayload,
  parseTerraformPayload,
  parseHelmPayload,
  parseHelmContext,
  parseTerraformContext,
  parseTemplateManifest,
  safeParseWith,
  toValidationIssues,
  contractErrorMap,
  MAX_ISSUES,
} from './parse';
export {
  payloadLimitIssue,
  payloadShapeIssues,
  MAX_PAYLOAD_DEPTH,
  MAX_FIELDS_PER_OBJECT,
} from './limits';
export {
  IDENT_TOKEN,
  IDENT_TOKEN_ALLOWED,
  gitBranchNameProblem,
  HTTP_HEADER_NAME,
  GITHUB_ENVIRONMENT_NAME,
  AZURE_RESOURCE_GROUP_NAME,
  AZURE_RESOURCE_GROUP_NAME_ALLOWED,
} from './formats';
export {
  countProblems,
  formatIssue,
  formatIssues,
  formatPath,
  issueLabel,
  ROOT_ISSUE_LABEL,
  summarizeIssues,
} from './issues';
export type { ValidationIssue, ParseResult } from './issues';

export {
  SCHEMA_NAMES,
  contractSchemas,
  getJsonSchema,
  isSchemaName,
  jsonSchemas,
} from './jsonSchema';
export type { SchemaName, JsonSchema, JsonSchemaTarget } from './jsonSchema';

export { SECRET_FIELDS, stripSecrets, redactSecrets } from './secrets';
export type { SecretField } from './secrets';

export { findUnsafeContent, isSafeString } from './safety';
export type { StringPolicy } from './safety';

export {
  safeString,
  parseDuration,
  parseCpuQuantity,
  parseMemoryQuantity,
  parseCidr,
  cidrContains,
  cidrOverlaps,
  SEMVER_PATTERN,
  FORMAT_KEYWORD,
  forbiddenUrlHost,
} from './fields';
export type { SafeStringOptions, Cidr } from './fields';

export { renderFieldReference } from './docs';

export { formToPayload, payloadToForm, fieldForIssue, mapIssues } from './form';
export type {
  BuiltPayload,
  CloudChoice,
  FieldIssue,
  FormOptions,
  PayloadKind,
} from './form';
export {
  defaultMapping,
  effectiveMapping,
  setPath,
  deepMerge,
} from './formMapping';
export type { FieldMapping, MappingTarget } from './formMapping';
export {
  CORE_HELM_FIELDS,
  FEATURE_GROUPS,
  featureFields,
  featureGates,
  featureGroupOf,
  isSecretHelmField,
} from './features';
export type { FeatureGroup } from './features';
export { NODE_POOL_FIELDS, nodePoolBounds, defaultNodePool } from './nodePool';
export type { NodePoolValue, NodePoolCount, CountBounds } from './nodePool';

export {
  SEED_PLATFORM_NEW_CLUSTER,
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_HELM_AFFINITY,
  SEED_HELM_FRAGMENTS,
  SEED_HELM_TELEMETRY_SPLUNK,
  MINIMAL_TERRAFORM_CONTEXT,
} from './seedExamples';

export {
  GOVERNANCE_SETTINGS_FILE,
  parseGovernanceSettings,
  requiredStatusChecks,
} from './governanceSettings';
export type {
  BranchProtectionBody,
  GovernanceSettings,
} from './governanceSettings';

export {
  IDENTITY_TABLES,
  IDENTITY_PERMISSIONS_FILE,
  identityKey,
  identityRoles,
} from './identity';
export type {
  CloudIdentityTable,
  IdentityGrants,
  IdentityRoles,
} from './identity';

export { codeownerFromOwner, effectiveCodeowners } from './codeowners';

export {
  IAC_REPOSITORY_RESOURCE_TYPE,
  iacRepositoryRef,
  parseIacRepositoryRef,
  iacGeneratePermission,
  iacDownloadPermission,
  iacUpgradePermission,
  iacPublishPermission,
  iacPermissions,
  permissionDeniedMessage,
} from './permissions';
export type { IacRepositoryResource } from './permissions';

// the wire and repository formats (request kinds, preview files, findings,
// annotations, template references)
export {
  GENERATE_KINDS,
  ANNOTATION_CLOUD,
  ANNOTATION_REGION,
  ANNOTATION_CLUSTER,
  ANNOTATION_TEMPLATES,
  ANNOTATION_CONTENT_HASH,
  ANNOTATION_OUTDATED,
  ANNOTATION_TEMPLATE_LAG,
  formatTemplateRef,
  formatTemplateRefs,
} from './wire';
export type {
  GenerateKind,
  PreviewFile,
  Finding,
  TemplateVersionRef,
} from './wire';
