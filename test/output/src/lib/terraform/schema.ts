/*
 * Provider-schema conformance, offline: every resource / data source type,
 * argument and nested block of a module exists in the pinned provider's
 * schema, read-only attributes are never set, every required argument and
 * block is present, single blocks appear once, and every reference
 * `type.name.attr` / `data.type.name.attr` names a declared resource and an
 * attribute the type has. The schemas are the compact JSON files in
 * test/output/provider-schemas/ (see scripts/extract-provider-schemas.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Body, resourcesOf, blocksOf, stripComments, TfModule } from './hcl';

/** `r` required, `o` optional, `c` read-only (computed). */
export type AttrFlag = 'r' | 'o' | 'c';

export type BlockSchema = {
  attrs: Record<string, AttrFlag>;
  blocks?: Record<string, NestedBlockSchema>;
};

export type NestedBlockSchema = BlockSchema & {
  req?: boolean;
  max1?: boolean;
  /** A single nested object: block syntax or a nested attribute (`x = { }`). */
  struct?: boolean;
};

export type ProviderSchema = {
  provider: string;
  source: string;
  provider_version: string;
  extracted_from: string;
  provider_config: BlockSchema;
  resources: Record<string, BlockSchema>;
  data_sources: Record<string, BlockSchema>;
};

// test code runs from source
// eslint-disable-next-line no-restricted-syntax
export const SCHEMA_DIR = path.resolve(__dirname, '../../../provider-schemas');

let loaded: Map<string, ProviderSchema> | undefined;

/** The vendored schemas, by provider local name (aws, azurerm, google, helm). */
export function providerSchemas(): Map<string, ProviderSchema> {
  if (!loaded) {
    loaded = new Map();
    for (const file of fs
      .readdirSync(SCHEMA_DIR)
      .filter(f => f.endsWith('.json'))
      .sort()) {
      const schema = JSON.parse(
        fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8'),
      ) as ProviderSchema;
      loaded.set(schema.provider, schema);
    }
  }
  return loaded;
}

/** Provider local name of a resource type ("aws_eks_cluster" → "aws"). */
export function providerOf(type: string): string {
  return type.split('_')[0];
}

const RESOURCE_META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);
const LIFECYCLE_KEYS = new Set([
  'create_before_destroy',
  'prevent_destroy',
  'ignore_changes',
  'replace_triggered_by',
  'precondition',
  'postcondition',
]);

export type SchemaProblem = { file: string; where: string; message: string };

function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = levenshtein(name, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(
        dp[j] + 1,
        dp[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return dp[b.length];
}

function isPlainObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one block body against its schema (recursively). */
export function checkBody(
  body: Body,
  schema: BlockSchema,
  where: string,
  file: string,
  out: SchemaProblem[],
  options: { meta?: Set<string> } = {},
): void {
  const problem = (message: string, at = where) =>
    out.push({ file, where: at, message });
  const blocks = schema.blocks ?? {};
  const present = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    if (options.meta?.has(key)) {
      if (key === 'lifecycle') {
        for (const lc of (value as Body[]) ?? []) {
          for (const k of Object.keys(lc)) {
            if (!LIFECYCLE_KEYS.has(k))
              problem(
                `unknown lifecycle argument "${k}"`,
                `${where}.lifecycle`,
              );
          }
        }
      }
      continue;
    }
    if (key === 'dynamic') {
      for (const [name, instances] of Object.entries(
        value as Record<string, Body[]>,
      )) {
        const nested = blocks[name];
        if (!nested) {
          const hint = closest(name, Object.keys(blocks));
          problem(
            `unknown nested block "${name}" (dynamic)${
              hint ? `; did you mean "${hint}"?` : ''
            }`,
          );
          continue;
        }
        present.add(name);
        for (const inst of instances) {
          for (const k of Object.keys(inst)) {
            if (!['for_each', 'content', 'iterator', 'labels'].includes(k)) {
              problem(`unknown argument "${k}" in dynamic "${name}"`);
            }
          }
          if (!('for_each' in inst))
            problem(`dynamic "${name}" without for_each`);
          for (const content of (inst.content as Body[] | undefined) ?? []) {
            checkBody(content, nested, `${where}.${name}`, file, out);
          }
        }
      }
      continue;
    }
    if (key in schema.attrs) {
      present.add(key);
      if (schema.attrs[key] === 'c')
        problem(`"${key}" is read-only (computed) and cannot be set`);
      continue;
    }
    const nested = blocks[key];
    if (nested) {
      present.add(key);
      if (typeof value === 'string') {
        // an expression assigned to a nested attribute (`x = local.y`)
        if (!nested.struct)
          problem(`"${key}" is a block: write ${key} { … }, not ${key} = …`);
        continue;
      }
      if (isPlainObject(value)) {
        if (!nested.struct)
          problem(
            `"${key}" is a block: write ${key} { … }, not ${key} = { … }`,
          );
        checkBody(value, nested, `${where}.${key}`, file, out);
        continue;
      }
      const instances = value as Body[];
      if (nested.max1 && instances.length > 1) {
        problem(
          `block "${key}" may appear at most once (found ${instances.length})`,
        );
      }
      for (const inst of instances) {
        if (isPlainObject(inst))
          checkBody(inst, nested, `${where}.${key}`, file, out);
      }
      continue;
    }
    const hint = closest(key, [
      ...Object.keys(schema.attrs),
      ...Object.keys(blocks),
    ]);
    problem(
      `unknown argument or block "${key}"${
        hint ? `; did you mean "${hint}"?` : ''
      }`,
    );
  }
  for (const [name, flag] of Object.entries(schema.attrs)) {
    if (flag === 'r' && !present.has(name))
      problem(`required argument "${name}" is missing`);
  }
  for (const [name, nested] of Object.entries(blocks)) {
    if (nested.req && !present.has(name))
      problem(`required block "${name}" is missing`);
  }
}

// `type.name.attr` and `data.type.name.attr`, with optional index / key.
const REFERENCE =
  /(?<![\w.])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\[[^\]]*\]|\[\*\])*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g;

