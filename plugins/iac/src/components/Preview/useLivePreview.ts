import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { iacApiRef } from '../../api/IacApi';
import {
  GenerateKind,
  PreviewResponse,
  PreviewResult,
  ValidationIssue,
} from '../../api/types';

export type LivePreviewStatus =
  /** nothing to preview (disabled or no payload yet) */
  | 'idle'
  /** the payload changed; waiting for the debounce */
  | 'waiting'
  | 'loading'
  | 'ready'
  /** the API refused the payload: see issues */
  | 'invalid'
  /** the request failed (network, 5xx) */
  | 'error';

export interface LivePreviewState {
  status: LivePreviewStatus;
  /** The latest preview (kept while a newer payload is being rendered). */
  preview?: PreviewResponse;
  /** The last preview with different content: the diff baseline. */
  previous?: PreviewResponse;
  /** Field-path issues of the current payload. */
  issues: ValidationIssue[];
  error?: Error;
  /** Duration of the last update: request sent → files received. */
  elapsedMs?: number;
  /** Request sent → output checks received. */
  checksMs?: number;
  /** The output checks of the current preview are still running. */
  checking?: boolean;
  /** The output checks failed to run (the files are still shown). */
  checksError?: Error;
  /** True when `preview` belongs to an older payload than the current one. */
  stale: boolean;
  /** Requests started / aborted (for the curious, and for tests). */
  requests: number;
  aborted: number;
}

export interface LivePreviewOptions {
  kind: GenerateKind;
  payload: unknown;
  /** Equal keys mean equal payloads (default: JSON of the payload). */
  payloadKey?: string;
  /** Debounce after the last change, in ms (default 400). */
  debounceMs?: number;
  /** Ask the API to run the output checks (default true). */
  checks?: boolean;
  /** Set false to pause (e.g. while the JSON does not parse). */
  enabled?: boolean;
  /**
   * Keeps the last preview under this key while the component is unmounted
   * (a scaffolder step left and entered again), so it shows at once and
   * stays the diff baseline for the next one.
   */
  cacheKey?: string;
}

const CACHE_LIMIT = 20;
const lastPreviews = new Map<string, PreviewResponse>();

/** Forgets the cached previews (tests). */
export function clearPreviewCache() {
  lastPreviews.clear();
}

function remember(key: string | undefined, preview: PreviewResponse) {
  if (!key) return;
  lastPreviews.delete(key);
  lastPreviews.set(key, preview);
  while (lastPreviews.size > CACHE_LIMIT) {
    lastPreviews.delete(lastPreviews.keys().next().value as string);
  }
}

