import { getJsonSchema } from '@iacforge/plugin-iac-common';
import { completeAt, issueDiagnostics, parseJson } from './jsonEditing';
import { flattenFields, parseIssuePath, propertiesAt } from './jsonSchema';

const platform = getJsonSchema('platform');

describe('JSON schema walking', () => {
  it('follows the cloud discriminator', () => {
    const aws = propertiesAt(platform, ['terraform_context'], { cloud: 'aws' });
    expect(aws.has('aws_region')).toBe(true);
    expect(aws.has('location')).toBe(false);
    const azure = propertiesAt(platform, ['terraform_context'], {
      cloud: 'azure',
    });
    expect(azure.has('location')).toBe(true);
    expect(azure.has('aws_region')).toBe(false);
  });

  it('flattens fields with types, requirements and secrets', () => {
    const fields = flattenFields(platform, { cloud: 'gcp' });
    const byPath = new Map(fields.map(f => [f.path, f]));
    expect(byPath.get('cloud')).toMatchObject({
      required: true,
      type: '"gcp"',
    });
    expect(byPath.get('terraform_context.gcp_project_id')).toMatchObject({
      required: true,
    });
    expect(byPath.get('helm_context.replica_count')).toMatchObject({
      default: 2,
    });
    expect(byPath.get('helm_context.replica_count')!.type).toMatch(
      /^integer 1–1000$/,
    );
    expect(byPath.get('helm_context.telemetry_auth_token')?.secret).toBe(true);
    expect(byPath.has('helm_context.env[].name')).toBe(true);
  });

  it('parses issue paths', () => {
    expect(parseIssuePath('terraform_context.private_subnet_cidrs[1]')).toEqual(
      ['terraform_context', 'private_subnet_cidrs', 1],
    );
    expect(parseIssuePath('terraform_context.tags["team name"]')).toEqual([
      'terraform_context',
      'tags',
      'team name',
    ]);
    expect(parseIssuePath('')).toEqual([]);
  });
});

describe('editor help', () => {
  it('reports JSON syntax errors with positions', () => {
    const result = parseJson('{ "cloud": "aws", }');
    expect(result).toMatchObject({ ok: false });
    expect((result as { errors: unknown[] }).errors).toContainEqual({
      from: 18,
      to: 19,
      severity: 'error',
      message: 'JSON: ValueExpected',
    });
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('puts API issues on the offending value, or on the parent of a missing field', () => {
    const text =
      '{\n  "cloud": "aws",\n  "helm_context": {\n    "replica_count": 0\n  }\n}';
    const [bad, missing, root] = issueDiagnostics(text, [
      { path: 'helm_context.replica_count', message: 'Must be at least 1' },
      { path: 'helm_context.chart_name', message: 'Required field is missing' },
      { path: '', message: 'whole payload' },
    ]);
    expect(text.slice(bad.from, bad.to)).toBe('"replica_count": 0');
    expect(bad.message).toBe('helm_context.replica_count: Must be at least 1');
    expect(text.slice(missing.from, missing.to)).toBe('"helm_context"');
    expect(root.from).toBe(0);
  });

  it('completes property names for the branch of the document', () => {
    const text =
      '{\n  "cloud": "azure",\n  "terraform_context": {\n    "loc\n  }\n}';
    const offset = text.indexOf('"loc') + 4;
    const result = completeAt(text, offset, platform)!;
    const location = result.options.find(o => o.displayLabel === 'location');
    expect(location).toMatchObject({ type: 'property', apply: '"location": ' });
    expect(location!.info).toMatch(/Azure location/);
    expect(result.options.some(o => o.displayLabel === 'aws_region')).toBe(
      false,
    );
    expect(text.slice(result.from, offset)).toBe('"loc');
  });

  it('completes values from enums and consts', () => {
    const text =
      '{ "cloud": "aws", "helm_context": { "image_pull_policy":  } }';
    const offset = text.indexOf(':  }') + 2;
    const result = completeAt(text, offset, platform)!;
    expect(result.options.map(o => o.label)).toEqual([
      '"IfNotPresent"',
      '"Always"',
    ]);
  });
});
