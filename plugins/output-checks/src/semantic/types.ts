import type { FileMap } from '../files';
import type { CheckName, Finding } from '../types';

/** A Kubernetes object seen by the checks: a plain manifest or a rendered chart object. */
export interface ManifestObject {
  /** The file it came from (for a rendered chart: the template), relative to the checked root. */
  file: string;
  object: Record<string, unknown>;
  /** For rendered objects: the chart directory (relative, `.` for the root). */
  chart?: string;
  /** For rendered objects: the values set it was rendered with (e.g. `values.yaml`, `ci/all-values.yaml`). */
  values?: string;
}

/** What every semantic rule sees: the whole checked tree and every object in it. */
export interface SemanticInput {
  /** Every file of the checked tree (relative path → text). */
  files: FileMap;
  /**
   * Plain manifests (always) and rendered chart objects (only where helm
   * ran: `checkDirectory`; `checkFiles` has no helm).
   */
  manifests: ManifestObject[];
  /**
   * Every HCL file of the tree that parsed, as HashiCorp's hcl2json gives it
   * (`{ variable: { name: [{…}] }, resource: { type: { name: [{…}] } }, … }`).
   * Optional: callers without a parser pass none, and the rules that need
   * it then check nothing.
   */
  hcl?: Map<string, unknown>;
  /** True when `manifests` includes rendered chart objects. */
  chartsRendered: boolean;
}

/**
 * A rule about meaning, not syntax: something that parses and validates yet
 * fails at `terraform apply`, on a cluster or on GitHub. One rule per file
 * under `semantic/`, registered in `semantic/index.ts`.
 */
export interface SemanticRule {
  check: CheckName;
  /** One line: what the rule guarantees. */
  description: string;
  run(input: SemanticInput): Finding[];
}
