/**
 * The checks this package runs. `toolchain` findings mean a check could not
 * run at all (e.g. a helm binary is missing) — they are errors, never skips.
 */
export type CheckName =
  | 'yaml'
  | 'json'
  | 'helm-lint'
  | 'helm-template'
  | 'kubernetes-schema'
  | 'hcl-parse'
  | 'hcl-fmt'
  | 'actionlint'
  // semantic rules (semantic/): meaning, not syntax
  | 'required-checks'
  | 'pod-security'
  | 'identity'
  | 'cloud-constraints'
  | 'tflint-layout'
  | 'toolchain';

export type Severity = 'error' | 'warning';

/** One problem found in the checked output. */
export interface Finding {
  check: CheckName;
  severity: Severity;
  /** Path relative to the checked root, always with `/` separators. */
  file: string;
  /** 1-based line in `file`, when the tool reports one. */
  line?: number;
  /** 1-based column in `file`, when the tool reports one. */
  column?: number;
  /** A readable, single-line message (never a stack trace). */
  message: string;
}

export type HelmVersion = 'v3' | 'v4';

/**
 * A JSON schema for a Kubernetes kind that has no kubernetes-models package
 * (e.g. Flagger `Canary`, tofu-controller `Terraform`). The schema describes
 * the whole object (apiVersion, kind, metadata, spec, ...) and is compiled
 * with ajv. Use {@link schemasFromCrd} to derive entries from a CRD manifest.
 */
export interface KubernetesSchema {
  /** e.g. `flagger.app/v1beta1` */
  apiVersion: string;
  /** e.g. `Canary` */
  kind: string;
  schema: object;
}

/** Options of the in-process checks ({@link checkFiles}). */
export interface CheckOptions {
  /**
   * Extra schemas for CRDs without a model package. They take precedence over
   * the built-in models for the same apiVersion + kind.
   */
  extraSchemas?: KubernetesSchema[];
  /**
   * Objects that are not Kubernetes API objects and are therefore not
   * schema-validated, as `group/*`, `apiVersion/*` or `apiVersion/Kind`
   * patterns. Defaults to {@link DEFAULT_NON_KUBERNETES_KINDS} (Backstage
   * catalog entities and kustomize's own config files). Everything else with
   * an unknown apiVersion/kind is an error.
   */
  nonKubernetesKinds?: string[];
}

/** Options of {@link checkDirectory}. */
export interface DirectoryCheckOptions extends CheckOptions {
  /**
   * Run `helm lint --strict` and `helm template` for every chart (default:
   * true, with both helm 3 and helm 4).
   */
  helm?: boolean | { versions?: HelmVersion[] };
  /**
   * Paths of the helm binaries. Default: `<repo>/.tools/helm/v3/helm` and
   * `<repo>/.tools/helm/v4/helm`, installed by `scripts/bootstrap.sh`.
   */
  helmBinaries?: Partial<Record<HelmVersion, string>>;
  /**
   * Extra values sets per chart, besides the default values and the chart's
   * `ci/*-values.yaml` files: chart directory (relative to the checked root,
   * `.` for the root) to values files (relative to the chart directory).
   * Each file is one extra `helm lint` + `helm template` run.
   */
  valuesFiles?: Record<string, string[]>;
  /** How many helm processes run at once (default: 2–4 depending on CPUs). */
  helmConcurrency?: number;
  /** Directory names that are not descended into. */
  ignoreDirectories?: string[];
}

/** The result of a check run. */
export interface CheckReport {
  /** True when there is no finding with severity `error`. */
  ok: boolean;
  /** Sorted by file, line, column. */
  findings: Finding[];
  /**
   * How many inputs each check ran on: files for the file-based checks,
   * charts for `helm-lint` / `helm-template`, files holding at least one
   * validated object for `kubernetes-schema`.
   */
  checkedFiles: Partial<Record<CheckName, number>>;
  /**
   * How many Kubernetes objects were checked against a schema (plain files
   * and rendered charts; objects of an unknown kind count, as errors).
   */
  validatedObjects: number;
  /** Helm chart directories found (relative, `.` for the root). */
  charts: string[];
  /** Version reported by each helm binary that ran, e.g. `{ v3: 'v3.17.2' }`. */
  helmVersions: Partial<Record<HelmVersion, string>>;
}

/** Input of {@link checkFiles}: relative path to file content. */
export type FileInput = Map<string, string | Buffer> | Record<string, string>;
