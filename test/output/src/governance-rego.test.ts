/*
 * The OPA policies of governance/github-actions. No Rego parser or evaluator
 * runs on Node (docs/governance.md), so this is the structural check of
 * lib/governance/rego.ts; the generated repository runs `conftest verify`
 * (the *_test.rego files) and `conftest test` in its own CI.
 */
import { renderOwn } from './lib/governance/engine';
import { basePayload, CLOUDS } from './lib/governance/payloads';
import { checkPolicyFolder, lex, readRego } from './lib/governance/rego';

const POLICY_DIR = 'policies/terraform/';

function policies(cloud: (typeof CLOUDS)[number]) {
  const tc = {
    endpoint_public_access: true,
    endpoint_public_access_cidrs: ['203.0.113.0/24'],
    node_pool_min_size: cloud === 'azure' ? 1 : 0,
    node_pool_desired_size: 1,
    node_pool_max_size: 7,
  };
  const files = renderOwn(basePayload(cloud, { terraform_context: tc }));
  return {
    rego: new Map(
      [...files].filter(
        ([p]) => p.startsWith(POLICY_DIR) && p.endsWith('.rego'),
      ),
    ),
    data: JSON.parse(files.get(`${POLICY_DIR}data/iacforge.json`)!),
  };
}

describe('OPA policies', () => {
  it('are the same Rego for every cloud', () => {
    const [aws, azure, gcp] = CLOUDS.map(c => policies(c).rego);
    expect([...azure]).toEqual([...aws]);
    expect([...gcp]).toEqual([...aws]);
    expect([...aws.keys()].sort()).toEqual(
      ['deny', 'encryption', 'lib', 'node_pools', 'public_endpoint', 'tags']
        .flatMap(n => [`${POLICY_DIR}${n}.rego`, `${POLICY_DIR}${n}_test.rego`])
        .sort(),
    );
  });

  it('are structurally sound, and every policy and resource type has tests', () => {
    expect(checkPolicyFolder(policies('aws').rego)).toEqual([]);
  });

  it('settings come from the payload and match the policy defaults', () => {
    const { data, rego } = policies('aws');
    const lib = rego.get(`${POLICY_DIR}lib.rego`)!;
    expect(Object.keys(data)).toEqual(['iacforge']);
    const settings = data.iacforge;
    for (const key of Object.keys(settings).filter(k => k !== '_comment')) {
      expect({ key, inDefaults: lib.includes(`"${key}":`) }).toEqual({
        key,
        inDefaults: true,
      });
    }
    expect(settings.public_endpoint).toEqual({
      allowed: true,
      allowed_cidrs: ['203.0.113.0/24'],
    });
    expect(settings.node_pool).toEqual({
      min_size_floor: 0,
      max_size_limit: 7,
    });
    expect(settings.required_tags).toEqual([
      'project',
      'environment',
      'managed-by',
    ]);
  });

  describe('the structural checker', () => {
    it('finds lexical and structural problems', () => {
      expect(lex('x := {"a": [1, 2}').problems.join()).toMatch(/unbalanced/);
      expect(lex('s := "never closed\n').problems.join()).toMatch(
        /unterminated string/,
      );
      const bad = readRego(
        'bad.rego',
        'package p\n\ndeny[msg] {\n\tmsg := "x"\n}\n',
      );
      expect(bad.problems.join('\n')).toMatch(/not a Rego v1 rule head/);
      expect(bad.problems.join('\n')).toMatch(/no "import rego.v1"/);
    });

    it('finds unknown functions, references and untested resource types', () => {
      const folder = new Map([
        [
          'p.rego',
          'package t.p\n\nimport data.t.lib\nimport rego.v1\n\ndeny contains msg if {\n\tsome rc in lib.changed\n\trc.type == "aws_s3_bucket"\n\tmsg := sprintnf("%s", [rc.address])\n}\n',
        ],
        [
          'p_test.rego',
          'package t.p_test\n\nimport data.t.p\nimport rego.v1\n\ntest_x if {\n\tcount(p.deny) == 0\n}\n',
        ],
        [
          'lib.rego',
          'package t.lib\n\nimport rego.v1\n\nchanged contains 1 if {\n\ttrue\n}\n',
        ],
      ]);
      const problems = checkPolicyFolder(folder).join('\n');
      expect(problems).toMatch(/unknown function sprintnf/);
      expect(problems).toMatch(/no test uses resource type aws_s3_bucket/);
      expect(problems).toMatch(/lib\.rego: no lib_test\.rego/);
    });
  });
});
