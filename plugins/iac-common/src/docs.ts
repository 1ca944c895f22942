/*
 * Field reference in Markdown, generated from the JSON Schemas (the README's
 * field tables are this output; a test keeps them in sync).
 */
import { getJsonSchema, JsonSchema, SchemaName } from './jsonSchema';
import { FORMAT_KEYWORD } from './fields';
import { SECRET_KEYWORD } from './helm';

type Schema = JsonSchema;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function range(min: unknown, max: unknown, unit = ''): string {
  const hasMin = typeof min === 'number' && min > -Number.MAX_SAFE_INTEGER;
  const hasMax = typeof max === 'number' && max < Number.MAX_SAFE_INTEGER;
  if (hasMin && hasMax)
    return min === max ? ` (${min}${unit})` : ` (${min}–${max}${unit})`;
  if (hasMin) return ` (≥ ${min}${unit})`;
  if (hasMax) return ` (≤ ${max}${unit})`;
  return '';
}

function typeOf(s: Schema): string {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map(code).join(' | ');
  if (s.const !== undefined) return code(s.const);
  if (Array.isArray(s.anyOf))
    return (s.anyOf as Schema[]).map(typeOf).join(' or ');
  if (Array.isArray(s.oneOf))
    return (s.oneOf as Schema[]).map(typeOf).join(' or ');
  switch (s.type) {
    case 'integer':
    case 'number':
      return `${s.type}${range(s.minimum, s.maximum)}`;
    case 'string':
      return `string${range(s.minLength, s.maxLength, ' chars')}`;
    case 'boolean':
      return 'boolean';
    case 'array':
      return `array of ${typeOf((s.items as Schema) ?? {})}${range(
        s.minItems,
        s.maxItems,
        ' items',
      )}`;
    case 'object':
      if (s.properties) return 'object';
      if (
        s.additionalProperties &&
        typeof s.additionalProperties === 'object'
      ) {
        return `record of string → ${typeOf(s.additionalProperties as Schema)}`;
      }
      return 'object';
    default:
      return 'any';
  }
}

function formatOf(s: Schema): string | undefined {
  if (typeof s[FORMAT_KEYWORD] === 'string') return s[FORMAT_KEYWORD] as string;
  const items = s.items as Schema | undefined;
  if (
    s.type === 'array' &&
    items &&
    typeof items[FORMAT_KEYWORD] === 'string'
  ) {
    return `each item ${items[FORMAT_KEYWORD]}`;
  }
  for (const sub of (s.anyOf as Schema[] | undefined) ?? []) {
    if (typeof sub[FORMAT_KEYWORD] === 'string')
      return sub[FORMAT_KEYWORD] as string;
  }
  return undefined;
}

interface Row {
  field: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

function rows(
  schema: Schema,
  prefix = '',
  links: Record<string, string> = {},
): Row[] {
  const out: Row[] = [];
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  for (const [name, prop] of Object.entries(props)) {
    const field = `${prefix}${name}`;
    const secret = prop[SECRET_KEYWORD] === true;
    let description = String(prop.description ?? '');
    const format = formatOf(prop);
    if (format) description += ` Format: ${format}.`;
    if (links[name]) description += ` See [${links[name]}](#${links[name]}).`;
    out.push({
      field: secret ? `${field} 🔒` : field,
      type: links[name] ? 'object' : typeOf(prop),
      required: required.has(name),
      default: prop.default,
      description,
    });
    if (links[name]) continue;
    if (prop.type === 'object' && prop.properties)
      out.push(...rows(prop, `${field}.`));
    const items = prop.items as Schema | undefined;
    if (prop.type === 'array' && items?.type === 'object' && items.properties) {
      out.push(...rows(items, `${field}[].`));
    }
  }
  return out;
}

function table(list: Row[]): string {
  const lines = [
    '| Field | Type | Required | Default | Description |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of list) {
    lines.push(
      `| \`${cell(r.field)}\` | ${cell(r.type)} | ${
        r.required ? 'yes' : 'no'
      } | ${r.default === undefined ? '' : cell(code(r.default))} | ${cell(
        r.description,
      )} |`,
    );
  }
  return lines.join('\n');
}

const CONTEXT_LINKS: Record<string, string> = {
  terraform_context: 'terraform_context',
  helm_context: 'helm_context',
  governance_context: 'governance_context',
  addons_context: 'addons_context',
  gitops_context: 'gitops_context',
  reconciliation_context: 'reconciliation_context',
};

function section(title: string, name: SchemaName, intro?: string): string {
  const schema = getJsonSchema(name);
  return [
    `### ${title}`,
    '',
    intro ?? String(schema.description ?? ''),
    '',
    table(rows(schema)),
  ].join('\n');
}

/** Markdown reference of every field of the contract, generated from the JSON Schemas. */
export function renderFieldReference(): string {
  const platform = getJsonSchema('platform');
  const variant = (platform.oneOf as Schema[])[0];
  const platformRows = rows(variant, '', CONTEXT_LINKS).map(r =>
    r.field === 'cloud' ? { ...r, type: '`"aws"` | `"azure"` | `"gcp"`' } : r,
  );
  const parts = [
    '### platform',
    '',
    `${String(
      platform.description,
    )} Body of \`/generate/platform/*\`. JSON Schema: \`getJsonSchema('platform')\`.`,
    '',
    table(platformRows),
    '',
    '### terraform and helm payloads',
    '',
    "`/generate/terraform/*` takes `{ cloud, terraform_template?, terraform_context }` (`getJsonSchema('terraform')`); `/generate/helm/*` takes `{ cloud?, helm_template?, helm_context }` (`getJsonSchema('helm')`), with the same field rules as below.",
    '',
    '<a id="terraform_context"></a>',
    '',
    section('terraform_context (aws)', 'terraform_context_aws'),
    '',
    section('terraform_context (azure)', 'terraform_context_azure'),
    '',
    section('terraform_context (gcp)', 'terraform_context_gcp'),
    '',
    section('helm_context', 'helm_context'),
    '',
    section('governance_context', 'governance_context'),
    '',
    section('addons_context', 'addons_context'),
    '',
    section('gitops_context', 'gitops_context'),
    '',
    section('reconciliation_context', 'reconciliation_context'),
    '',
    section('template manifest', 'template_manifest'),
  ];
  return `${parts.join('\n')}\n`;
}
