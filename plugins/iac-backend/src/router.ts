/*
 * The generator's REST API, mounted at /api/iac:
 *
 *   GET  /templates                           template trees
 *   GET  /schemas, GET /schemas/:name         JSON Schemas of the payloads
 *   POST /validate/:kind                      field-path issues, nothing rendered
 *   POST /generate/:kind/preview              files as JSON (what would be committed)
 *   POST /generate/:kind/download             the same files as a ZIP
 *   POST /upgrade/preview                     an upgrade's diff and conflicts (upgradePreview.ts)
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
  iacDownloadPermission,
  iacGeneratePermission,
  isSchemaName,
  payloadLimitIssue,
  SCHEMA_NAMES,
} from '@iacforge/plugin-iac-common';
import {
  GENERATE_KINDS,
  GenerateKind,
  IacEngine,
  TemplateSourceStatus,
} from '@iacforge/plugin-iac-node';
import { renderCheckedPreview, renderPreview, renderZip } from './preview';
import { jsonErrorPosition } from './jsonPosition';
import { sendIssues } from './issuesResponse';
import type { PreviewPool } from './previewPool';
import type { Authorize } from './authorize';
import { Limiter } from './limiter';

export type { PreviewFile } from './preview';

/**
 * Where a preview or download answer came from: `worker <threadId>` (a
 * preview worker rendered it), `http-thread` (rendered here: no pool, or the
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
  /**
   * Worker threads for checked previews and downloads (default: the
   * preview pool), so they do not queue in front of plain previews.
   */
  heavyPool?: PreviewPool;
  /** Upgrade previews of its repositories, mounted at /upgrade. */
  upgradeRouter?: express.Router;
  /**
   * Permission checks (iac.generate for checks=true previews, iac.download
   * for downloads); without it, every signed-in caller may.
   */
  authorize?: Authorize;
  /**
   * Checked previews and downloads at once (default 2); more wait their
   * turn so that they cannot starve plain previews and the rest of the API.
   */
  heavyConcurrency?: number;
  /** Checked previews and downloads waiting their turn at most (default 100). */
  heavyQueue?: number;
  /** Bytes of preview answers kept in memory (default 64 MiB). */
  previewCacheBytes?: number;
  /** The template trees registered by URL, for GET /template-sources. */
  templateSources?: () => TemplateSourceStatus[];
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

/**
 * A small content-addressed cache of preview responses: the same request
 * body gives the same bytes (the engine is deterministic), and a live preview
 * re-sends unchanged payloads often (tab switches, re-renders, several users
 * of one template). Bounded in entries and in bytes (answer bodies and
 * keys); FIFO eviction. An answer larger than the byte budget is not kept.
 */
type CachedPreview = { body: Buffer; etag: string };

export class PreviewCache {
  private readonly entries = new Map<string, CachedPreview>();
  private used = 0;
  constructor(
    private readonly size: number,
    private readonly maxBytes: number,
  ) {}

  key(kind: string, checks: boolean, body: unknown): string {
    return createHash('sha256')
      .update(`${kind}\0${checks}\0${JSON.stringify(body)}`)
      .digest('hex');
  }

  /** Bytes held now (answer bodies, ETags and keys). */
  get bytes(): number {
    return this.used;
  }

  get count(): number {
    return this.entries.size;
  }

  get(key: string): CachedPreview | undefined {
    return this.entries.get(key);
  }

  private cost(key: string, value: CachedPreview): number {
    return value.body.length + value.etag.length + key.length;
  }

  set(key: string, value: CachedPreview) {
    const cost = this.cost(key, value);
    if (cost > this.maxBytes || this.entries.has(key)) {
      return;
    }
    while (
      this.entries.size > 0 &&
      (this.entries.size >= this.size || this.used + cost > this.maxBytes)
    ) {
      const [oldKey, old] = this.entries.entries().next().value!;
      this.entries.delete(oldKey);
      this.used -= this.cost(oldKey, old);
    }
    this.entries.set(key, value);
    this.used += cost;
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { engine, logger } = options;
  const router = Router();
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

  if (options.upgradeRouter) {
    router.use('/upgrade', options.upgradeRouter);
  }

  router.get('/templates', (_req, res) => {
    res.json({ items: engine.templates() });
  });

  router.get('/template-sources', (_req, res) => {
    res.json({ items: options.templateSources?.() ?? [] });
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

  const previews = new PreviewCache(
    options.previewCacheSize ?? 200,
    options.previewCacheBytes ?? 64 * 1024 * 1024,
  );
  // checked previews and downloads: in the preview workers when there are
  // some, and a bounded number at once either way
  const heavy = new Limiter(
    options.heavyConcurrency ?? 2,
    options.heavyQueue ?? 100,
    'checked previews and downloads',
  );
  const pool = options.previewPool;
  const heavyPool = options.heavyPool ?? pool;

  router.post('/generate/:kind/preview', async (req, res) => {
    const kind = kindOf(req);
    const checks = req.query.checks === 'true';
    if (checks) {
      await options.authorize?.(req, iacGeneratePermission);
    }
    // answers are kept per set of trees (a URL source may replace it)
    const cacheKey = previews.key(
      `${kind}@${engine.generation}`,
      checks,
      req.body,
    );
    const cached = previews.get(cacheKey);
    if (cached !== undefined) {
      res.setHeader('ETag', cached.etag);
      res.setHeader(PREVIEW_SOURCE_HEADER, 'cache');
      res.type('application/json').send(cached.body);
      return;
    }
    const render = async () => {
      // in a preview worker when there is one (keeps this thread for HTTP)
      const pooled = await (checks ? heavyPool : pool)?.render(
        kind,
        req.body,
        checks ? 'checks' : 'preview',
      );
      if (pooled) {
        return { outcome: pooled, source: `worker ${pooled.threadId}` };
      }
      return {
        outcome: checks
          ? await renderCheckedPreview(engine, kind, req.body)
          : renderPreview(engine, kind, req.body),
        source: 'http-thread',
      };
    };
    const { outcome, source } = checks
      ? await heavy.run(render)
      : await render();
    res.setHeader(PREVIEW_SOURCE_HEADER, source);
    if (outcome.type === 'issues') {
      sendIssues(res, outcome.issues);
      return;
    }
    previews.set(cacheKey, { body: outcome.body, etag: outcome.etag });
    res.setHeader('ETag', outcome.etag);
    res.type('application/json').send(outcome.body);
  });

  router.post('/generate/:kind/download', async (req, res) => {
    const kind = kindOf(req);
    await options.authorize?.(req, iacDownloadPermission);
    const { outcome, source } = await heavy.run(async () => {
      const pooled = await heavyPool?.zip(kind, req.body);
      if (pooled) {
        return { outcome: pooled, source: `worker ${pooled.threadId}` };
      }
      return {
        outcome: await renderZip(engine, kind, req.body),
        source: 'http-thread',
      };
    });
    res.setHeader(PREVIEW_SOURCE_HEADER, source);
    if (outcome.type === 'issues') {
      sendIssues(res, outcome.issues);
      return;
    }
    const { name, body: zip } = outcome;
    logger.info(
      `Generated ${kind} archive ${name}.zip: ${outcome.fileCount} files, ${zip.length} bytes`,
    );
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.zip"`);
    res.setHeader('X-Content-Hash', outcome.contentHash);
    res.send(zip);
  });

  router.use((req, _res) => {
    throw new NotFoundError(`No route ${req.method} ${req.path}`);
  });

  return router;
}
