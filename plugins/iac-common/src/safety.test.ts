import {
  findUnsafeContent,
  formatPath,
  getJsonSchema,
  isSafeString,
  JsonSchema,
  ParseResult,
  parseHelmPayload,
  parsePlatformPayload,
  parseTemplateManifest,
  parseTerraformPayload,
  SchemaName,
} from './index';
import { helm, platform, valueOf } from './__fixtures__/helpers';
import { MINIMAL_TERRAFORM_CONTEXT } from './seedExamples';

describe('findUnsafeContent', () => {
  it.each([
    ['x\ny', /control characters/],
    ['x\ry', /control characters/],
    ['tab\there', /control characters/],
    ['nul\u0000', /U\+0000/],
    ['esc\u001b[31m', /control characters/],
    ['line\u2028sep', /line-separator/],
    ['bidi\u202eoverride', /bidirectional/],
    ['zero\u200bwidth', /invisible/],
    ['${{ secrets.X }}', /"\$\{\{" \(a GitHub Actions expression\)/],
    ['{{ .Values }}', /"\{\{" \(a Helm\/Go template action\)/],
    ['{% if x %}', /Nunjucks\/Jinja tag/],
    ['{# comment #}', /Nunjucks\/Jinja comment/],
    ['${var.x}', /HCL\/shell interpolation/],
    ['%{ if x }', /HCL template directive/],
    ['a"b', /quotes/],
    ["a'b", /quotes/],
    ['a`b', /quotes/],
    ['a\\b', /quotes/],
    ['../../etc', /path traversal/],
    ['a/../b', /path traversal/],
    ['..', /path traversal/],
    ['%2e%2e%2fetc', /path traversal/],
  ])('rejects %j', (value, reason) => {
    expect(findUnsafeContent(value)).toMatch(reason);
    expect(isSafeString(value)).toBe(false);
  });

  it.each([
    'orders',
    'a..b',
    'v1.2.3',
    'cost $5',
    '50%',
    'a{b}c',
    'https://x.example.com/a/b',
    'Bearer <token>',
  ])('accepts %j', value => {
    expect(findUnsafeContent(value)).toBeUndefined();
  });

  it('allowQuotes relaxes only quotes, backticks and backslashes', () => {
    expect(
      findUnsafeContent('a"b\\.c`d\'', { allowQuotes: true }),
    ).toBeUndefined();
    expect(findUnsafeContent('a"b\n', { allowQuotes: true })).toMatch(
      /control/,
    );
    expect(findUnsafeContent('{{ x }}', { allowQuotes: true })).toMatch(/Helm/);
    expect(findUnsafeContent('../x', { allowQuotes: true })).toMatch(
      /traversal/,
    );
  });
});

// ---------------------------------------------------------------------------
// Systematic check: every string-valued field of every schema rejects the
// hostile strings at its own path. Fields are discovered from the JSON
// Schemas, so a new field is covered without touching this test.
// ---------------------------------------------------------------------------

const HOSTILE: Record<string, string> = {
  quote: 'a"b',
  newline: 'x\ny',
  'actions expression': '${{ secrets.X }}',
  'helm template': '{{ .Values }}',
  traversal: '../../etc',
};

/** Fields whose grammar legitimately contains quotes. */
const QUOTES_ALLOWED = new Set([
  'helm_context.keda_query',
  'helm_context.ingress_annotations.k',
]);

/** Valid items for arrays of objects. */
const ITEM_BASE: Record<string, Record<string, unknown>> = {
  env: { name: 'A', value: 'b' },
  env_from_secrets: { name: 'A', secret_name: 's', secret_key: 'k' },
  files: { path: 'a.yaml', when: 'helm_context.istio_enabled' },
};

interface Case {
  /** Path segments (inside the context) of the offending value. */
  path: (string | number)[];
  /** Build the context value with `hostile` placed at the path. */
  build: (hostile: string) => Record<string, unknown>;
  label: string;
}

function isStringSchema(s: JsonSchema | undefined): boolean {
  if (!s) return false;
  if (s.type === 'string' && !s.enum && s.const === undefined) return true;
  return (
    Array.isArray(s.anyOf) && (s.anyOf as JsonSchema[]).some(isStringSchema)
  );
}

