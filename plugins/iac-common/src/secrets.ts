/*
 * Secret fields: accepted in payloads so a form can collect them in one
 * place, but never rendered into a generated repository. Callers strip them
 * (and store them as repository / Actions secrets) before rendering.
 */

/** Dotted paths of the secret fields of a platform or helm payload. */
export const SECRET_FIELDS = [
  'helm_context.logs_grafana_cloud_auth_token',
  'helm_context.logs_splunk_token',
  'helm_context.telemetry_auth_token',
] as const;

/** A secret field path. */
export type SecretField = (typeof SECRET_FIELDS)[number];

function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = cloneJson(v);
    return out as T;
  }
  return value;
}

function locate(
  root: unknown,
  path: string,
): { parent: Record<string, unknown>; key: string } | undefined {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (!node || typeof node !== 'object') return undefined;
  return {
    parent: node as Record<string, unknown>,
    key: keys[keys.length - 1],
  };
}

/**
 * Returns a copy of `payload` without the secret fields, and the removed
 * values by path (only the ones that were set). `payload` is not modified.
 */
export function stripSecrets<T>(payload: T): {
  payload: T;
  secrets: Partial<Record<SecretField, string>>;
} {
  const copy = cloneJson(payload);
  const secrets: Partial<Record<SecretField, string>> = {};
  for (const field of SECRET_FIELDS) {
    const at = locate(copy, field);
    if (at && Object.prototype.hasOwnProperty.call(at.parent, at.key)) {
      const value = at.parent[at.key];
      if (typeof value === 'string') secrets[field] = value;
      delete at.parent[at.key];
    }
  }
  return { payload: copy, secrets };
}

/** A copy of `payload` with each set secret replaced by "***" (for logs and previews). */
export function redactSecrets<T>(payload: T): T {
  const copy = cloneJson(payload);
  for (const field of SECRET_FIELDS) {
    const at = locate(copy, field);
    if (at && at.parent[at.key] !== undefined) at.parent[at.key] = '***';
  }
  return copy;
}
