/**
 * IaC Forge frontend plugin: the IaC Playground page, the EntityIacCard and
 * the IacApi client. The scaffolder form fields are a module of the
 * scaffolder plugin, exported from `@iacforge/plugin-iac/alpha` (feature
 * discovery loads both entry points).
 *
 * @packageDocumentation
 */
export { iacPlugin as default } from './plugin';
export { iacPlugin, iacApi, iacPlaygroundPage, iacEntityCard } from './plugin';
export { iacScaffolderModule } from './scaffolderModule';
export { rootRouteRef } from './routes';
export * from './api';
export { EntityIacCard } from './components/EntityIacCard';
export {
  PreviewPanel,
  PreviewView,
  useLivePreview,
} from './components/Preview';
export type {
  PreviewPanelProps,
  PreviewViewProps,
  LivePreviewOptions,
  LivePreviewState,
  LivePreviewStatus,
} from './components/Preview';
export {
  buildPayload,
  DEFAULT_MAPPING,
  fieldForIssue,
  mapIssues,
} from './lib/payload';
export type {
  BuiltPayload,
  CloudChoice,
  FieldMapping,
  MappingTarget,
  NodePoolValue,
  PayloadOptions,
} from './lib/payload';