/** Checks every resource, data source and provider block and every reference of a module. */
export function checkModuleSchema(module: TfModule): SchemaProblem[] {
  const schemas = providerSchemas();
  const out: SchemaProblem[] = [];
  const declared = { resource: new Set<string>(), data: new Set<string>() };
  for (const kind of ['resource', 'data'] as const) {
    for (const r of resourcesOf(module, kind)) {
      const where = `${kind === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      declared[kind].add(`${r.type}.${r.name}`);
      const provider = schemas.get(providerOf(r.type));
      if (!provider) {
        out.push({
          file: r.file,
          where,
          message: `no vendored schema for provider "${providerOf(r.type)}"`,
        });
        continue;
      }
      const schema = (
        kind === 'resource' ? provider.resources : provider.data_sources
      )[r.type];
      if (!schema) {
        const all = Object.keys(
          kind === 'resource' ? provider.resources : provider.data_sources,
        );
        const hint = closest(r.type, all);
        out.push({
          file: r.file,
          where,
          message: `${kind} type "${r.type}" is not in the vendored ${
            provider.source
          } ${provider.provider_version} schema${
            hint
              ? `; did you mean "${hint}"?`
              : ' (re-run scripts/extract-provider-schemas.mjs after adding a type)'
          }`,
        });
        continue;
      }
      checkBody(r.body, schema, where, r.file, out, { meta: RESOURCE_META });
    }
  }
  for (const p of blocksOf(module, 'provider')) {
    const provider = schemas.get(p.name);
    if (!provider) {
      out.push({
        file: p.file,
        where: `provider.${p.name}`,
        message: `no vendored schema for provider "${p.name}"`,
      });
      continue;
    }
    checkBody(
      p.body,
      provider.provider_config,
      `provider.${p.name}`,
      p.file,
      out,
    );
  }
  for (const f of module.files) {
    const text = stripComments(f.source);
    for (const m of text.matchAll(REFERENCE)) {
      const [, dataPrefix, type, name, , attr] = m;
      const provider = schemas.get(providerOf(type));
      if (!provider) continue; // not a provider type (e.g. a dotted string)
      const kind = dataPrefix ? 'data' : 'resource';
      const where = `${dataPrefix ?? ''}${type}.${name}`;
      if (!declared[kind].has(`${type}.${name}`)) {
        out.push({
          file: f.path,
          where,
          message: `reference to undeclared ${kind} ${where}`,
        });
        continue;
      }
      if (!attr) continue;
      const schema = (
        kind === 'resource' ? provider.resources : provider.data_sources
      )[type];
      if (
        schema &&
        !(attr in schema.attrs) &&
        !(attr in (schema.blocks ?? {}))
      ) {
        const hint = closest(attr, [
          ...Object.keys(schema.attrs),
          ...Object.keys(schema.blocks ?? {}),
        ]);
        out.push({
          file: f.path,
          where: `${where}.${attr}`,
          message: `${type} has no attribute "${attr}"${
            hint ? `; did you mean "${hint}"?` : ''
          }`,
        });
      }
    }
  }
  return out;
}
