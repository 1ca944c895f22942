/*
 * Just enough JSON Schema walking for the playground: the properties valid
 * at a path of the document (following oneOf/anyOf branches that match the
 * document, e.g. the `cloud` discriminator), and a flat field list.
 */
export type Schema = { [key: string]: unknown };
export type PathSegment = string | number;

function asSchema(value: unknown): Schema | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Schema)
    : undefined;
}

function schemaList(value: unknown): Schema[] {
  return Array.isArray(value)
    ? value.map(asSchema).filter((s): s is Schema => Boolean(s))
    : [];
}

function resolveRef(root: Schema, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = asSchema(node)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return asSchema(node) ?? schema;
}

/** A branch conflicts with the document when one of its `const` properties differs. */
function branchMatches(root: Schema, branch: Schema, doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return true;
  const props = asSchema(resolveRef(root, branch).properties);
  if (!props) return true;
  for (const [key, raw] of Object.entries(props)) {
    const prop = asSchema(raw);
    if (prop && 'const' in prop) {
      const value = (doc as Record<string, unknown>)[key];
      if (value !== undefined && value !== prop.const) return false;
    }
  }
  return true;
}

/** The schema and its applicable branches, flattened. */
export function expand(
  root: Schema,
  schema: Schema,
  doc: unknown,
  depth = 0,
): Schema[] {
  if (depth > 8) return [];
  const s = resolveRef(root, schema);
  const out: Schema[] = [s];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of schemaList(s[key])) {
      if (key === 'allOf' || branchMatches(root, branch, doc)) {
        out.push(...expand(root, branch, doc, depth + 1));
      }
    }
  }
  return out;
}

function valueAt(doc: unknown, segment: PathSegment): unknown {
  if (doc && typeof doc === 'object') {
    return (doc as Record<string | number, unknown>)[segment];
  }
  return undefined;
}

/** Candidate schemas at a document path. */
export function schemasAt(
  root: Schema,
  path: PathSegment[],
  doc: unknown,
): Schema[] {
  let current = expand(root, root, doc);
  let value = doc;
  for (const segment of path) {
    const next: Schema[] = [];
    const child = valueAt(value, segment);
    for (const s of current) {
      if (typeof segment === 'number') {
        const items = asSchema(s.items);
        if (items) next.push(...expand(root, items, child));
      } else {
        const prop = asSchema(asSchema(s.properties)?.[segment]);
        if (prop) next.push(...expand(root, prop, child));
        else {
          const additional = asSchema(s.additionalProperties);
          if (additional) next.push(...expand(root, additional, child));
        }
      }
    }
    current = next;
    value = child;
    if (!current.length) break;
  }
  return current;
}

/** Properties allowed at a document path (object schemas only). */
export function propertiesAt(
  root: Schema,
  path: PathSegment[],
  doc: unknown,
): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const s of schemasAt(root, path, doc)) {
    const props = asSchema(s.properties);
    if (!props) continue;
    for (const [key, raw] of Object.entries(props)) {
      const prop = asSchema(raw);
      if (prop && !out.has(key)) out.set(key, resolveRef(root, prop));
    }
  }
  return out;
}

/** Literal values a schema allows (enum, const, booleans). */
export function valueChoices(root: Schema, schemas: Schema[]): unknown[] {
  const out: unknown[] = [];
  const push = (v: unknown) => {
    if (!out.some(x => JSON.stringify(x) === JSON.stringify(v))) out.push(v);
  };
  for (const s0 of schemas) {
    for (const s of expand(root, s0, undefined)) {
      if ('const' in s) push(s.const);
      if (Array.isArray(s.enum)) s.enum.forEach(push);
      if (s.type === 'boolean') {
        push(true);
        push(false);
      }
    }
  }
  return out;
}

/** A short type description: "integer 0–1000", "\"aws\" | \"azure\"", "string". */
export function describeType(root: Schema, schema: Schema): string {
  const branches = expand(root, schema, undefined);
  const parts = new Set<string>();
  for (const s of branches) {
    if ('const' in s) parts.add(JSON.stringify(s.const));
    else if (Array.isArray(s.enum)) {
      s.enum.forEach(v => parts.add(JSON.stringify(v)));
    } else if (typeof s.type === 'string') {
      let t = s.type;
      if (t === 'array') {
        const items = asSchema(s.items);
        const it = items ? describeType(root, items) : 'any';
        t = `array of ${it}`;
      }
      const min = s.minimum ?? s.minLength;
      const max = s.maximum ?? s.maxLength;
      if (
        (t === 'integer' || t === 'number') &&
        (min !== undefined || max !== undefined)
      ) {
        t += ` ${min ?? ''}–${max ?? ''}`;
      }
      parts.add(t);
    } else if (Array.isArray(s.type)) {
      s.type.forEach(x => parts.add(String(x)));
    }
  }
  return [...parts].slice(0, 8).join(' | ') || 'any';
}

export interface SchemaField {
  /** Dotted path, arrays as "[]" (e.g. "helm_context.env[].name"). */
  path: string;
  type: string;
  description?: string;
  default?: unknown;
  required: boolean;
  secret: boolean;
  depth: number;
}

/** Every field of a schema (for the document's branch), depth-first. */
export function flattenFields(
  root: Schema,
  doc: unknown,
  maxDepth = 4,
): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (
    schemas: Schema[],
    prefix: string,
    value: unknown,
    depth: number,
  ) => {
    if (depth > maxDepth) return;
    const required = new Set<string>();
    const props = new Map<string, Schema>();
    for (const s of schemas) {
      (Array.isArray(s.required) ? s.required : []).forEach(r =>
        required.add(String(r)),
      );
      const p = asSchema(s.properties);
      if (!p) continue;
      for (const [key, raw] of Object.entries(p)) {
        const prop = asSchema(raw);
        if (prop && !props.has(key)) props.set(key, resolveRef(root, prop));
      }
    }
    for (const [key, prop] of props) {
      const path = prefix ? `${prefix}.${key}` : key;
      const child = valueAt(value, key);
      const branches = expand(root, prop, child);
      out.push({
        path,
        type: describeType(root, prop),
        description:
          typeof prop.description === 'string' ? prop.description : undefined,
        default: prop.default,
        required: required.has(key),
        secret: Boolean(prop.writeOnly || prop['x-iacforge-secret']),
        depth,
      });
      if (branches.some(b => asSchema(b.properties))) {
        walk(branches, path, child, depth + 1);
      } else {
        const items = branches
          .map(b => asSchema(b.items))
          .filter((s): s is Schema => Boolean(s))
          .flatMap(s => expand(root, s, undefined));
        if (items.some(i => asSchema(i.properties))) {
          walk(items, `${path}[]`, undefined, depth + 1);
        }
      }
    }
  };
  walk(expand(root, root, doc), '', doc, 0);
  return out;
}

/** Parses an issue path: 'a.b[0].c', 'tags["team name"]' → segments. */
export function parseIssuePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let match = re.exec(path); match; match = re.exec(path)) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[3] !== undefined) {
      try {
        out.push(JSON.parse(match[3]) as string);
      } catch {
        out.push(match[3].slice(1, -1));
      }
    }
  }
  return out;
}
