/*
 * Preview rendering shared by the router (in-process) and the preview
 * workers (previewWorker.ts): validate + render a payload and build the
 * response body and its ETag.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  formatIssue,
  helmContextWarnings,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';
import {
  createZip,
  GenerateKind,
  GenerateResult,
  IacEngine,
} from '@iacforge/plugin-iac-node';
import { checkFiles, Finding } from '@iacforge/output-checks';

/** A rendered file in a preview response. */
export type PreviewFile = {
  path: string;
  content: string;
  encoding: 'utf-8' | 'base64';
  size: number;
  mode: string;
  template: string;
};

function toPreviewFile(file: GenerateResult['files'][number]): PreviewFile {
  const isText = isUtf8(file.content);
  return {
    path: file.path,
    content: file.content.toString(isText ? 'utf8' : 'base64'),
    encoding: isText ? 'utf-8' : 'base64',
    size: file.content.length,
    mode: file.mode.toString(8).padStart(4, '0'),
    template: file.template,
  };
}

/**
 * The JSON of a preview file, kept per content Buffer: files copied from a
 * template tree share the tree's Buffer, so they are serialised once; rendered
 * files are new Buffers and serialised each time.
 */
const previewFileJson = new WeakMap<Buffer, { key: string; json: Buffer }>();

function toPreviewFileJson(file: GenerateResult['files'][number]): Buffer {
  const key = `${file.path}\0${file.mode}\0${file.template}`;
  const hit = previewFileJson.get(file.content);
  if (hit?.key === key) {
    return hit.json;
  }
  const json = Buffer.from(JSON.stringify(toPreviewFile(file)), 'utf8');
  previewFileJson.set(file.content, { key, json });
  return json;
}

const COMMA = Buffer.from(',');

/**
 * The preview response body: the same bytes as JSON.stringify of
 * `{ kind, templates, files, file_count, total_size, content_hash, findings? }`,
 * assembled from the per-file JSON as UTF-8 bytes.
 */
export function previewBody(
  kind: GenerateKind,
  result: GenerateResult,
  findings?: Finding[],
): Buffer {
  const head = JSON.stringify({ kind, templates: result.templates });
  const tail = JSON.stringify({
    file_count: result.files.length,
    total_size: result.files.reduce((sum, f) => sum + f.content.length, 0),
    content_hash: result.contentHash,
    ...(findings ? { findings } : {}),
  });
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"files":[`)];
  result.files.forEach((file, i) => {
    if (i > 0) {
      parts.push(COMMA);
    }
    parts.push(toPreviewFileJson(file));
  });
  parts.push(Buffer.from(`],${tail.slice(1)}`));
  return Buffer.concat(parts);
}

/** The ETag of a preview answer: derived from the content hash, not the body. */
export function previewEtag(
  kind: GenerateKind,
  checks: boolean,
  result: GenerateResult,
): string {
  return `W/"${createHash('sha256')
    .update(`${kind}\0${checks}\0${result.contentHash}\0`)
    .update(JSON.stringify(result.templates))
    .digest('base64url')}"`;
}

/** What a preview request gives: the body, or the input's problems. */
export type PreviewOutcome =
  | { type: 'ok'; body: Buffer; etag: string }
  | { type: 'issues'; issues: ValidationIssue[] };

/** What a download request gives: the ZIP, or the input's problems. */
export type ZipOutcome =
  | {
      type: 'zip';
      body: Buffer;
      name: string;
      contentHash: string;
      fileCount: number;
    }
  | { type: 'issues'; issues: ValidationIssue[] };

/**
 * What a render is for: `preview` (files as JSON), `checks` (the same with
 * the output checks' findings) or `zip` (the files as a ZIP).
 */
export type RenderMode = 'preview' | 'checks' | 'zip';

/** The engine's answer: the files, or the input's issues (a 400). */
function generate(
  engine: IacEngine,
  kind: GenerateKind,
  body: unknown,
): GenerateResult | { type: 'issues'; issues: ValidationIssue[] } {
  const outcome = engine.generate(kind, body);
  return outcome.ok ? outcome : { type: 'issues', issues: outcome.issues };
}

/** A preview with the output checks' findings (and the payload's warnings). */
export async function renderCheckedPreview(
  engine: IacEngine,
  kind: GenerateKind,
  body: unknown,
): Promise<PreviewOutcome> {
  const result = generate(engine, kind, body);
  if ('type' in result) {
    return result;
  }
  const report = await checkFiles(
    Object.fromEntries(
      result.files.map(f => [f.path, f.content.toString('utf8')]),
    ),
  );
  return {
    type: 'ok',
    body: previewBody(kind, result, [
      ...payloadWarnings(result),
      ...report.findings,
    ]),
    etag: previewEtag(kind, true, result),
  };
}

/** A file name for the ZIP: the chart or cluster name, else the request kind. */
export function archiveName(result: GenerateResult): string {
  const payload = result.payload as {
    helm_context?: { chart_name?: string };
    terraform_context?: { cluster_name?: string };
  };
  const base =
    (result.kind !== 'terraform' && payload.helm_context?.chart_name) ||
    payload.terraform_context?.cluster_name ||
    'iacforge';
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63) || 'iacforge';
  return `${safe}-${result.kind}`;
}

/** The generated files as a ZIP under a folder named after the chart. */
export async function renderZip(
  engine: IacEngine,
  kind: GenerateKind,
  body: unknown,
): Promise<ZipOutcome> {
  const result = generate(engine, kind, body);
  if ('type' in result) {
    return result;
  }
  const name = archiveName(result);
  return {
    type: 'zip',
    body: await createZip(result.files, { root: name }),
    name,
    contentHash: result.contentHash,
    fileCount: result.files.length,
  };
}

/**
 * Renders a preview without output checks. Bad input is an `issues` outcome;
 * anything else (a broken template tree) throws.
 */
export function renderPreview(
  engine: IacEngine,
  kind: GenerateKind,
  body: unknown,
): PreviewOutcome {
  const result = generate(engine, kind, body);
  if ('type' in result) {
    return result;
  }
  return {
    type: 'ok',
    body: previewBody(kind, result),
    etag: previewEtag(kind, false, result),
  };
}

/** A render of any mode (the preview workers' entry point). */
export async function renderFor(
  mode: RenderMode,
  engine: IacEngine,
  kind: GenerateKind,
  body: unknown,
): Promise<PreviewOutcome | ZipOutcome> {
  if (mode === 'checks') {
    return renderCheckedPreview(engine, kind, body);
  }
  if (mode === 'zip') {
    return renderZip(engine, kind, body);
  }
  return renderPreview(engine, kind, body);
}

/**
 * Warnings about valid input that will not work as expected (e.g. an image
 * that needs root), as preview findings on the file they end up in; the
 * message starts with the payload field path.
 */
export function payloadWarnings(result: GenerateResult): Finding[] {
  const helm = result.payload.helm_context as
    | { chart_name: string; image_repository: string }
    | undefined;
  if (!helm) {
    return [];
  }
  return helmContextWarnings(helm).map(w => ({
    check: 'pod-security',
    severity: 'warning',
    file: `charts/${helm.chart_name}/values.yaml`,
    message: formatIssue(w),
  }));
}
