/*
 * Shape limits of a raw payload, checked before anything else looks at it
 * (schema validation, the preview cache key, the renderer): nesting depth
 * and fields per object. The contract's payloads are a few levels deep and
 * have at most a few hundred fields per object, so anything beyond the limits
 * is rejected in one cheap, iterative pass (no recursion, so no stack
 * overflow however deep the input).
 */
import { formatPath, ValidationIssue } from './issues';

/** Deepest nesting of objects and arrays accepted. */
export const MAX_PAYLOAD_DEPTH = 64;

/** Most fields (or array items) accepted in one object (or array). */
export const MAX_FIELDS_PER_OBJECT = 500;

/** Path segments shown for an issue deep inside a payload. */
const SHOWN_SEGMENTS = 8;

function shownPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length > SHOWN_SEGMENTS
    ? `${formatPath(path.slice(0, SHOWN_SEGMENTS))}…`
    : formatPath(path);
}

/**
 * The first breach of the shape limits in `input`, as an issue, or undefined.
 * `pathPrefix` is prepended to issue paths.
 */
export function payloadLimitIssue(
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
): ValidationIssue | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [
    { value: input, path: [...pathPrefix] },
  ];
  // (JSON has no shared or cyclic objects; other callers' are walked once)
  const seen = new WeakSet<object>();
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) {
      continue;
    }
    seen.add(value);
    const depth = path.length - pathPrefix.length + 1;
    if (depth > MAX_PAYLOAD_DEPTH) {
      return {
        path: shownPath(path),
        message: `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`,
      };
    }
    const keys = Array.isArray(value)
      ? Array.from({ length: value.length }, (_, i) => i)
      : Object.keys(value);
    if (keys.length > MAX_FIELDS_PER_OBJECT) {
      return {
        path: shownPath(path),
        message: `Has ${keys.length} ${
          Array.isArray(value) ? 'items' : 'fields'
        }; at most ${MAX_FIELDS_PER_OBJECT} are accepted in one ${
          Array.isArray(value) ? 'array' : 'object'
        }`,
      };
    }
    for (const key of keys) {
      stack.push({
        value: (value as Record<PropertyKey, unknown>)[key],
        path: [...path, key],
      });
    }
  }
  return undefined;
}
