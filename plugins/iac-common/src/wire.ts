/*
 * The wire and repository formats every part of IaC Forge shares, defined
 * once: the request kinds, a rendered file of a preview, an output-check
 * finding, the `iacforge.io/*` annotations on generated entities, and the
 * `kind/name@version` reference of a template. The backend, the engine, the
 * actions, the CLI and the frontend import them from here.
 */

/** What a request generates, in the order the UI offers them. */
export const GENERATE_KINDS = [
  'platform',
  'cluster',
  'terraform',
  'helm',
] as const;
export type GenerateKind = (typeof GENERATE_KINDS)[number];

/** A rendered file of a preview (POST /generate/:kind/preview). */
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

/** A problem found by the output checks. */
export interface Finding {
  check: string;
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Annotations IaC Forge writes on the entities of a generated repository. */
export const ANNOTATION_CLOUD = 'iacforge.io/cloud';
export const ANNOTATION_REGION = 'iacforge.io/region';
export const ANNOTATION_CLUSTER = 'iacforge.io/cluster';
/** `kind/name@version,…` of the templates that generated the repository. */
export const ANNOTATION_TEMPLATES = 'iacforge.io/templates';
/** Content hash of the generated files. */
export const ANNOTATION_CONTENT_HASH = 'iacforge.io/content-hash';
/** Set by the catalog module: "true" when a newer template version exists. */
export const ANNOTATION_OUTDATED = 'iacforge.io/outdated';
/** Set by the catalog module: the lag, e.g. `aws-eks 1.0.0 → 1.2.0`. */
export const ANNOTATION_TEMPLATE_LAG = 'iacforge.io/template-lag';

/** A template as recorded: its kind, name and version. */
export type TemplateVersionRef = {
  kind: string;
  name: string;
  version: string;
};

/** `kind/name@version` (the inverse of parseTemplatesAnnotation). */
export function formatTemplateRef(t: TemplateVersionRef): string {
  return `${t.kind}/${t.name}@${t.version}`;
}

/** The templates annotation value: every reference, comma-separated. */
export function formatTemplateRefs(
  templates: readonly TemplateVersionRef[],
): string {
  return templates.map(formatTemplateRef).join(',');
}
