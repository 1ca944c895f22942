/*
 * GitOps trees (gitops/flux, gitops/tofu-controller): every Flux, Flagger and
 * tofu-controller object validates against its schema (Flux through
 * @kubernetes-models/flux-cd in output-checks, Canary and Terraform through
 * the vendored CRD schemas), the object set matches the payload, and the
 * vendored schemas really reject what the API server would reject.
 */
import { checkFiles, formatFindings } from '@iacforge/output-checks';
import YAML from 'yaml';
import { renderOwn } from './lib/governance/engine';
import {
  basePayload,
  GITOPS_ON,
  matrix,
  merge,
  RECONCILIATION_ON,
} from './lib/governance/payloads';
import { extraSchemas, vendoredSchemas } from './lib/gitops/schemas';

jest.setTimeout(300_000);

const gitopsCases = matrix().filter(c => c.payload.gitops_context?.enabled);

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: any;
};

function objects(files: Map<string, string>): (Obj & { file: string })[] {
  return [...files]
    .filter(
      ([p]) =>
        p.startsWith('gitops/') &&
        p.endsWith('.yaml') &&
        !p.endsWith('kustomization.yaml'),
    )
    .flatMap(([file, source]) =>
      YAML.parseAllDocuments(source)
        .map(d => d.toJS() as Obj)
        .filter(o => o && o.kind)
        .map(o => ({ ...o, file })),
    );
}

