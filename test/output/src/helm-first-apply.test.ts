/*
 * What a platform engineer checks before the first apply (issue 13): the
 * charts' pods are admitted by the namespace's Pod Security level, each
 * metrics port is scraped once, the Flagger primary pods are protected by
 * the PDB, GKE gets an Ingress its controller serves and only monitoring
 * kinds whose CRDs exist there, ingress is denied except from the ingress
 * path, pods drain before they stop, and the form's default image runs
 * under the chart's security context.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { runSemanticRules, ManifestObject } from '@iacforge/output-checks';
import { helmMatrix } from './lib/helm/cases';
import { K8sObject, renderChart, templateChart } from './lib/helm/chart';

jest.setTimeout(120_000);

const MATRIX = new Map(helmMatrix().map(c => [c.name, c]));

async function render(
  name: string,
  options: { setTyped?: string[]; set?: string[] } = {},
): Promise<K8sObject[]> {
  const helmCase = MATRIX.get(name);
  if (!helmCase) throw new Error(`no matrix case "${name}"`);
  return templateChart(renderChart(helmCase).files, options);
}

const ofKind = (objects: K8sObject[], kind: string) =>
  objects.filter(o => o.kind === kind);

function podSecurity(objects: K8sObject[]): string[] {
  const manifests: ManifestObject[] = objects.map(object => ({
    file: 'rendered.yaml',
    object,
    chart: 'charts/orders',
    values: 'values.yaml',
  }));
  return runSemanticRules({
    files: new Map(),
    manifests,
    chartsRendered: true,
  }).map(f => f.message);
}

/** Does a label selector (matchLabels + In expressions) select these labels? */
function selects(selector: any, labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );
  const byExpressions = (selector.matchExpressions ?? []).every(
    (e: any) => e.operator === 'In' && e.values.includes(labels[e.key]),
  );
  return byLabels && byExpressions;
}

