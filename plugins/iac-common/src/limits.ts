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
 * Field names no payload may use: `__proto__` as an own key (JSON.parse makes
 * one) would replace the prototype of the object it is copied into, so a map
 * entry would be silently dropped or, worse, change behaviour.
 */
const FORBIDDEN_KEYS = new Set(['__proto__']);

/** Forbidden keys reported at most (they are all reported, up to this). */
const MAX_FORBIDDEN_KEY_ISSUES = 20;

/**
 * The structural problems of a raw payload: the first breach of the shape
 * limits (alone), else every forbidden field name (up to a cap). Empty when
 * there is none. `pathPrefix` is prepended to issue paths.
 */
export function payloadShapeIssues(
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
): ValidationIssue[] {
  const limit = payloadLimitIssue(input, pathPrefix);
  if (limit) return [limit];
  const issues: ValidationIssue[] = [];
  walk(input, pathPrefix, (value, path) => {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key) && issues.length < MAX_FORBIDDEN_KEY_ISSUES) {
        issues.push({
          path: formatPath([...path, key]),
          message: `The field name ${JSON.stringify(
            key,
          )} is not allowed (it names a JavaScript object's prototype)`,
        });
      }
    }
  });
  return issues;
}

/**
 * Visits every object and array once (depth-first, without recursion) until
 * `visit` returns true. `depth` is 1 for the input itself.
 */
function walk(
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey>,
  visit: (value: object, path: PropertyKey[], depth: number) => boolean | void,
) {
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
    if (visit(value, path, path.length - pathPrefix.length + 1)) return;
    for (const key of Object.keys(value)) {
      stack.push({
        value: (value as Record<string, unknown>)[key],
        path: [...path, Array.isArray(value) ? Number(key) : key],
      });
    }
  }
}

/**
 * The first breach of the shape limits in `input`, as an issue, or undefined.
 * `pathPrefix` is prepended to issue paths.
 */
export function payloadLimitIssue(
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
): ValidationIssue | undefined {
  let issue: ValidationIssue | undefined;
  walk(input, pathPrefix, (value, path, depth) => {
    if (depth > MAX_PAYLOAD_DEPTH) {
      issue = {
        path: shownPath(path),
        message: `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`,
      };
      return true;
    }
    const size = Array.isArray(value)
      ? value.length
      : Object.keys(value).length;
    if (size > MAX_FIELDS_PER_OBJECT) {
      const [things, container] = Array.isArray(value)
        ? ['items', 'array']
        : ['fields', 'object'];
      issue = {
        path: shownPath(path),
        message: `Has ${size} ${things}; at most ${MAX_FIELDS_PER_OBJECT} are accepted in one ${container}`,
      };
      return true;
    }
    return false;
  });
  return issue;
}
