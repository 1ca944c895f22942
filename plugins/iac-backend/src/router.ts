/*
 * The generator's REST API, mounted at /api/iac:
 *
 *   GET  /templates                           template trees
 *   GET  /schemas, GET /schemas/:name         JSON Schemas of the payloads
 *   POST /validate/:kind                      field-path issues, nothing rendered
 *   POST /generate/:kind/preview              files as JSON (what would be committed)
 *   POST /generate/:kind/download             the same files as a ZIP
 *
 * :kind is terraform | helm | platform (the seed's routes). Bad input is a
 * 400 with every field path and message, never a 500.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  getJsonSchema,
  isSchemaName,
  SCHEMA_NAMES,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';
import {
  createZip,
  GENERATE_KINDS,
  GenerateKind,
  GenerateResult,
  IacEngine,
  PayloadValidationError,
  TemplateRenderError,
} from '@iacforge/plugin-iac-node';
import { checkFiles, Finding } from '@iacforge/output-checks';

export type RouterOptions = {
  engine: IacEngine;
  logger: LoggerService;
  maxBodySize?: string;
  /** Preview responses kept in memory (default 200). */
  previewCacheSize?: number;
  /** The local git host (embedded default), mounted at /git. */
  gitRouter?: express.Router;
};

/** A rendered file in a preview response. */
export type PreviewFile = {
  path: string;
  content: string;
  encoding: 'utf-8' | 'base64';
  size: number;
  mode: string;
  template: string;
};

function isKind(kind: string): kind is GenerateKind {
  return (GENERATE_KINDS as readonly string[]).includes(kind);
}

function kindOf(req: express.Request): GenerateKind {
  const kind = req.params.kind;
  if (!isKind(kind)) {
    throw new NotFoundError(
      `Unknown generator "${kind}"; use one of ${GENERATE_KINDS.join(', ')}`,
    );
  }
  return kind;
}

function sendIssues(res: express.Response, issues: ValidationIssue[]) {
  res.status(400).json({
    error: {
      name: 'ValidationError',
      message: `Invalid payload: ${issues.length} problem${
        issues.length === 1 ? '' : 's'
      }`,
    },
    issues,
  });
}

/** A filter refused a value (e.g. "${{" on its way into a workflow): the input's fault. */
function isInputRenderError(error: TemplateRenderError): boolean {
  return /^(line \d+: )?(yaml_str|hcl_str|json|yaml|md|num|bool|ident): /.test(
    error.reason,
  );
}

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

/** A file name for the ZIP: the chart or cluster name, else the request kind. */
function archiveName(result: GenerateResult): string {
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

/**
 * A small content-addressed cache of preview responses: the same request
 * body gives the same bytes (the engine is deterministic), and a live preview
 * re-sends unchanged payloads often (tab switches, re-renders, several users
 * of one template). Bounded in entries; FIFO eviction.
 */
type CachedPreview = { body: Buffer; etag: string };

class PreviewCache {
  private readonly entries = new Map<string, CachedPreview>();
  constructor(private readonly size: number) {}

  key(kind: string, checks: boolean, body: unknown): string {
    return createHash('sha256')
      .update(`${kind}\0${checks}\0${JSON.stringify(body)}`)
      .digest('hex');
  }

  get(key: string): CachedPreview | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: CachedPreview) {
    if (this.entries.size >= this.size) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { engine, logger } = options;
  const router = Router();
  if (options.gitRouter) {
    router.use('/git', options.gitRouter);
  }
  router.use(express.json({ limit: options.maxBodySize ?? '1mb' }));

  /** Runs the engine; answers 400 for bad input and returns undefined. */
  const generate = (
    kind: GenerateKind,
    body: unknown,
    res: express.Response,
  ): GenerateResult | undefined => {
    try {
      return engine.generate(kind, body);
    } catch (error) {
      if (error instanceof PayloadValidationError) {
        sendIssues(res, error.issues);
        return undefined;
      }
      if (error instanceof TemplateRenderError && isInputRenderError(error)) {
        sendIssues(res, [
          { path: '', message: `${error.file}: ${error.reason}` },
        ]);
        return undefined;
      }
      throw error;
    }
  };

  router.get('/templates', (_req, res) => {
    res.json({ items: engine.templates() });
  });

  router.get('/schemas', (_req, res) => {
    res.json({ items: [...SCHEMA_NAMES] });
  });

  router.get('/schemas/:name', (req, res) => {
    const name = req.params.name;
    if (!isSchemaName(name)) {
      throw new NotFoundError(
        `Unknown schema "${name}"; use one of ${SCHEMA_NAMES.join(', ')}`,
      );
    }
    res.json(getJsonSchema(name));
  });

  router.post('/validate/:kind', (req, res) => {
    const result = engine.validate(kindOf(req), req.body);
    if (result.ok) {
      res.json({ ok: true, issues: [] });
    } else {
      res.json({ ok: false, issues: result.issues });
    }
  });

  const previews = new PreviewCache(options.previewCacheSize ?? 200);

  router.post('/generate/:kind/preview', async (req, res) => {
    const kind = kindOf(req);
    const checks = req.query.checks === 'true';
    const cacheKey = previews.key(kind, checks, req.body);
    const cached = previews.get(cacheKey);
    if (cached !== undefined) {
      res.setHeader('ETag', cached.etag);
      res.type('application/json').send(cached.body);
      return;
    }
    const result = generate(kind, req.body, res);
    if (!result) {
      return;
    }
    let findings: Finding[] | undefined;
    if (checks) {
      const report = await checkFiles(
        Object.fromEntries(
          result.files.map(f => [f.path, f.content.toString('utf8')]),
        ),
      );
      findings = report.findings;
    }
    const body = previewBody(kind, result, findings);
    // the content hash identifies the body: no need to hash 100s of KiB again
    const etag = `W/"${createHash('sha256')
      .update(`${kind}\0${checks}\0${result.contentHash}\0`)
      .update(JSON.stringify(result.templates))
      .digest('base64url')}"`;
    previews.set(cacheKey, { body, etag });
    res.setHeader('ETag', etag);
    res.type('application/json').send(body);
  });

  router.post('/generate/:kind/download', async (req, res) => {
    const kind = kindOf(req);
    const result = generate(kind, req.body, res);
    if (!result) {
      return;
    }
    const name = archiveName(result);
    const zip = await createZip(result.files, { root: name });
    logger.info(
      `Generated ${kind} archive ${name}.zip: ${result.files.length} files, ${zip.length} bytes`,
    );
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.zip"`);
    res.setHeader('X-Content-Hash', result.contentHash);
    res.send(zip);
  });

  router.use((req, _res) => {
    throw new NotFoundError(`No route ${req.method} ${req.path}`);
  });

  return router;
}
