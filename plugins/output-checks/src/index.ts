/**
 * Checks generated infrastructure code with real tools: YAML/JSON parsing,
 * Kubernetes schema validation (kubernetes-models + CRD model packages, with
 * a strict unknown-field check), HCL parse + `terraform fmt` check,
 * actionlint, and `helm lint --strict` / `helm template` with helm 3 and 4.
 *
 * @packageDocumentation
 */

export { checkDirectory, checkFiles } from './check';
export { formatFindings } from './format';
export { imageWarnings, imageWarningsInDirectory } from './imageWarnings';
export { warmUp } from './wasm';
export { runHelmOnChart } from './helm';
export { defaultHelmBinaries, helmBinaryVersion } from './helmProcess';
export {
  DEFAULT_NON_KUBERNETES_KINDS,
  KubernetesValidator,
  MODEL_PACKAGES,
  schemasFromCrd,
} from './kubernetes';
export type {
  ObjectValidation,
  KubernetesValidatorOptions,
} from './kubernetes';
export type { ObjectPath, SchemaIssue } from './schemaErrors';
export type {
  CheckName,
  CheckOptions,
  CheckReport,
  DirectoryCheckOptions,
  FileInput,
  Finding,
  HelmVersion,
  KubernetesSchema,
  Severity,
} from './types';
export { bundledCrdSchemas, withIntOrString, CRD_SCHEMA_DIR } from './crds';
export { runSemanticRules, SEMANTIC_RULES } from './semantic';
export { terraformTypes } from './semantic/identity';
export type { ManifestObject, SemanticInput, SemanticRule } from './semantic';