describe('Pod Security: the namespace level follows the Istio features (defect 10)', () => {
  it('restricted without Istio; every pod admitted', async () => {
    const objects = await render('basic / defaults');
    const [ns] = ofKind(objects, 'Namespace');
    expect(ns.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
    expect(podSecurity(objects)).toEqual([]);
  });

  it('privileged with Istio sidecars and no Istio CNI (istio-init needs root, NET_ADMIN, NET_RAW)', async () => {
    const objects = await render('basic / istio sidecar only');
    const [ns] = ofKind(objects, 'Namespace');
    expect(ns.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe(
      'privileged',
    );
    expect(ns.metadata.labels!['pod-security.kubernetes.io/warn']).toBe(
      'restricted',
    );
    expect(podSecurity(objects)).toEqual([]);
  });

  it('restricted with Istio CNI', async () => {
    const objects = await render('gke-basic / istio sidecar with istio cni');
    const [ns] = ofKind(objects, 'Namespace');
    expect(ns.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
    expect(ns.metadata.annotations!['iacforge.io/istio-cni']).toBe('true');
    expect(podSecurity(objects)).toEqual([]);
  });

  it('refuses a restricted or baseline level with sidecars but no Istio CNI', async () => {
    await expect(
      render('aks-basic / istio sidecar only', {
        set: ['namespace.podSecurityLevel=baseline'],
      }),
    ).rejects.toThrow(/istio-init.*set istio\.cni=true/);
  });
});

describe('monitoring (defects 11a, 7)', () => {
  it('scrapes each port once: the app port by the ServiceMonitor, never also by the PodMonitor', async () => {
    for (const tree of ['basic', 'aks-basic']) {
      const objects = await render(
        `${tree} / metrics on the http port, both monitors`,
      );
      expect(ofKind(objects, 'ServiceMonitor')).toHaveLength(1);
      expect(ofKind(objects, 'PodMonitor')).toHaveLength(0);
      const allOn = await render(`${tree} / all on (hpa)`);
      const [podMonitor] = ofKind(allOn, 'PodMonitor');
      expect(
        podMonitor.spec.podMetricsEndpoints.map((e: any) => e.port),
      ).toEqual(['http-envoy-prom']);
      expect(ofKind(allOn, 'ServiceMonitor')[0].spec.endpoints).toHaveLength(1);
    }
  });

  it('GKE: Managed Prometheus kinds only, never monitoring.coreos.com', async () => {
    const objects = await render('gke-basic / all on (hpa)');
    expect(
      objects.filter(o => o.apiVersion.startsWith('monitoring.coreos.com/')),
    ).toEqual([]);
    const [podMonitoring] = ofKind(objects, 'PodMonitoring');
    expect(podMonitoring.apiVersion).toBe('monitoring.googleapis.com/v1');
    expect(podMonitoring.spec.endpoints.map((e: any) => e.port)).toEqual([
      'metrics',
      'http-envoy-prom',
    ]);
    expect(ofKind(objects, 'Rules').length).toBeGreaterThan(0);
    const operator = await render('gke-basic / all on (hpa)', {
      setTyped: ['gke.managedPrometheus=false'],
    });
    expect(ofKind(operator, 'PodMonitoring')).toEqual([]);
    expect(ofKind(operator, 'PrometheusRule').length).toBeGreaterThan(0);
  });
});

describe('GKE ingress (defect 7)', () => {
  it('sets the gce class by annotation, never ingressClassName', async () => {
    const [ingress] = ofKind(
      await render('gke-basic / all on (hpa)'),
      'Ingress',
    );
    expect(ingress.metadata.annotations!['kubernetes.io/ingress.class']).toBe(
      'gce',
    );
    expect(ingress.spec.ingressClassName).toBeUndefined();
    const [nginx] = ofKind(
      await render('gke-basic / all on (hpa)', {
        set: ['ingress.className=nginx'],
      }),
      'Ingress',
    );
    expect(nginx.spec.ingressClassName).toBe('nginx');
    expect(nginx.metadata.annotations!['kubernetes.io/ingress.class']).toBe(
      undefined,
    );
  });
});

describe('Flagger primary pods (defect 2)', () => {
  it('the PDB, PodMonitor and NetworkPolicy select <name>-primary pods with canary.enabled', async () => {
    const objects = await render('basic / all on (hpa)', {
      setTyped: ['canary.enabled=true'],
    });
    const [deployment] = ofKind(objects, 'Deployment');
    const podLabels = deployment.spec.template.metadata.labels;
    // Flagger renames the app.kubernetes.io/name selector label of the primary
    const primary = {
      ...podLabels,
      'app.kubernetes.io/name': `${podLabels['app.kubernetes.io/name']}-primary`,
    };
    for (const kind of ['PodDisruptionBudget', 'NetworkPolicy']) {
      const [o] = ofKind(objects, kind);
      const selector =
        kind === 'NetworkPolicy' ? o.spec.podSelector : o.spec.selector;
      expect({ kind, primary: selects(selector, primary) }).toEqual({
        kind,
        primary: true,
      });
      expect(selects(selector, podLabels)).toBe(true);
    }
    const [podMonitor] = ofKind(objects, 'PodMonitor');
    expect(selects(podMonitor.spec.selector, primary)).toBe(true);
    const metrics = ofKind(objects, 'Service').find(s =>
      s.metadata.name.endsWith('-metrics'),
    )!;
    expect(selects({ matchLabels: metrics.spec.selector }, primary)).toBe(true);
    // without a canary: the chart's own pods only
    const [pdb] = ofKind(
      await render('basic / all on (hpa)'),
      'PodDisruptionBudget',
    );
    expect(selects(pdb.spec.selector, primary)).toBe(false);
  });
});

describe('NetworkPolicy, preStop, digest', () => {
  it('denies ingress except from the release namespace, the ingress path and Prometheus', async () => {
    const [policy] = ofKind(
      await render('basic / all on (hpa)'),
      'NetworkPolicy',
    );
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const [http, metrics] = policy.spec.ingress;
    expect(http.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    const namespaces = http.from
      .map(
        (f: any) =>
          f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'],
      )
      .filter(Boolean);
    expect(namespaces).toEqual(expect.arrayContaining(['istio-system']));
    expect(http.from[0]).toEqual({ podSelector: {} });
    expect(metrics.ports.map((p: any) => p.port)).toEqual(['metrics', 15090]);
    expect(
      ofKind(
        await render('basic / no network policy, no pre-stop delay'),
        'NetworkPolicy',
      ),
    ).toEqual([]);
  });

  it('drains with the preStop sleep action (exec sleep before 1.30) inside the grace period', async () => {
    const [d] = ofKind(
      await render('basic / pre-stop delay 60s'),
      'Deployment',
    );
    expect(d.spec.template.spec.containers[0].lifecycle).toEqual({
      preStop: { sleep: { seconds: 60 } },
    });
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(85);
    const [old] = ofKind(
      await render('basic / pre-stop delay 60s', {
        setTyped: ['lifecycle.preStopExec=true'],
      }),
      'Deployment',
    );
    expect(old.spec.template.spec.containers[0].lifecycle.preStop).toEqual({
      exec: { command: ['sleep', '60'] },
    });
    const [none] = ofKind(
      await render('basic / no network policy, no pre-stop delay'),
      'Deployment',
    );
    expect(none.spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });

  it('pulls by digest when image.digest is set', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const [d] = ofKind(
      await render('basic / defaults', { set: [`image.digest=${digest}`] }),
      'Deployment',
    );
    expect(d.spec.template.spec.containers[0].image).toMatch(
      new RegExp(`:[^/]+@${digest}$`),
    );
  });
});

function propsOf(dir: string): Record<string, any> {
  const doc = YAML.parse(
    fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
  );
  return Object.assign(
    {},
    ...(doc.spec.parameters as any[]).map(p => p.properties ?? {}),
  );
}

describe('the form default image (defect 9)', () => {
  // eslint-disable-next-line no-restricted-syntax
  const root = path.resolve(
    __dirname,
    '../../../plugins/iac-templates/templates/scaffolder',
  );
  // only the templates whose form asks for an image
  const templates = fs
    .readdirSync(root)
    .filter(d => fs.existsSync(path.join(root, d, 'template.yaml')))
    .filter(d => propsOf(path.join(root, d)).image_repository);

  it('finds templates that ask for an image', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates)(
    '%s: defaults to an image that runs as non-root on the container port',
    name => {
      const props = propsOf(path.join(root, name));
      expect(props.image_repository.default).toBe(
        'nginxinc/nginx-unprivileged',
      );
      // nginx-unprivileged listens on 8080, the chart's default container port
      expect(props.container_port.default).toBe(8080);
    },
  );
});
