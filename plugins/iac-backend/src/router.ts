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
import { createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  getJsonSchema,
  isSchemaName,
  payloadLimitIssue,
  SCHEMA_NAMES,
  ValidationIssue,
} from '@iacforge/plugin-iac-common';
import {
  createZip,
  GENERATE_KINDS,
  GenerateKind,
  GenerateResult,
  IacEngine,
} from '@iacforge/plugin-iac-node';
import { checkFiles } from '@iacforge/output-checks';
import {
  inputIssues,
  payloadWarnings,
  previewBody,
  previewEtag,
  renderPreview,
} from './preview';
import { jsonErrorPosition } from './jsonPosition';
import type { PreviewPool } from './previewPool';

export type { PreviewFile } from './preview';

/**
 * Where a preview answer came from: `worker <threadId>` (a preview worker
 * rendered it), `http-thread` (rendered here: checks=true, no pool, or the
 * pool is off) or `cache` (the in-memory cache of answers).
 */
export const PREVIEW_SOURCE_HEADER = 'X-Iac-Preview-Source';

export type RouterOptions = {
  engine: IacEngine;
  logger: LoggerService;
  maxBodySize?: string;
  /** Preview responses kept in memory (default 200). */
  previewCacheSize?: number;
  /** Worker threads for previews; without one, previews render here. */
  previewPool?: PreviewPool;
  /** The local git host (embedded default), mounted at /git. */
  gitRouter?: express.Router;
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

/**
 * Errors of the JSON body parser as short client errors: 400 with the
 * position for malformed JSON, 413 for a body over the limit; never the body
 * (it may hold secrets), never a stack trace.
 */
function bodyErrors(limit: string): express.ErrorRequestHandler {
  return (error, _req, res, next) => {
    const { type, body, status } = error as {
      type?: string;
      body?: unknown;
      status?: number;
    };
    if (type === 'entity.parse.failed') {
      const position =
        typeof body === 'string' ? jsonErrorPosition(body) : undefined;
      res.status(400).json({
        error: {
          name: 'InputError',
          message: `The request body is not valid JSON${
            position === undefined ? '' : ` at position ${position}`
          }`,
        },
      });
      return;
    }
    if (type === 'entity.too.large') {
      res.status(413).json({
        error: {
          name: 'PayloadTooLargeError',
          message: `The request body is larger than ${limit}`,
        },
      });
      return;
    }
    if (typeof type === 'string' && status && status >= 400 && status < 500) {
      // unsupported charset or encoding, aborted or mis-sized body
      res.status(status).json({
        error: {
          name: 'InputError',
          message: `The request body could not be read (${type})`,
        },
      });
      return;
    }
    next(error);
  };
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
  const bodyLimit = options.maxBodySize ?? '1mb';
  router.use(express.json({ limit: bodyLimit }));
  router.use(bodyErrors(bodyLimit));
  // shape limits (depth, fields per object) before anything reads the body:
  // the preview cache key, the schema, the renderer
  router.use((req, res, next) => {
    if (req.method === 'POST') {
      const issue = payloadLimitIssue(req.body);
      if (issue) {
        sendIssues(res, [issue]);
        return;
      }
    }
    next();
  });

  /** Runs the engine; answers 400 for bad input and returns undefined. */
  const generate = (
    kind: GenerateKind,
    body: unknown,
    res: express.Response,
  ): GenerateResult | undefined => {
    try {
      return engine.generate(kind, body);
    } catch (error) {
      const issues = inputIssues(error, body);
      if (issues) {
        sendIssues(res, issues);
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
      res.setHeader(PREVIEW_SOURCE_HEADER, 'cache');
      res.type('application/json').send(cached.body);
      return;
    }
    let answer: CachedPreview;
    let source = 'http-thread';
    if (checks) {
      const result = generate(kind, req.body, res);
      if (!result) {
        return;
      }
      const report = await checkFiles(
        Object.fromEntries(
          result.files.map(f => [f.path, f.content.toString('utf8')]),
        ),
      );
      answer = {
        body: previewBody(kind, result, [
          ...payloadWarnings(result),
          ...report.findings,
        ]),
        etag: previewEtag(kind, checks, result),
      };
    } else {
      // in a preview worker when there is one (keeps this thread for HTTP)
      const pooled = await options.previewPool?.render(kind, req.body);
      if (pooled) {
        source = `worker ${pooled.threadId}`;
      }
      const outcome = pooled ?? renderPreview(engine, kind, req.body);
      if (outcome.type === 'issues') {
        res.setHeader(PREVIEW_SOURCE_HEADER, source);
        sendIssues(res, outcome.issues);
        return;
      }
      answer = outcome;
    }
    previews.set(cacheKey, { body: answer.body, etag: answer.etag });
    res.setHeader('ETag', answer.etag);
    res.setHeader(PREVIEW_SOURCE_HEADER, source);
    res.type('application/json').send(answer.body);
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
