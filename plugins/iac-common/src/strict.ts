/*
 * Strict objects: unknown keys are rejected (a typo must never be silently
 * ignored), with a message naming the key and, when one is close, the field
 * that was probably meant.
 */
import { z } from 'zod';
import { suggestKey } from './suggest';

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

function printableKey(key: string): string {
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return JSON.stringify(shown);
}

/** Message for one unknown key. */
export function unknownKeyMessage(key: string, known?: KnownKeys): string {
  let message = `Unknown field ${printableKey(key)}`;
  const hint =
    known && Object.hasOwn(known.hints, key) ? known.hints[key] : undefined;
  if (hint) {
    message += `: ${hint}`;
  } else {
    const suggestion = known ? suggestKey(key, known.keys) : undefined;
    if (suggestion) message += ` (did you mean "${suggestion}"?)`;
  }
  return `${message}. Unknown fields are rejected so that a typo is never silently ignored.`;
}

/** Unknown keys described in the zod issue's own message. */
const MESSAGE_KEYS = 5;

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
      // the parse functions report each key on its own (toValidationIssues);
      // this summary is for direct zod users, bounded whatever the input
      const shown = issue.keys
        .slice(0, MESSAGE_KEYS)
        .map(k => unknownKeyMessage(k, known));
      const more = issue.keys.length - shown.length;
      return more > 0
        ? `${shown.join(' ')} (and ${more} more unknown field(s))`
        : shown.join(' ');
    },
  });
}
