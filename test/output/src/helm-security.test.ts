/*
 * Secure defaults and structure of the rendered charts (OUTPUT-QUALITY Helm
 * 11, 13-17): the Deployment of every tree with default values, and with
 * everything on, passes the pod-security, resources, probes, autoscaling,
 * PDB, monitor, alert and secret-reference checks and the applicable
 * kube-linter default checks. Rendered into a namespace other than the
 * payload's, which proves no namespace is hard-coded.
 */
import { checkAll, checkWorkload } from './lib/helm/policy';
import { helmMatrix } from './lib/helm/cases';
import { renderChart, templateChart } from './lib/helm/chart';

const RELEASE = { name: 'orders', namespace: 'prod-orders' };
const HELM_OPTIONS = { release: RELEASE.name, namespace: RELEASE.namespace };

const POLICY_CASES = helmMatrix().filter(c =>
  [
    '/ defaults',
    '/ all on (hpa)',
    '/ all on (keda)',
    '/ one replica, no spread',
    '/ hpa bounds 1..1000',
    '/ keda scale to zero, bounds',
    '/ metrics on the http port, both monitors',
    '/ probes on the metrics port',
    '/ pdb minAvailable 50%',
    '/ tcp probes',
    '/ seed: pdb + quota',
  ].some(suffix => c.name.endsWith(suffix)),
);

describe('secure defaults and structure of the rendered charts', () => {
  it('checks every tree', () => {
    expect(POLICY_CASES.length).toBe(33);
  });

  it.each(POLICY_CASES.map(c => [c.name, c] as const))(
    '%s: pod security, resources, probes, autoscaling, PDB, monitors, alerts, labels',
    async (_name, helmCase) => {
      const chart = renderChart(helmCase);
      const objects = await templateChart(chart.files, HELM_OPTIONS);
      expect(
        checkAll(objects, { ...RELEASE, gatewayNamespace: 'istio-system' }),
      ).toEqual([]);
      expect(objects.map(o => o.kind)).toEqual(
        expect.arrayContaining(['Deployment', 'Service', 'ServiceAccount']),
      );
    },
    60_000,
  );

  it('flags a workload that gives up the secure defaults (the checks bite)', async () => {
    const helmCase = helmMatrix().find(c =>
      c.name.endsWith('basic / uid 65532, writable root filesystem'),
    )!;
    const objects = await templateChart(
      renderChart(helmCase).files,
      HELM_OPTIONS,
    );
    expect(checkWorkload(objects)).toEqual([
      'Deployment/orders container orders: readOnlyRootFilesystem is not true',
    ]);
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(65532);
  });

  it('the default Deployment meets OUTPUT-QUALITY 13-15 field by field', async () => {
    const helmCase = helmMatrix().find(c => c.name === 'basic / defaults')!;
    const objects = await templateChart(
      renderChart(helmCase).files,
      HELM_OPTIONS,
    );
    const d = objects.find(o => o.kind === 'Deployment')!;
    const pod = d.spec.template.spec;
    const [c] = pod.containers;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('orders');
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(c.image).toBe('ghcr.io/acme/orders:1.4.2');
    expect(c.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
    ]);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(c[probe].httpGet).toEqual({ path: '/', port: 'http' });
    }
    expect(c.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(d.spec.replicas).toBe(2);
    expect(pod.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
    });
    expect(
      pod.affinity.podAntiAffinity
        .preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm
        .topologyKey,
    ).toBe('kubernetes.io/hostname');
    const ns = objects.find(o => o.kind === 'Namespace')!;
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });
});
