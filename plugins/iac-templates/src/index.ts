/**
 * The IaC Forge default template trees and Template entities.
 *
 * - `iacTemplateTreesRoot()`: the folder of the template trees
 *   (`terraform/`, `helm/`, `governance/`, `gitops/`), the engine's default
 *   root;
 * - `iacTemplateEntitiesLocation()`: the catalog `Location` file listing the
 *   five Template entities (`scaffolder/<name>/template.yaml`).
 *
 * @packageDocumentation
 */
export {
  iacTemplatesDir,
  iacTemplateTreesRoot,
  iacTemplateEntitiesLocation,
} from './paths';
export {
  BUNDLE_FORMAT,
  createBundle,
  readBundle,
  unpackBundle,
} from './bundle';
export type { BundleEntry, TemplateBundle } from './bundle';
