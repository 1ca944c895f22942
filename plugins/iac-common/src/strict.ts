/*
 * Strict objects: unknown keys are rejected (a typo must never be silently
 * ignored), with a message naming the key and, when one is close, the field
 * that was probably meant.
 */
import { z } from 'zod';

export interface StrictObjectOptions {
  /**
   * Extra explanations for keys that are known elsewhere in the contract but
   * not here (e.g. `vm_size` in an AWS terraform_context).
   */
  foreignKeyHints?: Readonly<Record<string, string>>;
}

interface KnownKeys {
  keys: readonly string[];
  hints: Readonly<Record<string, string>>;
}

// Raw input object -> the keys its schema knows. Filled while parsing so that
// the issue formatter can suggest the intended field for each unknown key.
const knownKeysByInput = new WeakMap<object, KnownKeys>();

/** @internal Known keys recorded for a raw input object that had unknown keys. */
export function knownKeysForInput(input: unknown): KnownKeys | undefined {
  return input && typeof input === 'object'
    ? knownKeysByInput.get(input as object)
    : undefined;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(
        prev[j] + 1,
        prev[j - 1] + 1,
        diag + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diag = tmp;
    }
  }
  return prev[b.length];
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
  const snake = toSnakeCase(key);
  if (snake !== key && known.includes(snake)) return snake;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(snake, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const tolerance = Math.max(2, Math.floor(snake.length / 5));
  return bestDistance <= tolerance ? best : undefined;
}

function printableKey(key: string): string {
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return JSON.stringify(shown);
}

/** Message for one unknown key. */
export function unknownKeyMessage(key: string, known?: KnownKeys): string {
  let message = `Unknown field ${printableKey(key)}`;
  const hint = known?.hints[key];
  if (hint) {
    message += `: ${hint}`;
  } else {
    const suggestion = known ? suggestKey(key, known.keys) : undefined;
    if (suggestion) message += ` (did you mean "${suggestion}"?)`;
  }
  return `${message}. Unknown fields are rejected so that a typo is never silently ignored.`;
}

/** `z.strictObject` with descriptive unknown-key messages. */
export function strictObject<T extends z.ZodRawShape>(
  shape: T,
  options: StrictObjectOptions = {},
) {
  const known: KnownKeys = {
    keys: Object.keys(shape),
    hints: options.foreignKeyHints ?? {},
  };
  return z.strictObject(shape, {
    error: issue => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      if (issue.input && typeof issue.input === 'object') {
        knownKeysByInput.set(issue.input as object, known);
      }
      return issue.keys.map(k => unknownKeyMessage(k, known)).join(' ');
    },
  });
}
