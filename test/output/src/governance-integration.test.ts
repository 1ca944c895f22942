/*
 * The governance and GitOps trees together with the real Terraform and Helm
 * trees of templates/iac (the whole registry, as the engine loads it in
 * production): no output path is written twice, our files do not depend on
 * the other trees, and what our files assume about them holds (partial
 * backend file, tag keys required by the policies, chart values set by the
 * HelmReleases, workload names used by the Canary).
 */
import YAML from 'yaml';
import {
  checkFiles,
  formatFindings,
  SEMANTIC_RULES,
} from '@iacforge/output-checks';
import { IacEngine, requireGenerated } from '@iacforge/plugin-iac-node';
import { getEngine } from './lib/generate';
import { ownFiles, renderOwn } from './lib/governance/engine';
import {
  basePayload,
  CLOUDS,
  GITOPS_ON,
  merge,
  RECONCILIATION_ON,
} from './lib/governance/payloads';

function load(): { engine?: IacEngine; error?: unknown } {
  try {
    return { engine: getEngine() };
  } catch (error) {
    return { error };
  }
}

const PAYLOADS = CLOUDS.flatMap(
  cloud =>
    [
      [`${cloud} default`, basePayload(cloud, { enable_native_checks: true })],
      [
        `${cloud} gitops + reconciliation + add-ons`,
        basePayload(
          cloud,
          merge(RECONCILIATION_ON, { addons_context: { enabled: true } }),
        ),
      ],
      [
        `${cloud} existing cluster + gitops`,
        basePayload(cloud, merge(GITOPS_ON, { existing_cluster: true })),
      ],
    ] as const,
);

describe('with the real templates/iac', () => {
  it('loads the whole registry', () => {
    expect(load().error).toBeUndefined();
  });

  it.each(PAYLOADS)(
    '%s: renders without collisions, our files unchanged',
    (_, payload) => {
      const result = requireGenerated(
        getEngine().generate('platform', payload),
      );
      const paths = result.files.map(f => f.path);
      expect(new Set(paths).size).toBe(paths.length);
      const own = new Map(
        ownFiles(result.files).map(f => [f.path, f.content.toString('utf8')]),
      );
      expect([...own.entries()]).toEqual([...renderOwn(payload).entries()]);

      const chart = (payload as Record<string, any>).helm_context.chart_name;
      const chartYaml = YAML.parse(
        result.files
          .find(f => f.path === `charts/${chart}/Chart.yaml`)!
          .content.toString('utf8'),
      );
      expect(chartYaml.name).toBe(chart);
    },
  );

  it.each(
    PAYLOADS.filter(([, p]) => !(p as Record<string, any>).existing_cluster),
  )(
    '%s: the Terraform trees provide what the workflows and policies assume',
    (_, payload) => {
      const files = new Map(
        requireGenerated(getEngine().generate('platform', payload)).files.map(
          f => [f.path, f.content.toString('utf8')],
        ),
      );
      // the workflows run `init -backend-config=backend.hcl`
      expect(files.has('terraform/backend.hcl')).toBe(true);
      // the tags policy requires what the Terraform trees tag every resource with
      const main = files.get('terraform/main.tf')!;
      for (const key of ['project', 'environment', 'managed-by'])
        expect(main).toMatch(new RegExp(`^\\s+${key}\\s+=`, 'm'));
    },
  );

  it.each(
    PAYLOADS.filter(
      ([, p]) => (p as Record<string, any>).gitops_context?.enabled,
    ),
  )(
    '%s: the chart has the values and names the GitOps manifests use',
    (_, payload) => {
      const files = new Map(
        requireGenerated(getEngine().generate('platform', payload)).files.map(
          f => [f.path, f.content.toString('utf8')],
        ),
      );
      const chart = (payload as Record<string, any>).helm_context.chart_name;
      // keys the HelmReleases set must exist in the chart's values
      const values = YAML.parse(files.get(`charts/${chart}/values.yaml`)!);
      expect(typeof values.image.tag).toBe('string');
      expect(typeof values.namespace.create).toBe('boolean');
      expect(typeof values.istio.ingress.enabled).toBe('boolean');
      // the Canary targets the Deployment named after the release (= chart name)
      expect(files.get(`charts/${chart}/templates/_helpers.tpl`)).toContain(
        'contains $name .Release.Name',
      );
    },
  );

  it.each(PAYLOADS)(
    '%s: the semantic rules find nothing in the whole repository',
    async (_, payload) => {
      const result = requireGenerated(
        getEngine().generate('platform', payload),
      );
      const report = await checkFiles(
        new Map(result.files.map(f => [f.path, f.content.toString('utf8')])),
      );
      const semantic = new Set(SEMANTIC_RULES.map(r => r.check));
      expect(
        formatFindings(report.findings.filter(f => semantic.has(f.check))),
      ).toBe('');
    },
    120_000,
  );
});
