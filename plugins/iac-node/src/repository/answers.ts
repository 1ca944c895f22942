/*
 * Changed answers: a patch merged over the recorded payload, and the paths
 * whose values differ between two payloads (for the upgrade summary).
 */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The recorded payload with a patch applied: objects are merged key by
 * key, `null` removes a key, anything else replaces the value.
 */
export function mergeAnswers(
  recorded: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = JSON.parse(JSON.stringify(recorded));
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete out[key];
    } else if (isObject(value) && isObject(out[key])) {
      out[key] = mergeAnswers(out[key] as Record<string, unknown>, value);
    } else {
      out[key] = JSON.parse(JSON.stringify(value));
    }
  }
  return out;
}

/** Dotted paths whose values differ (objects compared key by key, arrays as a whole). */
export function changedPaths(
  before: unknown,
  after: unknown,
  prefix = '',
): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys
      .sort()
      .flatMap(k =>
        changedPaths(before[k], after[k], prefix ? `${prefix}.${k}` : k),
      );
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [prefix || '(payload)'];
}
