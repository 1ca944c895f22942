import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { IacApi, IacArchive } from './IacApi';
import {
  GenerateKind,
  JsonSchema,
  PreviewResponse,
  PreviewResult,
  RequestOptions,
  TemplateSummary,
  UpgradePreview,
  UpgradePreviewResult,
  ValidateResponse,
  ValidationIssue,
} from './types';

/** A failed call: HTTP status, the server's message and any field issues. */
export class IacRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'IacRequestError';
  }
}

type ErrorBody = {
  error?: { message?: string; name?: string } | string;
  message?: string;
  issues?: ValidationIssue[];
};

function isIssueList(value: unknown): value is ValidationIssue[] {
  return (
    Array.isArray(value) &&
    value.every(
      i =>
        i &&
        typeof i === 'object' &&
        typeof (i as ValidationIssue).path === 'string' &&
        typeof (i as ValidationIssue).message === 'string',
    )
  );
}

async function readError(
  res: Response,
): Promise<{ message: string; issues: ValidationIssue[] }> {
  let body: ErrorBody | undefined;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const fromBody =
    typeof body?.error === 'string'
      ? body.error
      : body?.error?.message ?? body?.message;
  return {
    message:
      fromBody ||
      `Request failed: ${res.status} ${res.statusText || ''}`.trim(),
    issues: isIssueList(body?.issues) ? body!.issues! : [],
  };
}

/** `attachment; filename="x.zip"` → x.zip (falls back to `iacforge.zip`). */
export function filenameFromDisposition(header: string | null): string {
  if (header) {
    const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
    if (star) {
      try {
        return sanitizeFilename(decodeURIComponent(star[1].replace(/"/g, '')));
      } catch {
        // fall through to the plain form
      }
    }
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
    if (plain) {
      return sanitizeFilename(plain[1]);
    }
  }
  return 'iacforge.zip';
}

function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '-');
  return safe && safe !== '.' && safe !== '..' ? safe : 'iacforge.zip';
}

/**
 * Candidate raw-file URLs of `.iacforge/answers.json` for a source location
 * (`url:<repository tree URL>`). GitHub and GitLab tree URLs are turned into
 * their raw-file form; any other host is tried as is.
 */
export function answersUrls(sourceLocation: string): string[] {
  const location = sourceLocation.replace(/^url:/, '');
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return [];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return [];
  }
  const file = '.iacforge/answers.json';
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.hostname === 'github.com' && segments.length >= 2) {
    const [owner, repo, mode, ref, ...rest] = segments;
    const dir =
      (mode === 'tree' || mode === 'blob') && ref
        ? `${ref}/${rest.join('/')}`
        : 'HEAD/';
    const path = `${dir}${dir.endsWith('/') ? '' : '/'}${file}`;
    return [
      `https://raw.githubusercontent.com/${owner}/${repo.replace(
        /\.git$/,
        '',
      )}/${path}`,
    ];
  }
  const dashTree = url.pathname.indexOf('/-/tree/');
  if (dashTree >= 0) {
    const raw = new URL(url.toString());
    raw.pathname = url.pathname.replace('/-/tree/', '/-/raw/');
    if (!raw.pathname.endsWith('/')) raw.pathname += '/';
    raw.search = '';
    return [new URL(file, raw).toString()];
  }
  const base = new URL(url.toString());
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return [new URL(file, base).toString()];
}

