/*
 * Shapes of the IaC Forge REST API (plugins/iac-backend/src/router.ts),
 * mounted at discoveryApi.getBaseUrl('iac').
 */

/** What a request generates: the generator routes. */
export type GenerateKind = 'platform' | 'cluster' | 'terraform' | 'helm';

/** The request kinds, in the order the UI offers them. */
export const GENERATE_KINDS: readonly GenerateKind[] = [
  'platform',
  'cluster',
  'terraform',
  'helm',
];

/** One field-path problem, as the contract reports it. */
export interface ValidationIssue {
  /** Dotted payload path, e.g. "helm_context.hpa_min_replicas"; "" for the payload itself. */
  path: string;
  message: string;
}

/** A template tree known to the engine (GET /templates). */
export interface TemplateSummary {
  name: string;
  kind: 'terraform' | 'helm' | 'governance' | 'gitops';
  version: string;
  description: string;
  clouds: string[];
  include: 'selected' | 'auto';
}

/** A template used by a generation. */
export interface ResolvedTemplate {
  name: string;
  kind: string;
  version: string;
}

/** A rendered file of a preview. */
export interface PreviewFile {
  path: string;
  /** UTF-8 text, or base64 when `encoding` is "base64" (binary files). */
  content: string;
  encoding: 'utf-8' | 'base64';
  /** Size in bytes. */
  size: number;
  /** Octal file mode, e.g. "0644". */
  mode: string;
  /** The template tree that wrote the file. */
  template: string;
}

/** A problem found by the output checks (`?checks=true`). */
export interface Finding {
  check: string;
  severity: 'error' | 'warning' | string;
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** POST /generate/:kind/preview, 200. */
export interface PreviewResponse {
  kind: GenerateKind;
  templates: ResolvedTemplate[];
  files: PreviewFile[];
  file_count: number;
  total_size: number;
  content_hash: string;
  findings?: Finding[];
}

/** POST /validate/:kind. */
export interface ValidateResponse {
  ok: boolean;
  issues: ValidationIssue[];
}

/** A preview, or the reasons the payload cannot be rendered (a 400). */
export type PreviewResult =
  | { ok: true; preview: PreviewResponse }
  | { ok: false; message: string; issues: ValidationIssue[] };

/** A JSON Schema document (GET /schemas/:name). */
export type JsonSchema = { [key: string]: unknown };

/** Options of every call: an AbortSignal cancels the request. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** One file of an upgrade preview: the upgrade branch against main. */
export interface UpgradeFileDiff {
  path: string;
  status: string;
  from?: string;
  patch: string;
}

/** A predicted conflict of an upgrade, per file and hunk. */
export interface UpgradeConflict {
  path: string;
  types: string[];
  messages: string[];
  hunks: {
    startLine: number;
    endLine: number;
    ours: string[];
    theirs: string[];
  }[];
}

/** POST /upgrade/preview: the upgrade as a dry run. */
export interface UpgradePreview {
  status: 'up-to-date' | 'created' | 'existing' | 'dry-run';
  branch?: string;
  summary: string;
  templates: string[];
  answersChanged: string[];
  conflicts: UpgradeConflict[];
  diff: UpgradeFileDiff[];
}

/** An upgrade preview, or the issues of invalid answers. */
export type UpgradePreviewResult =
  | { ok: true; preview: UpgradePreview }
  | { ok: false; issues: ValidationIssue[] };
