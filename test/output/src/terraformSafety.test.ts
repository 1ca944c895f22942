/*
 * Hostile terraform_context values and determinism of the Terraform trees.
 * A value that could become code (quotes, newlines, HCL `${…}` / `%{…}`,
 * template openers, path traversal, bidi overrides) is rejected by the
 * engine with a PayloadValidationError naming the field; a value the
 * contract accepts although it looks odd (Azure tag values may hold almost
 * anything) only ever reaches the tfvars JSON, where it is inert data.
 */
import { checkFiles, formatFindings } from '@iacforge/output-checks';
import type { Cloud } from '@iacforge/plugin-iac-common';
import {
  IacEngine,
  PayloadValidationError,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import { PLAINTEXT_SECRETS } from './lib/generate';
import {
  getTerraformEngine,
  HELM_STUB,
  render,
  TERRAFORM_TREES,
} from './lib/terraform/engine';
import {
  BASE_CONTEXT,
  HELM_CONTEXT,
  platformPayload,
  terraformPayload,
} from './lib/terraform/matrix';

const HOSTILE = [
  ['double quote', 'a"b'],
  ['single quote', "a'b"],
  ['backslash', 'a\\b'],
  ['newline', 'a\nb'],
  ['carriage return', 'a\rb'],
  ['tab', 'a\tb'],
  ['NUL', 'a\u0000b'],
  ['HCL interpolation', 'x${var.secret}'],
  ['escaped HCL interpolation', 'x$${var.secret}'],
  ['HCL directive', 'x%{ if true }y%{ endif }'],
  ['GitHub expression', 'x${{ secrets.TOKEN }}'],
  ['Go template', 'x{{ .Values }}'],
  ['nunjucks tag', 'x{% include "a" %}'],
  ['nunjucks comment', 'x{# c #}'],
  ['path traversal', '../../etc'],
  ['bidi override', 'a\u202eb'],
  ['line separator', 'a\u2028b'],
] as const;

/** A string field of every cloud's terraform_context and where it lands. */
const FIELDS: Record<Cloud, string[]> = {
  aws: [
    'project',
    'environment',
    'aws_region',
    'cluster_name',
    'kubernetes_version',
    'node_pool_instance_type',
    'vpc_cidr',
    'state_bucket',
    'state_key',
  ],
  azure: [
    'project',
    'location',
    'resource_group_name',
    'cluster_name',
    'vm_size',
    'dns_service_ip',
    'state_storage_account_name',
    'state_key',
  ],
  gcp: [
    'project',
    'gcp_project_id',
    'gcp_region',
    'cluster_name',
    'machine_type',
    'patch_window_recurrence',
    'state_bucket',
    'state_prefix',
  ],
};

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof PayloadValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a PayloadValidationError');
}

describe('hostile terraform_context values are rejected with the field path', () => {
  const cases = (['aws', 'azure', 'gcp'] as const).flatMap(cloud =>
    FIELDS[cloud].flatMap(field =>
      HOSTILE.map(([what, value]) => [cloud, field, what, value] as const),
    ),
  );

  it.each(cases)('%s %s: %s', (cloud, field, _what, value) => {
    for (const kind of ['terraform', 'platform'] as const) {
      const payload =
        kind === 'terraform'
          ? terraformPayload(cloud, { [field]: value })
          : platformPayload(cloud, { [field]: value });
      const issues = issuesOf(() =>
        requireGenerated(getTerraformEngine().generate(kind, payload)),
      );
      expect(issues.map(i => i.path)).toContain(`terraform_context.${field}`);
      const issue = issues.find(i => i.path === `terraform_context.${field}`)!;
      expect(issue.message.length).toBeGreaterThan(10);
      // the message never echoes the value
      expect(issue.message).not.toContain(value);
    }
  });

  it.each(['aws', 'gcp'] as const)(
    '%s tag keys and values outside the cloud grammar',
    cloud => {
      for (const [, value] of HOSTILE) {
        const viaValue = issuesOf(() =>
          requireGenerated(
            getTerraformEngine().generate(
              'terraform',
              terraformPayload(cloud, { tags: { team: value } }),
            ),
          ),
        );
        expect(viaValue.map(i => i.path)).toContain(
          'terraform_context.tags.team',
        );
        const viaKey = issuesOf(() =>
          requireGenerated(
            getTerraformEngine().generate(
              'terraform',
              terraformPayload(cloud, { tags: { [value]: 'x' } }),
            ),
          ),
        );
        expect(
          viaKey.some(i => i.path.startsWith('terraform_context.tags')),
        ).toBe(true);
      }
    },
  );

  it('azure tag values with code-like content are rejected too', () => {
    for (const [, value] of HOSTILE) {
      const issues = issuesOf(() =>
        requireGenerated(
          getTerraformEngine().generate(
            'terraform',
            terraformPayload('azure', { tags: { team: value } }),
          ),
        ),
      );
      expect(issues.map(i => i.path)).toContain('terraform_context.tags.team');
    }
  });

  it('cross-cloud fields are rejected with a hint', () => {
    const issues = issuesOf(() =>
      requireGenerated(
        getTerraformEngine().generate(
          'terraform',
          terraformPayload('aws', { location: 'eastus' }),
        ),
      ),
    );
    expect(
      issues.find(i => i.path === 'terraform_context.location')?.message,
    ).toMatch(/aws_region/);
  });
});