/** The IacApi over discovery + fetchApi. */
export class IacClient implements IacApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly schemas = new Map<string, Promise<JsonSchema>>();

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async url(path: string): Promise<string> {
    const base = await this.discoveryApi.getBaseUrl('iac');
    return `${base.replace(/\/$/, '')}${path}`;
  }

  private async post(
    path: string,
    payload: unknown,
    options?: RequestOptions,
  ): Promise<Response> {
    return this.fetchApi.fetch(await this.url(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload ?? {}),
      signal: options?.signal,
    });
  }

  private async getJson<T>(path: string, options?: RequestOptions) {
    const res = await this.fetchApi.fetch(await this.url(path), {
      signal: options?.signal,
    });
    if (!res.ok) {
      const { message, issues } = await readError(res);
      throw new IacRequestError(message, res.status, issues);
    }
    return (await res.json()) as T;
  }

  async listTemplates(options?: RequestOptions): Promise<TemplateSummary[]> {
    const body = await this.getJson<{ items?: TemplateSummary[] }>(
      '/templates',
      options,
    );
    return Array.isArray(body.items) ? body.items : [];
  }

  getSchema(name: string, options?: RequestOptions): Promise<JsonSchema> {
    let cached = this.schemas.get(name);
    if (!cached) {
      cached = this.getJson<JsonSchema>(
        `/schemas/${encodeURIComponent(name)}`,
        options,
      );
      // a failed load is not cached: the next call tries again
      cached.catch(() => this.schemas.delete(name));
      this.schemas.set(name, cached);
    }
    return cached;
  }

  async previewUpgrade(
    request: { location: string; answers?: Record<string, unknown> },
    options?: RequestOptions,
  ): Promise<UpgradePreviewResult> {
    const res = await this.post('/upgrade/preview', request, options);
    if (!res.ok) {
      const { message, issues } = await readError(res);
      if (res.status === 400 && issues.length) return { ok: false, issues };
      throw new IacRequestError(message, res.status, issues);
    }
    return { ok: true, preview: (await res.json()) as UpgradePreview };
  }

  async validate(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions,
  ): Promise<ValidateResponse> {
    const res = await this.post(
      `/validate/${encodeURIComponent(kind)}`,
      payload,
      options,
    );
    if (!res.ok) {
      const { message, issues } = await readError(res);
      if (res.status === 400) {
        return {
          ok: false,
          issues: issues.length ? issues : [{ path: '', message }],
        };
      }
      throw new IacRequestError(message, res.status, issues);
    }
    const body = (await res.json()) as Partial<ValidateResponse>;
    const issues = isIssueList(body.issues) ? body.issues : [];
    return { ok: Boolean(body.ok) && issues.length === 0, issues };
  }

  async preview(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions & { checks?: boolean },
  ): Promise<PreviewResult> {
    const query = options?.checks ? '?checks=true' : '';
    const res = await this.post(
      `/generate/${encodeURIComponent(kind)}/preview${query}`,
      payload,
      options,
    );
    if (res.status === 400) {
      const { message, issues } = await readError(res);
      return {
        ok: false,
        message,
        issues: issues.length ? issues : [{ path: '', message }],
      };
    }
    if (!res.ok) {
      const { message, issues } = await readError(res);
      throw new IacRequestError(message, res.status, issues);
    }
    const preview = (await res.json()) as PreviewResponse;
    return { ok: true, preview };
  }

  async download(
    kind: GenerateKind,
    payload: unknown,
    options?: RequestOptions,
  ): Promise<IacArchive> {
    const res = await this.post(
      `/generate/${encodeURIComponent(kind)}/download`,
      payload,
      options,
    );
    if (!res.ok) {
      const { message, issues } = await readError(res);
      throw new IacRequestError(message, res.status, issues);
    }
    return {
      blob: await res.blob(),
      filename: filenameFromDisposition(res.headers.get('Content-Disposition')),
    };
  }

  async readAnswers(
    sourceLocation: string,
    options?: RequestOptions,
  ): Promise<Record<string, unknown> | undefined> {
    for (const url of answersUrls(sourceLocation)) {
      try {
        const res = await this.fetchApi.fetch(url, { signal: options?.signal });
        if (!res.ok) continue;
        const body = (await res.json()) as unknown;
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          return body as Record<string, unknown>;
        }
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') throw error;
        // not readable from the browser (CORS, private repository, offline)
      }
    }
    return undefined;
  }
}
