/*
 * Schema errors in words: ajv's errors as field paths of the object
 * (`spec.ports[0].name`) with what was wrong and the value found.
 */
import { ErrorObject } from 'ajv';
import { isPlainObject } from './util';

export interface SchemaIssue {
  path: ObjectPath;
  /** True when the key itself (not its value) is the problem. */
  atKey: boolean;
  message: string;
}

/** A path inside a Kubernetes object, e.g. `['spec', 'ports', 0, 'port']`. */
export type ObjectPath = Array<string | number>;

export type ValidationError = Pick<
  ErrorObject,
  'instancePath' | 'keyword' | 'params' | 'message'
>;

/** `['spec', 'ports', 0, 'app.kubernetes.io/name']` → `spec.ports[0]["app.kubernetes.io/name"]` */
export function formatPath(at: ObjectPath): string {
  let out = '';
  for (const segment of at) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out || '(root)';
}

function parsePointer(pointer: string, root: unknown): ObjectPath {
  if (!pointer) {
    return [];
  }
  const out: ObjectPath = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      out.push(Number(segment));
      node = node[Number(segment)];
    } else {
      out.push(segment);
      node = isPlainObject(node) ? node[segment] : undefined;
    }
  }
  return out;
}

function valueAt(root: unknown, at: ObjectPath): unknown {
  let node = root;
  for (const segment of at) {
    if (Array.isArray(node) && typeof segment === 'number') {
      node = node[segment];
    } else if (isPlainObject(node) && typeof segment === 'string') {
      node = node[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `${typeof value} ${String(value)}`;
}

/** Turns ajv errors into one readable issue per problem. */
export function describeErrors(
  errors: ValidationError[],
  root: unknown,
): SchemaIssue[] {
  const byPath = new Map<string, ValidationError[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const issues: SchemaIssue[] = [];
  for (const [pointer, group] of byPath) {
    const at = parsePointer(pointer, root);
    const value = valueAt(root, at);
    const got = `(got ${describeValue(value)})`;
    const alternatives = group.some(
      e => e.keyword === 'anyOf' || e.keyword === 'oneOf',
    );
    const types = [
      ...new Set(
        group
          .filter(e => e.keyword === 'type')
          .map(e => String((e.params as { type?: unknown }).type)),
      ),
    ];
    if (alternatives && types.length > 0) {
      issues.push({
        path: at,
        atKey: false,
        message: `must be ${types.join(' or ')} ${got}`,
      });
    }
    for (const error of group) {
      const params = error.params as Record<string, unknown>;
      switch (error.keyword) {
        case 'anyOf':
        case 'oneOf':
          if (types.length === 0) {
            issues.push({
              path: at,
              atKey: false,
              message: `does not match any allowed shape ${got}`,
            });
          }
          break;
        case 'type':
          if (!alternatives) {
            issues.push({
              path: at,
              atKey: false,
              message: `must be ${params.type} ${got}`,
            });
          }
          break;
        case 'required':
          issues.push({
            path: [...at, String(params.missingProperty)],
            atKey: false,
            message: 'required field is missing',
          });
          break;
        case 'additionalProperties':
          issues.push({
            path: [...at, String(params.additionalProperty)],
            atKey: true,
            message: 'unknown field',
          });
          break;
        case 'enum':
          issues.push({
            path: at,
            atKey: false,
            message: `must be one of ${(params.allowedValues as unknown[])
              .map(v => JSON.stringify(v))
              .join(', ')} ${got}`,
          });
          break;
        case 'format':
          issues.push({
            path: at,
            atKey: false,
            message: `must be a valid ${params.format} ${got}`,
          });
          break;
        default:
          issues.push({
            path: at,
            atKey: false,
            message: `${error.message ?? `fails "${error.keyword}"`} ${got}`,
          });
      }
    }
  }
  return issues;
}

export function errorsOf(error: unknown): ValidationError[] | undefined {
  if (typeof error === 'object' && error !== null && 'errors' in error) {
    const list = (error as { errors: unknown }).errors;
    if (Array.isArray(list)) {
      return list.filter(
        (e): e is ValidationError =>
          isPlainObject(e) &&
          typeof e.instancePath === 'string' &&
          typeof e.keyword === 'string',
      );
    }
  }
  return undefined;
}
