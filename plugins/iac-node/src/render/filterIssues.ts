/*
 * A value the contract accepts but an escaping filter refuses is the
 * input's fault, not the tree's: it becomes a ValidationIssue at the field
 * path of the refused value in the payload. Filters see values, not
 * expressions, so the path is found by looking the value up in the payload;
 * a refusal that cannot be traced to a field (a missing value, engine
 * metadata) is a fault of the template tree and stays an error.
 */
import { formatPath, ValidationIssue } from '@iacforge/plugin-iac-common';
import { TemplateRenderError } from './renderTree';

/** Where a scalar `value` occurs in `payload` (at most `max` paths). */
export function pathsOf(payload: unknown, value: unknown, max = 5): string[] {
  const found: string[] = [];
  const stack: Array<{ at: unknown; path: PropertyKey[] }> = [
    { at: payload, path: [] },
  ];
  while (stack.length && found.length < max) {
    const { at, path } = stack.pop()!;
    if (at === value) {
      found.push(formatPath(path));
    } else if (at && typeof at === 'object') {
      for (const key of Object.keys(at).reverse()) {
        stack.push({
          at: (at as Record<string, unknown>)[key],
          path: [...path, Array.isArray(at) ? Number(key) : key],
        });
      }
    }
  }
  return found;
}

/**
 * The issues of a render error caused by a payload value, or undefined when
 * the error is the template tree's own fault.
 */
export function filterIssues(
  error: unknown,
  payload: Record<string, unknown>,
): ValidationIssue[] | undefined {
  if (!(error instanceof TemplateRenderError) || !error.filterError) {
    return undefined;
  }
  const { value, message } = error.filterError;
  if (value === undefined || (value !== null && typeof value === 'object')) {
    return undefined;
  }
  const paths = pathsOf(payload, value);
  if (!paths.length) {
    return undefined;
  }
  return paths.map(path => ({
    path,
    message: `Cannot be rendered into ${error.file}: ${message}`,
  }));
}
