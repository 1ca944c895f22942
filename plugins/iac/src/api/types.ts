/*
 * Shapes of the IaC Forge REST API (plugins/iac-backend/src/router.ts),
 * mounted at discoveryApi.getBaseUrl('iac').
 */

// the request kinds and the issue format are the contract's
export { GENERATE_KINDS } from '@iacforge/plugin-iac-common';
export type {
  Finding,
  GenerateKind,
  PreviewFile,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';
import type {
  Finding,
  GenerateKind,
  PreviewFile,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';

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
