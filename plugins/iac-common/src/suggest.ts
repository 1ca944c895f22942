/*
 * "Did you mean" for unknown field names: the known key closest to a
 * mistyped one. Cheap by construction: a bounded edit distance that gives up
 * as soon as the bound is exceeded, and no work at all for keys too long to
 * be a typo of a field name.
 */

/** Keys longer than this get no suggestion (no field name is that long). */
const MAX_SUGGESTED_KEY_LENGTH = 64;

/**
 * The Levenshtein distance of `a` and `b` when it is at most `max`, else
 * undefined. O(min(|a|,|b|) × (2·max+1)) at most, and it stops at the first
 * row whose best value exceeds `max`.
 */
export function editDistanceWithin(
  a: string,
  b: string,
  max: number,
): number | undefined {
  if (Math.abs(a.length - b.length) > max) return undefined;
  // rows over the shorter string
  const [s, t] = a.length <= b.length ? [a, b] : [b, a];
  const INF = max + 1;
  let prev = Array.from({ length: t.length + 1 }, (_, j) =>
    j <= max ? j : INF,
  );
  for (let i = 1; i <= s.length; i++) {
    const row = new Array<number>(t.length + 1).fill(INF);
    row[0] = i <= max ? i : INF;
    const from = Math.max(1, i - max);
    const to = Math.min(t.length, i + max);
    let best = row[0];
    for (let j = from; j <= to; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      const d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      row[j] = d > max ? INF : d;
      if (row[j] < best) best = row[j];
    }
    if (best > max) return undefined;
    prev = row;
  }
  return prev[t.length] <= max ? prev[t.length] : undefined;
}

function toSnakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s.]+/g, '_')
    .toLowerCase();
}

/** The known key a (mistyped) key most likely meant, if any is close enough. */
export function suggestKey(
  key: string,
  known: readonly string[],
): string | undefined {
  if (key.length > MAX_SUGGESTED_KEY_LENGTH) return undefined;
  const snake = toSnakeCase(key);
  if (snake !== key && known.includes(snake)) return snake;
  let best: string | undefined;
  // only candidates strictly better than the best so far are worth computing
  let bound = Math.max(2, Math.floor(snake.length / 5));
  for (const candidate of known) {
    const d = editDistanceWithin(snake, candidate, bound);
    if (d !== undefined) {
      best = candidate;
      if (d === 0) break;
      bound = d - 1;
    }
  }
  return best;
}
