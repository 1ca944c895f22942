import YAML from 'yaml';
import { podSecurityRule } from './podSecurity';
import { podSecurityViolations } from './podSecurity/standards';
import type { ManifestObject, SemanticInput } from './types';

const RESTRICTED_CONTAINER = {
  name: 'app',
  image: 'ghcr.io/acme/app:1.0.0',
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    runAsUser: 10001,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
};

function namespace(
  name: string,
  labels: Record<string, string>,
  annotations = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels, annotations },
  };
}

function deployment(
  namespaceName: string,
  spec: Record<string, unknown>,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: namespaceName },
    spec: { template: { metadata: { labels }, spec } },
  };
}

function run(
  manifests: Array<Record<string, unknown> | ManifestObject>,
  files: Record<string, string> = {},
) {
  const input: SemanticInput = {
    files: new Map(Object.entries(files)),
    manifests: manifests.map((m, i) =>
      'object' in m
        ? (m as ManifestObject)
        : { file: `m${i}.yaml`, object: m as Record<string, unknown> },
    ),
    chartsRendered: false,
  };
  return podSecurityRule.run(input);
}

const messages = (findings: { message: string }[]) =>
  findings.map(f => f.message);

describe('Pod Security Standards', () => {
  const pod = (spec: Record<string, unknown>) => ({ annotations: {}, spec });

  it('admits a restricted pod at every level', () => {
    const good = pod({ containers: [RESTRICTED_CONTAINER] });
    expect(podSecurityViolations(good, 'restricted')).toEqual([]);
    expect(podSecurityViolations(good, 'baseline')).toEqual([]);
  });

  it('names every baseline control a pod breaks', () => {
    const bad = pod({
      hostNetwork: true,
      securityContext: {
        seccompProfile: { type: 'Unconfined' },
        sysctls: [{ name: 'kernel.msgmax', value: '1' }],
      },
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
      containers: [
        {
          name: 'c',
          ports: [{ containerPort: 80, hostPort: 80 }],
          securityContext: {
            privileged: true,
            procMount: 'Unmasked',
            capabilities: { add: ['SYS_ADMIN', 'CHOWN'] },
          },
        },
      ],
    });
    const violations = podSecurityViolations(bad, 'baseline').join('\n');
    for (const expected of [
      'host namespaces (hostNetwork=true)',
      'privileged',
      'non-default capabilities ("c": SYS_ADMIN)',
      'hostPath volumes ("host")',
      'hostPort ("c": 80)',
      'procMount',
      'seccompProfile (pod must not set type Unconfined)',
      'forbidden sysctls (kernel.msgmax)',
    ]) {
      expect(violations).toContain(expected);
    }
    expect(podSecurityViolations(bad, 'privileged')).toEqual([]);
  });

  it('names every restricted control a baseline pod breaks', () => {
    const bad = pod({
      volumes: [{ name: 'nfs', nfs: { server: 'x', path: '/' } }],
      containers: [
        {
          name: 'c',
          securityContext: {
            runAsUser: 0,
            capabilities: { add: ['CHOWN'] },
          },
        },
      ],
    });
    expect(podSecurityViolations(bad, 'baseline')).toEqual([]);
    const violations = podSecurityViolations(bad, 'restricted').join('\n');
    for (const expected of [
      'restricted volume types ("nfs": nfs)',
      'allowPrivilegeEscalation != false',
      'runAsNonRoot != true',
      'runAsUser=0',
      'seccompProfile (pod or container "c" must set',
      'must set securityContext.capabilities.drop=["ALL"]',
      'only NET_BIND_SERVICE may be added: "c": CHOWN',
    ]) {
      expect(violations).toContain(expected);
    }
  });

  it('accepts pod-level runAsNonRoot and seccomp for every container', () => {
    const good = pod({
      securityContext: {
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [
        {
          name: 'init',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
          },
        },
      ],
      containers: [
        {
          name: 'c',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          },
        },
      ],
    });
    expect(podSecurityViolations(good, 'restricted')).toEqual([]);
  });
});