const INITIAL: LivePreviewState = {
  status: 'idle',
  issues: [],
  stale: false,
  requests: 0,
  aborted: 0,
};

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter(i => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const now = () =>
  typeof performance !== 'undefined' ? performance.now() : Date.now();

/**
 * Validates and previews a payload as it changes: debounced, and the
 * requests of an outdated payload are aborted (AbortController) as soon as
 * the payload changes again. /validate (issues) and the preview without
 * checks (files, fast) run in parallel; for a valid payload the preview
 * with `?checks=true` follows (the same files plus the output checks'
 * findings).
 */
export function useLivePreview(options: LivePreviewOptions) {
  const {
    kind,
    payload,
    debounceMs = 400,
    checks = true,
    enabled = true,
    cacheKey,
  } = options;
  const key = options.payloadKey ?? JSON.stringify(payload ?? null);
  // the fields live in the scaffolder: cope with an app without the iac plugin
  const api = useApiHolder().get(iacApiRef);
  const [state, setState] = useState<LivePreviewState>(() => {
    const cached = cacheKey ? lastPreviews.get(cacheKey) : undefined;
    return cached ? { ...INITIAL, preview: cached, stale: true } : INITIAL;
  });
  const [refreshes, setRefreshes] = useState(0);
  const payloadRef = useRef(payload);
  payloadRef.current = payload;
  const immediate = useRef(false);

  useEffect(() => {
    if (!enabled) {
      setState(s => ({ ...s, status: 'idle', stale: Boolean(s.preview) }));
      return undefined;
    }
    if (!api) {
      setState(s => ({
        ...s,
        status: 'error',
        error: new Error(
          'the IaC Forge API (api:iac) is not installed in this app: add @iacforge/plugin-iac',
        ),
      }));
      return undefined;
    }
    const controller = new AbortController();
    let inFlight = false;
    setState(s => ({
      ...s,
      status: 'waiting',
      stale: Boolean(s.preview),
    }));
    const run = () => {
      inFlight = true;
      const requestPayload = payloadRef.current;
      const t0 = now();
      setState(s => ({
        ...s,
        status: 'loading',
        checking: false,
        requests: s.requests + 1,
      }));
      const signal = controller.signal;
      const validation = api
        .validate(kind, requestPayload, { signal })
        .then(result => {
          if (signal.aborted) return;
          setState(s => ({
            ...s,
            issues: result.issues,
            // a refused payload needs no preview to say so
            ...(result.ok ? {} : { status: 'invalid' as const }),
          }));
        })
        .catch(() => {
          // the preview calls report failures
        });

      /** Applies a preview answer (the quick one, or the one with checks). */
      let filesMs: number | undefined;
      const apply = (result: PreviewResult, withChecks: boolean) => {
        const elapsed = now() - t0;
        // the first answer of this request is when the files showed
        filesMs ??= elapsed;
        const elapsedMs = filesMs;
        if (!result.ok) {
          setState(s => ({
            ...s,
            status: 'invalid',
            checking: false,
            issues: dedupe([...s.issues, ...result.issues]),
            error: undefined,
            elapsedMs,
            stale: Boolean(s.preview),
          }));
          return;
        }
        const incoming = result.preview;
        setState(s => {
          const sameContent = s.preview?.content_hash === incoming.content_hash;
          // findings belong to the content: an answer without checks keeps them
          const preview =
            sameContent && !withChecks && s.preview?.findings
              ? { ...incoming, findings: s.preview.findings }
              : incoming;
          remember(cacheKey, preview);
          return {
            ...s,
            status: 'ready',
            preview,
            previous: s.preview && !sameContent ? s.preview : s.previous,
            issues: [],
            error: undefined,
            elapsedMs,
            checksMs: withChecks ? elapsed : s.checksMs,
            checking: withChecks ? false : checks && !preview.findings,
            checksError: withChecks ? undefined : s.checksError,
            stale: false,
          };
        });
      };

      // files first (fast); then, for a valid payload, the same files with
      // the output checks: sent after the quick answer so the CPU-heavy
      // checks do not delay it on the server
      const settle = async (
        result: PreviewResult,
        withChecks: boolean,
      ): Promise<void> => {
        // issues of a refused payload merge with /validate's: wait for it
        if (!result.ok) await validation;
        if (signal.aborted) return;
        apply(result, withChecks);
      };
      const fail = (error: Error) => {
        if (signal.aborted || error?.name === 'AbortError') return;
        setState(s => ({
          ...s,
          status: 'error',
          checking: false,
          error,
          elapsedMs: now() - t0,
          stale: Boolean(s.preview),
        }));
      };
      const runChecks = async () => {
        try {
          const result = await api.preview(kind, requestPayload, {
            signal,
            checks: true,
          });
          await settle(result, true);
        } catch (error) {
          // the files are shown; a failed check run only loses the findings
          if (signal.aborted || (error as Error)?.name === 'AbortError') return;
          setState(s => ({
            ...s,
            checking: false,
            checksError: error as Error,
          }));
        }
      };
      api
        .preview(kind, requestPayload, { signal, checks: false })
        .then(async result => {
          await settle(result, false);
          if (checks && result.ok && !signal.aborted) await runChecks();
        }, fail)
        .finally(() => {
          inFlight = false;
        });
    };
    const delay = immediate.current ? 0 : debounceMs;
    immediate.current = false;
    const timer = setTimeout(run, delay);
    return () => {
      clearTimeout(timer);
      if (inFlight && !controller.signal.aborted) {
        controller.abort();
        setState(s => ({ ...s, aborted: s.aborted + 1 }));
      }
    };
    // payload is read through payloadRef; key stands for it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, kind, key, checks, enabled, debounceMs, refreshes, cacheKey]);

  /** Re-renders now (no debounce). */
  const refresh = useCallback(() => {
    immediate.current = true;
    setRefreshes(n => n + 1);
  }, []);

  return { ...state, refresh };
}