describe('GitOps manifests', () => {
  it('covers enough GitOps cases', () => {
    expect(gitopsCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(gitopsCases.map(c => [c.name, c] as const))(
    '%s: every object validates against its schema',
    async (_, c) => {
      const files = new Map(
        [...renderOwn(c.payload)].filter(([p]) => p.startsWith('gitops/')),
      );
      const report = await checkFiles(files, { extraSchemas: extraSchemas() });
      expect(formatFindings(report.findings)).toBe('');
      // every object was schema-checked (kustomize's own files are skipped on purpose)
      expect(report.validatedObjects).toBe(objects(files).length);
    },
  );

  it.each(gitopsCases.map(c => [c.name, c] as const))(
    '%s: objects match the payload',
    (_, c) => {
      const files = renderOwn(c.payload);
      const all = objects(files);
      const g = merge(
        { environments: ['dev', 'prod'], canary_enabled: true },
        c.payload.gitops_context,
      );
      const chart = c.payload.helm_context.chart_name;
      const releases = all.filter(
        o => o.kind === 'HelmRelease' && o.file === 'gitops/apps/releases.yaml',
      );
      expect(releases.map(r => r.metadata.name)).toEqual(
        g.environments.map((e: string) => `${chart}-${e}`),
      );
      for (const r of releases) {
        expect(r.apiVersion).toBe('helm.toolkit.fluxcd.io/v2');
        expect(r.spec.chart.spec.sourceRef).toEqual({
          kind: 'GitRepository',
          name: 'flux-system',
          namespace: 'flux-system',
        });
        expect(r.spec.chart.spec.chart).toBe(`./charts/${chart}`);
        expect(r.spec.values.image.tag).toBe(c.payload.helm_context.image_tag);
        // Flagger serves prod from <chart>-primary pods: the chart's PDB and
        // selectors must include them (issue 13, defect 2)
        const flagger = g.canary_enabled && r.metadata.name === `${chart}-prod`;
        expect(r.spec.values.canary?.enabled ?? false).toBe(flagger);
      }
      const canaries = all.filter(o => o.kind === 'Canary');
      expect(canaries.length).toBe(g.canary_enabled ? 1 : 0);
      for (const canary of canaries) {
        expect(canary.metadata.namespace).toBe(
          `${c.payload.helm_context.namespace}-prod`,
        );
        expect(canary.spec.targetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: chart,
        });
      }
      const kustomizations = all.filter(o => o.kind === 'Kustomization');
      for (const k of kustomizations) {
        expect(k.spec.sourceRef).toEqual({
          kind: 'GitRepository',
          name: 'flux-system',
        });
        const path = String(k.spec.path).replace(/^\.\//, '');
        expect([...files.keys()].some(f => f.startsWith(`${path}/`))).toBe(
          true,
        );
      }
      const terraform = all.filter(o => o.kind === 'Terraform');
      expect(terraform.length).toBe(
        c.payload.reconciliation_context?.enabled ? 1 : 0,
      );
    },
  );

  it.each(['aws', 'azure', 'gcp'] as const)(
    '%s: the tofu-controller Terraform object reconciles the stack',
    async cloud => {
      for (const rc of [
        {},
        {
          approve_plan: 'auto',
          drift_detection_enabled: false,
          destroy_resources_on_deletion: true,
        },
      ]) {
        const payload = basePayload(
          cloud,
          merge(RECONCILIATION_ON, { reconciliation_context: rc }),
        );
        const files = renderOwn(payload);
        const [tf] = objects(files).filter(o => o.kind === 'Terraform');
        expect(tf.apiVersion).toBe('infra.contrib.fluxcd.io/v1alpha2');
        expect(tf.spec.path).toBe('./terraform');
        expect(tf.spec.sourceRef).toEqual({
          kind: 'GitRepository',
          name: 'flux-system',
          namespace: 'flux-system',
        });
        expect(tf.spec.approvePlan).toBe(
          (rc as any).approve_plan === 'auto' ? 'auto' : '',
        );
        expect(tf.spec.disableDriftDetection).toBe(
          (rc as any).drift_detection_enabled === false,
        );
        expect(tf.spec.destroyResourcesOnDeletion).toBe(
          Boolean((rc as any).destroy_resources_on_deletion),
        );
        expect(tf.spec.writeOutputsToSecret.name).toMatch(
          /-terraform-outputs$/,
        );
        const backend = {
          aws: 'backend "s3"',
          azure: 'backend "azurerm"',
          gcp: 'backend "gcs"',
        }[cloud];
        expect(tf.spec.backendConfig.customConfiguration).toContain(backend);
        // the same state as terraform/backend.hcl: values of the contract's state_* fields
        const state = payload.terraform_context;
        const stateName = {
          aws: `"tfstate-platform-dev-${state.aws_region}"`,
          azure: '"rg-platform-tfstate"',
          gcp: `"${state.gcp_project_id}-tfstate"`,
        }[cloud];
        expect(tf.spec.backendConfig.customConfiguration).toContain(stateName);
        // the CI workflows plan with the runner's OpenTofu, not Terraform
        expect(files.get('.github/workflows/infra-plan.yml')).toContain(
          'TF_CLI: tofu',
        );
        expect(files.get('.github/workflows/infra-plan.yml')).toContain(
          'opentofu/setup-opentofu@',
        );
        const { file: _file, ...object } = tf;
        const report = await checkFiles(
          new Map([['t.yaml', YAML.stringify(object)]]),
          { extraSchemas: extraSchemas() },
        );
        expect(formatFindings(report.findings)).toBe('');
      }
    },
  );

  describe('the vendored CRD schemas', () => {
    it('are cited and cover Canary, Terraform and the GKE managed Prometheus kinds', () => {
      const kinds = vendoredSchemas().map(s => `${s.apiVersion} ${s.kind}`);
      expect(kinds).toEqual([
        'flagger.app/v1beta1 Canary',
        'infra.contrib.fluxcd.io/v1alpha2 Terraform',
        'monitoring.googleapis.com/v1 PodMonitoring',
        'monitoring.googleapis.com/v1 Rules',
      ]);
      for (const s of vendoredSchemas()) {
        expect(s.source.repository).toMatch(/^https:\/\/github\.com\//);
        expect(s.source.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(s.source.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(s.source.tag).toMatch(/^v\d+\.\d+\.\d+$/);
      }
    });

    it('match the versions the templates install', () => {
      const files = renderOwn(basePayload('aws', merge(RECONCILIATION_ON, {})));
      const [flagger] = vendoredSchemas().filter(s => s.kind === 'Canary');
      const [tofu] = vendoredSchemas().filter(s => s.kind === 'Terraform');
      expect(files.get('gitops/infrastructure/flagger/flagger.yaml')).toContain(
        `tag: ${flagger.source.tag.slice(1)}`,
      );
      expect(
        files.get('gitops/infrastructure/tofu-controller/tofu-controller.yaml'),
      ).toContain(`version: ${tofu.source.tag.slice(1)}`);
    });

    it('reject unknown fields, wrong types and bad enums', async () => {
      const files = renderOwn(
        basePayload(
          'gcp',
          merge(RECONCILIATION_ON, {
            gitops_context: { canary_provider: 'gatewayapi' },
          }),
        ),
      );
      const canary = YAML.parse(files.get('gitops/apps/canary.yaml')!);
      const terraform = YAML.parse(
        files.get('gitops/infrastructure/terraform/terraform.yaml')!,
      );
      const broken = new Map([
        [
          'a.yaml',
          YAML.stringify({
            ...canary,
            spec: { ...canary.spec, provider: 'gatewayapi', analyzis: {} },
          }),
        ],
        [
          'b.yaml',
          YAML.stringify({
            ...terraform,
            spec: { ...terraform.spec, storeReadablePlan: 'text', interval: 5 },
          }),
        ],
      ]);
      const report = await checkFiles(broken, { extraSchemas: extraSchemas() });
      const text = formatFindings(report.findings);
      expect(text).toMatch(/a\.yaml.*spec\.provider/);
      expect(text).toMatch(/a\.yaml.*spec\.analyzis: unknown field/);
      expect(text).toMatch(/b\.yaml.*spec\.storeReadablePlan/);
      expect(text).toMatch(/b\.yaml.*spec\.interval/);
    });
  });

  it('promotes in the order of gitops_context.environments', () => {
    const files = renderOwn(
      basePayload(
        'aws',
        merge(GITOPS_ON, {
          gitops_context: { environments: ['dev', 'staging', 'prod'] },
        }),
      ),
    );
    const promote = YAML.parse(files.get('.github/workflows/promote.yml')!);
    expect(promote.env.PROMOTION_ORDER).toBe('dev staging prod');
    expect(promote.on.workflow_dispatch.inputs.from.options).toEqual([
      'dev',
      'staging',
    ]);
    expect(Object.keys(promote.jobs)).toEqual(['plan', 'test', 'promote']);
    expect(
      promote.jobs.promote.steps.map(
        (s: any) => String(s.uses ?? '').split('@')[0],
      ),
    ).toContain('peter-evans/create-pull-request');
    const auto = renderOwn(
      basePayload(
        'aws',
        merge(GITOPS_ON, {
          gitops_context: {
            promotion_strategy: 'automatic',
            promotion_requires_tests: false,
          },
        }),
      ),
    );
    const autoPromote = YAML.parse(auto.get('.github/workflows/promote.yml')!);
    expect(Object.keys(autoPromote.jobs)).toEqual(['plan', 'promote']);
    expect(autoPromote.jobs.promote.permissions).toEqual({ contents: 'write' });
  });
});
