import {
  MAX_ISSUES,
  parseHelmPayload,
  parsePlatformPayload,
  parseTemplateManifest,
  parseTerraformContext,
  parseTerraformPayload,
  ParseResult,
} from './index';
import {
  expectIssue,
  helm,
  issuesOf,
  platform,
  valueOf,
} from './__fixtures__/helpers';
import { SEED_PLATFORM_NEW_CLUSTER } from './seedExamples';

describe('never throws', () => {
  const weird: unknown[] = [
    undefined,
    null,
    0,
    'a string',
    true,
    [],
    [SEED_PLATFORM_NEW_CLUSTER],
    () => 1,
    Symbol('s'),
    BigInt(1),
    new Date(),
    new Map(),
    Object.create(null),
    { cloud: 'aws', helm_context: null, terraform_context: [] },
    { cloud: 'aws', helm_context: { chart_name: { toString: () => 'x' } } },
    { cloud: 'aws', __proto__: { polluted: true } },
    JSON.parse(
      '{"cloud":"aws","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    ),
    { cloud: 'aws', helm_context: { chart_name: 'a'.repeat(1_000_000) } },
  ];
  it.each(weird.map((w, i) => [i, w]))('input #%d', (_i, input) => {
    const parsers: Array<(value: unknown) => ParseResult<unknown>> = [
      parsePlatformPayload,
      parseHelmPayload,
      parseTerraformPayload,
      parseTemplateManifest,
    ];
    for (const parse of parsers) {
      const issues = issuesOf(parse(input));
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(typeof issue.path).toBe('string');
        expect(issue.message).toEqual(expect.stringMatching(/\S/));
      }
    }
  });

  it('survives getters that throw and revoked proxies', () => {
    const hostile = {
      cloud: 'aws',
      get helm_context(): never {
        throw new Error('boom');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [
      hostile,
      proxy,
      { cloud: 'aws', helm_context: proxy },
    ]) {
      const result = parsePlatformPayload(input);
      expect(result.ok).toBe(false);
    }
    expect(issuesOf(parsePlatformPayload(hostile))[0].message).toMatch(
      /could not be read/,
    );
  });

  it('survives cyclic input', () => {
    const cyclic: Record<string, unknown> = { ...SEED_PLATFORM_NEW_CLUSTER };
    cyclic.self = cyclic;
    expectIssue(parsePlatformPayload(cyclic), 'self', /Unknown field "self"/);
  });

  it('does not modify the input', () => {
    const input = JSON.parse(JSON.stringify(SEED_PLATFORM_NEW_CLUSTER));
    const before = JSON.stringify(input);
    valueOf(parsePlatformPayload(input));
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('issues', () => {
  it('unknown keys: one issue per key, at the key, with a suggestion', () => {
    const issues = issuesOf(
      parsePlatformPayload(
        platform('aws', {
          helm: { hpa_min_replica: 2, hpaMaxReplicas: 4, totally_new: 1 },
          top: { clodu: 'x' },
        }),
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'helm_context.hpa_min_replica',
          message:
            'Unknown field "hpa_min_replica" (did you mean "hpa_min_replicas"?). Unknown fields are rejected so that a typo is never silently ignored.',
        },
        expect.objectContaining({
          path: 'helm_context.hpaMaxReplicas',
          message: expect.stringContaining('did you mean "hpa_max_replicas"?'),
        }),
        {
          path: 'helm_context.totally_new',
          message:
            'Unknown field "totally_new". Unknown fields are rejected so that a typo is never silently ignored.',
        },
        expect.objectContaining({
          path: 'clodu',
          message: expect.stringContaining('Unknown field "clodu"'),
        }),
      ]),
    );
  });

  it('unknown keys in nested extension contexts and list items', () => {
    expectIssue(
      parsePlatformPayload(
        platform('aws', {
          top: { governance_context: { codeowner: ['@a/b'] } },
        }),
      ),
      'governance_context.codeowner',
      'did you mean "codeowners"?',
    );
  });

  it('quotes odd keys in paths', () => {
    expectIssue(
      parsePlatformPayload(platform('aws', { helm: { 'bad key': 1 } })),
      'helm_context["bad key"]',
      /Unknown field "bad key"/,
    );
  });

  it('messages never echo string input (secrets stay out of logs)', () => {
    const secret = 'glc_SuperSecretToken\n';
    const issues = issuesOf(
      parseHelmPayload({
        helm_context: helm({
          logs_grafana_cloud_auth_token: secret,
          image_tag: 'sk_live_123"',
        }),
      }),
    );
    expect(JSON.stringify(issues)).not.toContain('SuperSecret');
    expect(JSON.stringify(issues)).not.toContain('sk_live');
  });

  it('type errors say what was expected and what was received', () => {
    expectIssue(
      parseHelmPayload({ helm_context: helm({ replica_count: '2' }) }),
      'helm_context.replica_count',
      'Expected a whole number, received a string',
    );
    expectIssue(
      parseHelmPayload({ helm_context: helm({ hpa_enabled: 'yes' }) }),
      'helm_context.hpa_enabled',
      'Expected true or false, received a string',
    );
    expectIssue(
      parseHelmPayload({ helm_context: helm({ env: {} }) }),
      'helm_context.env',
      'Expected an array, received an object',
    );
    expectIssue(
      parseHelmPayload({ helm_context: helm({ replica_count: Infinity }) }),
      'helm_context.replica_count',
      /Expected a whole number/,
    );
  });

  it('caps the number of issues', () => {
    const junk = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`junk_${i}`, i]),
    );
    const issues = issuesOf(parseHelmPayload({ helm_context: helm(junk) }));
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues[MAX_ISSUES].message).toMatch(/200 more issue\(s\) not shown/);
  });

  it('parseTerraformContext prefixes paths and types the result by cloud', () => {
    expectIssue(
      parseTerraformContext('gcp', { project: 'x' }),
      'terraform_context.project',
      /at least 2 characters/,
    );
    const v = valueOf(
      parseTerraformContext('gcp', {
        project: 'platform',
        gcp_project_id: 'acme-platform',
        gcp_region: 'europe-west1',
        cluster_name: 'gke',
      }),
    );
    expect(v.gcp_region).toBe('europe-west1');
  });
});