describe('pod-security rule', () => {
  it('good: a restricted Deployment in a restricted namespace', () => {
    expect(
      run([
        namespace('apps', {
          'pod-security.kubernetes.io/enforce': 'restricted',
        }),
        deployment('apps', { containers: [RESTRICTED_CONTAINER] }),
      ]),
    ).toEqual([]);
  });

  it('broken: a default container in a restricted namespace', () => {
    const findings = run([
      namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted' }),
      deployment('apps', {
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'pod-security',
      severity: 'error',
      file: 'm1.yaml',
    });
    expect(findings[0].message).toMatch(
      /^Deployment apps\/app: namespace "apps" \(m0\.yaml\) enforces "restricted", the pod is rejected: allowPrivilegeEscalation != false/,
    );
  });

  it('checks every workload kind, CronJobs included', () => {
    const bad = {
      containers: [{ name: 'c', securityContext: { privileged: true } }],
    };
    const ns = namespace('b', {
      'pod-security.kubernetes.io/enforce': 'baseline',
    });
    const kinds = [
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'b' },
        spec: bad,
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's', namespace: 'b' },
        spec: { template: { spec: bad } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'd', namespace: 'b' },
        spec: { template: { spec: bad } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j', namespace: 'b' },
        spec: { template: { spec: bad } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cj', namespace: 'b' },
        spec: { jobTemplate: { spec: { template: { spec: bad } } } },
      },
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'r', namespace: 'b' },
        spec: { template: { spec: bad } },
      },
    ];
    expect(run([ns, ...kinds])).toHaveLength(kinds.length);
  });

  it('a namespace without an enforce label is privileged; one not in the tree is held to restricted', () => {
    const bad = {
      containers: [{ name: 'c', securityContext: { privileged: true } }],
    };
    expect(run([namespace('open', {}), deployment('open', bad)])).toEqual([]);
    expect(messages(run([deployment('elsewhere', bad)]))).toEqual([
      expect.stringContaining(
        'namespace "elsewhere" is not in the tree, the bar is "restricted"',
      ),
    ]);
  });

  it('adds istio-init (NET_ADMIN, NET_RAW, root) where Istio injects, unless the namespace uses Istio CNI', () => {
    const pod = {
      securityContext: {
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [RESTRICTED_CONTAINER],
    };
    const injected = { 'istio-injection': 'enabled' };
    for (const level of ['restricted', 'baseline']) {
      const findings = run([
        namespace('mesh', {
          'pod-security.kubernetes.io/enforce': level,
          ...injected,
        }),
        deployment('mesh', pod),
      ]);
      expect(messages(findings)).toEqual([
        expect.stringContaining(
          'with the injected Istio containers istio-init, istio-proxy',
        ),
      ]);
      expect(findings[0].message).toContain('"istio-init": NET_ADMIN');
    }
    // pod label alone triggers injection too
    expect(
      run([
        namespace('mesh', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
        deployment('mesh', pod, { 'sidecar.istio.io/inject': 'true' }),
      ]),
    ).toHaveLength(1);
    expect(
      run([
        namespace(
          'mesh',
          { 'pod-security.kubernetes.io/enforce': 'restricted', ...injected },
          { 'iacforge.io/istio-cni': 'true' },
        ),
        deployment('mesh', pod),
      ]),
    ).toEqual([]);
    expect(
      run([
        namespace('mesh', {
          'pod-security.kubernetes.io/enforce': 'privileged',
          ...injected,
        }),
        deployment('mesh', pod),
      ]),
    ).toEqual([]);
  });

  describe('rendered chart objects', () => {
    const bad = deployment('default', {
      containers: [{ name: 'c', securityContext: { runAsUser: 0 } }],
    });
    const rendered = (
      object: Record<string, unknown>,
      values = 'values.yaml',
    ) => ({
      file: 'charts/app/templates/x.yaml',
      object,
      chart: 'charts/app',
      values,
    });

    it("use the Namespace of the same render, not another chart's", () => {
      const privileged = namespace('default', {});
      expect(run([rendered(privileged), rendered(bad)])).toEqual([]);
      expect(
        run([
          { ...rendered(privileged), chart: 'charts/other' },
          rendered(bad),
        ]),
      ).toHaveLength(1);
    });

    it('use the namespaces a HelmRelease deploys the chart to', () => {
      const release = {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'app-prod', namespace: 'flux-system' },
        spec: {
          targetNamespace: 'app-prod',
          chart: { spec: { chart: './charts/app' } },
        },
      };
      expect(run([release, namespace('app-prod', {}), rendered(bad)])).toEqual(
        [],
      );
      expect(
        messages(
          run([
            release,
            namespace('app-prod', {
              'pod-security.kubernetes.io/enforce': 'baseline',
            }),
            rendered(bad),
          ]),
        ),
      ).toEqual([]);
      expect(
        messages(
          run([
            release,
            namespace('app-prod', {
              'pod-security.kubernetes.io/enforce': 'restricted',
            }),
            rendered(bad),
          ]),
        ),
      ).toEqual([
        expect.stringContaining(
          'namespace "app-prod" (m1.yaml) enforces "restricted"',
        ),
      ]);
    });

    it('else the level the chart declares, else restricted', () => {
      const files = {
        'charts/app/values.yaml':
          'namespace:\n  podSecurityLevel: restricted\n',
        'charts/app/ci/open-values.yaml':
          'namespace:\n  podSecurityLevel: privileged\n',
      };
      expect(messages(run([rendered(bad)], files))).toEqual([
        expect.stringContaining(
          'the chart declares (namespace.podSecurityLevel) "restricted"',
        ),
      ]);
      expect(run([rendered(bad, 'ci/open-values.yaml')], files)).toEqual([]);
      expect(messages(run([rendered(bad)]))).toEqual([
        expect.stringContaining('"restricted"'),
      ]);
    });
  });

  describe('values passed to charts we install (Flagger 1.44.0)', () => {
    const manifests = (values: string) =>
      YAML.parseAllDocuments(
        `
apiVersion: v1
kind: Namespace
metadata:
  name: flagger-system
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: { name: flagger, namespace: flagger-system }
spec: { url: oci://ghcr.io/fluxcd/charts/flagger, ref: { tag: 1.44.0 } }
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: flagger, namespace: flagger-system }
spec:
  chartRef: { kind: OCIRepository, name: flagger }
  values:
${values}
`,
      ).map(d => d.toJS());

    it('broken: the chart defaults (readOnlyRootFilesystem + runAsUser only)', () => {
      const findings = run(manifests('    meshProvider: kubernetes'));
      expect(messages(findings)).toEqual([
        expect.stringMatching(
          /^HelmRelease flagger-system\/flagger: Deployment flagger of chart flagger: namespace "flagger-system" .* enforces "restricted", the pod is rejected: allowPrivilegeEscalation != false .*runAsNonRoot != true.*seccompProfile.*capabilities.drop=\["ALL"\].*\(spec\.values, mapped per flagger chart 1\.44\.0/,
        ),
      ]);
    });

    it('good: a restricted securityContext.context (merged with the defaults)', () => {
      const context = `
    securityContext:
      context:
        runAsNonRoot: true
        allowPrivilegeEscalation: false
        capabilities: { drop: [ALL] }
        seccompProfile: { type: RuntimeDefault }`;
      expect(run(manifests(context))).toEqual([]);
    });

    it('broken: the bundled Prometheus without its securityContext', () => {
      const values = `
    securityContext:
      context:
        runAsNonRoot: true
        allowPrivilegeEscalation: false
        capabilities: { drop: [ALL] }
        seccompProfile: { type: RuntimeDefault }
    prometheus:
      install: true`;
      expect(messages(run(manifests(values)))).toEqual([
        expect.stringContaining(
          'Deployment flagger-prometheus of chart flagger',
        ),
      ]);
    });
  });
});
