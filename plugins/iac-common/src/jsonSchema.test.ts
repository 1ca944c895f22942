import {
  getJsonSchema,
  isSchemaName,
  JsonSchema,
  jsonSchemas,
  SCHEMA_NAMES,
  SECRET_FIELDS,
  SECRET_KEYWORD,
} from './index';

/** Visits every property schema (nested objects, array items, unions, records). */
function visitProperties(
  schema: JsonSchema,
  path: string,
  visit: (path: string, property: JsonSchema) => void,
) {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, prop] of Object.entries(props)) {
    const p = path ? `${path}.${name}` : name;
    visit(p, prop);
    visitProperties(prop, p, visit);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const sub of (schema[key] as JsonSchema[] | undefined) ?? [])
      visitProperties(sub, path, visit);
  }
  if (schema.items && typeof schema.items === 'object')
    visitProperties(schema.items as JsonSchema, `${path}[]`, visit);
  if (
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    visitProperties(
      schema.additionalProperties as JsonSchema,
      `${path}{}`,
      visit,
    );
  }
}

describe('JSON Schema export', () => {
  it('exports every schema name', () => {
    expect(Object.keys(jsonSchemas)).toEqual([...SCHEMA_NAMES]);
    expect(isSchemaName('helm_context')).toBe(true);
    expect(isSchemaName('nope')).toBe(false);
  });

  it.each([...SCHEMA_NAMES])('%s: every property has a description', name => {
    const schema = getJsonSchema(name);
    expect(schema.description).toEqual(expect.any(String));
    const missing: string[] = [];
    let count = 0;
    visitProperties(schema, '', (path, prop) => {
      count++;
      if (typeof prop.description !== 'string' || prop.description.length < 5)
        missing.push(path);
    });
    expect(count).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it.each([...SCHEMA_NAMES])(
    '%s: objects are closed (unknown keys rejected)',
    name => {
      const open: string[] = [];
      const check = (path: string, s: JsonSchema) => {
        if (
          s.type === 'object' &&
          s.properties &&
          s.additionalProperties !== false
        )
          open.push(path);
      };
      const root = getJsonSchema(name);
      check('(root)', root);
      for (const variant of (root.oneOf as JsonSchema[] | undefined) ?? [])
        check('(variant)', variant);
      visitProperties(root, '', check);
      expect(open).toEqual([]);
    },
  );

  it('has defaults and input-side optionality', () => {
    const helm = getJsonSchema('helm_context');
    const props = helm.properties as Record<string, JsonSchema>;
    expect(helm.required).toEqual([
      'chart_name',
      'namespace',
      'image_repository',
      'image_tag',
    ]);
    expect(props.replica_count.default).toBe(2);
    expect(props.load_balancer_type).toMatchObject({
      default: 'ClusterIP',
      enum: ['ClusterIP', 'Internal', 'External'],
    });
    expect(props.hpa_min_replicas).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
    });
    expect(props.chart_name).toMatchObject({
      maxLength: 53,
      pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    });

    const aws = getJsonSchema('terraform_context_aws');
    expect(aws.required).toEqual(['project', 'aws_region', 'cluster_name']);
    expect(
      (aws.properties as Record<string, JsonSchema>).kubernetes_version.default,
    ).toBe('1.34');

    const platform = getJsonSchema('platform');
    const variants = platform.oneOf as JsonSchema[];
    expect(
      variants.map(
        v => (v.properties as Record<string, JsonSchema>).cloud.const,
      ),
    ).toEqual(['aws', 'azure', 'gcp']);
    expect(
      (variants[0].properties as Record<string, JsonSchema>).governance_context
        .default,
    ).toEqual({});
  });

  it('flags exactly the SECRET_FIELDS as secret / writeOnly', () => {
    const found: string[] = [];
    visitProperties(getJsonSchema('platform'), '', (path, prop) => {
      const secret = prop[SECRET_KEYWORD] === true;
      expect(prop.writeOnly === true).toBe(secret);
      if (secret) found.push(path);
    });
    expect([...new Set(found)].sort()).toEqual([...SECRET_FIELDS].sort());
  });

  it("can target draft-7 (for the scaffolder's jsonschema validator)", () => {
    const schema = getJsonSchema('helm_context', { target: 'draft-7' });
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('returns a fresh object each time', () => {
    const a = getJsonSchema('helm');
    (a as Record<string, unknown>).title = 'mutated';
    expect(getJsonSchema('helm').title).toBe('helm');
  });
});
