/*
 * Escaping filters: the only way a value reaches a rendered file. Every
 * `{= … =}` print in a template tree must end with one of these (checked when
 * the tree is loaded, see checkPrintsAreEscaped), so a user string can never
 * be interpolated raw into YAML, HCL, JSON, Markdown or a workflow.
 */
import YAML from 'yaml';
import { IDENT_TOKEN, IDENT_TOKEN_ALLOWED } from '@iacforge/plugin-iac-common';

/** The last FilterError thrown (rendering is synchronous): see takeFilterError. */
let lastFilterError: FilterError | undefined;

/** Thrown by a filter when a value cannot be rendered safely. */
export class FilterError extends Error {
  constructor(
    filter: string,
    message: string,
    /** The refused value. */
    readonly value?: unknown,
  ) {
    super(`${filter}: ${message}`);
    this.name = 'FilterError';
    // nunjucks rethrows a copy of the message only; the renderer takes the
    // original back with takeFilterError()
    remember(this);
  }
}

function remember(error: FilterError) {
  lastFilterError = error;
}

/** Returns and forgets the last FilterError thrown. */
export function takeFilterError(): FilterError | undefined {
  const error = lastFilterError;
  lastFilterError = undefined;
  return error;
}

function scalarToString(filter: string, value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  throw new FilterError(
    filter,
    `expected a string, number or boolean, got ${
      value === undefined ? 'undefined (missing value)' : typeof value
    }`,
    value,
  );
}

/** GitHub Actions evaluates `${{` anywhere in a workflow: never let it through. */
function rejectExpressionSyntax(filter: string, value: string): void {
  if (value.includes('${{')) {
    throw new FilterError(
      filter,
      'value contains "${{", which GitHub Actions would evaluate',
      value,
    );
  }
}

/** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
export function yamlStr(value: unknown): string {
  const s = scalarToString('yaml_str', value);
  rejectExpressionSyntax('yaml_str', s);
  return JSON.stringify(s);
}

/**
 * An HCL quoted string: JSON escapes plus HCL's template sequences
 * (`${` → `$${`, `%{` → `%%{`) so the value stays a literal.
 */
export function hclStr(value: unknown): string {
  const s = scalarToString('hcl_str', value);
  // (a `$$` in a replacement string is one literal `$`)
  return JSON.stringify(s).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

/** JSON serialisation (strings, numbers, objects, arrays). */
export function json(value: unknown, indent?: number): string {
  if (value === undefined) {
    throw new FilterError('json', 'value is undefined (missing value)');
  }
  return JSON.stringify(value, null, indent);
}

/** Plain scalars that YAML 1.1 or 1.2 would not read back as strings. */
const AMBIGUOUS_PLAIN =
  /^(?:[-+]?[0-9][0-9a-fA-FoxOX_:.+-]*(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=|)$/;

/** Recent outputs of the yaml filter, by input (bounded, FIFO). */
const YAML_CACHE_SIZE = 64;
const yamlCache = new Map<string, string>();

/**
 * A YAML document or block produced by the `yaml` library. With `indent`,
 * every line after the first is indented by that many spaces so the block
 * can be placed under a key.
 */
export function yaml(value: unknown, indent = 0): string {
  if (value === undefined) {
    throw new FilterError('yaml', 'value is undefined (missing value)');
  }
  // a tree often prints the same object twice in one render (values.yaml and
  // the README that documents it): serialising is the costly part
  const key = `${indent}\0${JSON.stringify(value)}`;
  const cached = yamlCache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const out = yamlUncached(value, indent);
  if (yamlCache.size >= YAML_CACHE_SIZE) {
    yamlCache.delete(yamlCache.keys().next().value!);
  }
  yamlCache.set(key, out);
  return out;
}

function yamlUncached(value: unknown, indent: number): string {
  const doc = new YAML.Document(value, { aliasDuplicateObjects: false });
  // Helm and Kubernetes read YAML 1.1, other tools 1.2: a string that either
  // would read as something else (yes, on, 0o17, 1_000, 2024-01-01, ~ …)
  // is written double-quoted so it stays a string everywhere.
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && AMBIGUOUS_PLAIN.test(node.value)) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const text = doc.toString({ lineWidth: 0, indent: 2 }).replace(/\n$/, '');
  if (text.includes('${{')) {
    throw new FilterError(
      'yaml',
      'value contains "${{", which GitHub Actions would evaluate',
      stringWith(value, '${{'),
    );
  }
  if (!indent) {
    return text;
  }
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** The first string (value or key) in `value` that contains `needle`. */
function stringWith(value: unknown, needle: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes(needle) ? value : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes(needle) ? key : stringWith(item, needle);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** What md() changes: line breaks, Markdown and HTML syntax, "${{". */
const MD_SPECIAL = /[\r\n\\`*_{}[\]()#+!|<>~$]/;

/** Text inside Markdown: one line, Markdown and HTML syntax escaped. */
export function md(value: unknown): string {
  const s = scalarToString('md', value);
  // most values (names, versions) hold nothing to escape: one scan, no copies
  if (!MD_SPECIAL.test(s)) {
    return s;
  }
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1')
    .replace(/\$\{\{/g, '$\\{\\{');
}

/** A finite number, printed as is. */
export function num(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new FilterError(
      'num',
      `expected a finite number, got ${JSON.stringify(value)}`,
      value,
    );
  }
  return String(value);
}

/** `true` or `false`. */
export function bool(value: unknown): string {
  if (typeof value !== 'boolean') {
    throw new FilterError(
      'bool',
      `expected a boolean, got ${JSON.stringify(value)}`,
      value,
    );
  }
  return String(value);
}

/**
 * An identifier-like token printed as is (names, branches, labels, keys):
 * the contract's IDENT_TOKEN format, so every value the contract accepts for
 * a field printed this way renders.
 */
export function ident(value: unknown): string {
  const s = scalarToString('ident', value);
  if (!IDENT_TOKEN.test(s)) {
    throw new FilterError(
      'ident',
      `${JSON.stringify(s)} is not an identifier (${IDENT_TOKEN_ALLOWED})`,
      s,
    );
  }
  return s;
}

/** The filters registered on the nunjucks environment, by name. */
export const ESCAPING_FILTERS: Record<string, (...args: any[]) => string> = {
  yaml_str: yamlStr,
  hcl_str: hclStr,
  json,
  yaml,
  md,
  num,
  bool,
  ident,
};