describe('odd but valid values stay inert data', () => {
  // Azure tag values may contain anything the safety rules allow: our own
  // delimiters, shell, HTML, Markdown, percent signs and braces.
  const INERT: Record<string, string> = {
    'our-print': '{= terraform_context.cluster_name | json =}',
    'our-block-end': '%} =} ##}',
    shell: '$(id); rm -rf / && echo $HOME | tee',
    html: '<script>alert(1)</script>&amp;',
    markdown: '| a | b | **x** [l](javascript:alert)',
    percent: '100% %s %d %{',
    braces: '} { $ { # { @{x}',
    unicode: 'Ünïcödé ✓ 日本語',
    dots: '..hidden a..b ...',
  };

  it.each([
    ['terraform', terraformPayload('azure', { tags: INERT })],
    [
      'platform',
      platformPayload(
        'azure',
        { tags: INERT },
        { addons_context: { enabled: true, external_secrets: true } },
      ),
    ],
  ] as const)('%s request', async (kind, payload) => {
    // "%{" is an HCL directive opener: rejected like "${"
    expect(() =>
      requireGenerated(getTerraformEngine().generate(kind, payload)),
    ).toThrow(PayloadValidationError);
    const { percent, ...rest } = INERT;
    const accepted = { ...rest, percent: percent.replace(' %{', '') };
    const fixed =
      kind === 'terraform'
        ? terraformPayload('azure', { tags: accepted })
        : platformPayload(
            'azure',
            { tags: accepted },
            { addons_context: { enabled: true, external_secrets: true } },
          );
    const { files } = render(kind, fixed);
    const tfvars = JSON.parse(
      files.get('terraform/terraform.auto.tfvars.json')!,
    );
    expect(tfvars.tags).toStrictEqual(accepted);
    // nowhere else: the .tf files read var.tags
    for (const [file, text] of files) {
      if (file === 'terraform/terraform.auto.tfvars.json') continue;
      for (const value of Object.values(accepted)) {
        expect({ file, found: text.includes(value) }).toEqual({
          file,
          found: false,
        });
      }
    }
    const report = await checkFiles(files);
    expect(formatFindings(report.findings)).toBe('');
  });

  it('an odd Azure tag key is a JSON key, nothing more', () => {
    const { files } = render(
      'terraform',
      terraformPayload('azure', { tags: { '{= k =} $(x) @a': 'v' } }),
    );
    expect(
      JSON.parse(files.get('terraform/terraform.auto.tfvars.json')!).tags,
    ).toStrictEqual({ '{= k =} $(x) @a': 'v' });
  });

  it('secrets of helm_context never reach the Terraform files', () => {
    const payload = platformPayload(
      'aws',
      {},
      {
        helm_context: {
          ...HELM_CONTEXT,
          logs_enabled: true,
          logs_provider: 'grafana-cloud',
          logs_grafana_cloud_logs_url:
            'https://logs-prod-us-central1.grafana.net/loki/api/v1/push',
          logs_grafana_cloud_tenant_id: '123456',
          logs_grafana_cloud_auth_secret_name: 'grafana-cloud-logs-auth',
          logs_grafana_cloud_auth_secret_create: true,
          logs_grafana_cloud_auth_user: '123456',
          logs_grafana_cloud_auth_token: PLAINTEXT_SECRETS[0],
        },
        addons_context: { enabled: true, external_secrets: true },
      },
    );
    const { result, files } = render('platform', payload);
    expect(result.secrets.map(s => s.field)).toEqual([
      'helm_context.logs_grafana_cloud_auth_token',
    ]);
    for (const [, text] of files)
      for (const secret of PLAINTEXT_SECRETS)
        expect(text).not.toContain(secret);
  });
});

describe('determinism', () => {
  const payloads: [
    string,
    'terraform' | 'platform',
    Record<string, unknown>,
  ][] = (['aws', 'azure', 'gcp'] as const).flatMap(cloud => [
    [`${cloud} terraform`, 'terraform', terraformPayload(cloud)] as [
      string,
      'terraform',
      Record<string, unknown>,
    ],
    [
      `${cloud} platform with add-ons`,
      'platform',
      platformPayload(
        cloud,
        {
          tags:
            cloud === 'gcp' ? { team: 'a', env: 'b' } : { Team: 'a', Env: 'b' },
        },
        {
          addons_context: {
            enabled: true,
            external_secrets: true,
            ...(cloud === 'aws' ? { karpenter: true } : {}),
          },
        },
      ),
    ] as [string, 'platform', Record<string, unknown>],
  ]);

  it.each(payloads)(
    '%s: same payload, separate engines → same bytes',
    (_name, kind, payload) => {
      const a = render(kind, payload).result;
      const b = requireGenerated(
        IacEngine.fromRoots([TERRAFORM_TREES, HELM_STUB]).generate(
          kind,
          structuredClone(payload),
        ),
      );
      expect(b.contentHash).toBe(a.contentHash);
      expect(
        b.files.map(f => [f.path, f.mode, f.content.toString('base64')]),
      ).toEqual(
        a.files.map(f => [f.path, f.mode, f.content.toString('base64')]),
      );
    },
  );

  it.each(payloads)(
    '%s: key order of terraform_context does not matter',
    (_name, kind, payload) => {
      const tc = payload.terraform_context as Record<string, unknown>;
      const reversed = {
        ...payload,
        terraform_context: Object.fromEntries(Object.entries(tc).reverse()),
      };
      expect(render(kind, reversed).result.contentHash).toBe(
        render(kind, payload).result.contentHash,
      );
    },
  );

  it('the base contexts are complete payloads of their own', () => {
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      expect(() =>
        render('terraform', { cloud, terraform_context: BASE_CONTEXT[cloud] }),
      ).not.toThrow();
    }
  });
});