function stringCases(schema: JsonSchema): Case[] {
  const cases: Case[] = [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [field, prop] of Object.entries(props)) {
    const items = prop.items as JsonSchema | undefined;
    const additional = prop.additionalProperties as JsonSchema | undefined;
    if (isStringSchema(prop)) {
      cases.push({ path: [field], label: field, build: h => ({ [field]: h }) });
    } else if (prop.type === 'array' && isStringSchema(items)) {
      cases.push({
        path: [field, 0],
        label: `${field}[0]`,
        build: h => ({ [field]: [h] }),
      });
    } else if (prop.type === 'array' && items?.type === 'object') {
      for (const sub of Object.keys(items.properties as object)) {
        if (
          !isStringSchema((items.properties as Record<string, JsonSchema>)[sub])
        )
          continue;
        cases.push({
          path: [field, 0, sub],
          label: `${field}[0].${sub}`,
          build: h => ({ [field]: [{ ...ITEM_BASE[field], [sub]: h }] }),
        });
      }
    } else if (
      prop.type === 'object' &&
      additional &&
      isStringSchema(additional)
    ) {
      cases.push({
        path: [field, 'k'],
        label: `${field}.k`,
        build: h => ({ [field]: { k: h } }),
      });
      cases.push({
        path: [field, '<key>'],
        label: `${field}[<key>]`,
        build: h => ({ [field]: { [h]: 'v' } }),
      });
    }
  }
  return cases;
}

interface Target {
  name: string;
  schema: SchemaName | (() => JsonSchema);
  prefix: string;
  parse: (ctx: Record<string, unknown>) => ParseResult<unknown>;
}

const TARGETS: Target[] = [
  {
    name: 'helm_context',
    schema: 'helm_context',
    prefix: 'helm_context',
    parse: ctx => parseHelmPayload({ helm_context: helm(ctx) }),
  },
  ...(['aws', 'azure', 'gcp'] as const).map(cloud => ({
    name: `terraform_context (${cloud})`,
    schema: `terraform_context_${cloud}` as SchemaName,
    prefix: 'terraform_context',
    parse: (ctx: Record<string, unknown>) =>
      parseTerraformPayload({
        cloud,
        terraform_context: { ...MINIMAL_TERRAFORM_CONTEXT[cloud], ...ctx },
      }),
  })),
  // addons_context has booleans only.
  ...(
    ['governance_context', 'gitops_context', 'reconciliation_context'] as const
  ).map(name => ({
    name,
    schema: name as SchemaName,
    prefix: name,
    parse: (ctx: Record<string, unknown>) =>
      parsePlatformPayload(platform('aws', { top: { [name]: ctx } })),
  })),
  {
    name: 'platform (top level)',
    schema: () => (getJsonSchema('platform').oneOf as JsonSchema[])[0],
    prefix: '',
    parse: ctx => parsePlatformPayload(platform('aws', { top: ctx })),
  },
  {
    name: 'template manifest',
    schema: 'template_manifest',
    prefix: '',
    parse: ctx =>
      parseTemplateManifest({
        name: 'aws-eks',
        kind: 'terraform',
        version: '1.0.0',
        description: 'EKS',
        clouds: ['aws'],
        ...ctx,
      }),
  },
];

describe.each(TARGETS)('hostile strings in $name', target => {
  const schema =
    typeof target.schema === 'function'
      ? target.schema()
      : getJsonSchema(target.schema);
  const cases = stringCases(schema).filter(
    c => !(target.name.startsWith('platform') && c.label === 'cloud'),
  );

  it('finds string fields to test', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  const matrix = cases.flatMap(c =>
    Object.entries(HOSTILE).map(([kind, value]) => ({ c, kind, value })),
  );
  it.each(matrix.map(m => [m.c.label, m.kind, m]))(
    '%s: %s',
    (_label, _kind, m) => {
      const { c, kind, value } = m as (typeof matrix)[number];
      const result = target.parse(c.build(value));
      const segments = c.path.map(p => (p === '<key>' ? value : p));
      const expected = formatPath(
        target.prefix ? [target.prefix, ...segments] : segments,
      );
      const dotted = `${target.prefix ? `${target.prefix}.` : ''}${c.label}`;
      const issues = result.ok ? [] : result.issues;
      const shouldReject = !(kind === 'quote' && QUOTES_ALLOWED.has(dotted));
      const rejectedAt = issues.filter(i => i.path === expected);
      // On failure the message shows the value, the path and the issues.
      expect({
        value,
        path: expected,
        rejected: rejectedAt.length > 0,
      }).toEqual({
        value,
        path: expected,
        rejected: shouldReject,
      });
    },
  );
});

describe('legitimate values of relaxed fields', () => {
  it('keda_query accepts PromQL with quotes, braces, brackets and regex escapes', () => {
    valueOf(
      parseHelmPayload({
        helm_context: helm({
          keda_query:
            'sum(rate(http_requests_total{path=~"/api/.*\\\\.json",code!="200"}[5m])) by (pod)',
        }),
      }),
    );
  });

  it('ingress annotation values accept JSON', () => {
    valueOf(
      parseHelmPayload({
        helm_context: helm({
          ingress_annotations: {
            'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
          },
        }),
      }),
    );
  });
});
