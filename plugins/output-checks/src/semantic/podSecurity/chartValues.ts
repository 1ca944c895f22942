/*
 * Charts we install but do not render here (Flux HelmReleases of third-party
 * charts): from the values we pass to the pods they become. One entry per
 * chart, written from the chart's templates at the version named in
 * `source`; the chart's own defaults are merged under our values the way
 * Helm merges them (maps deep, everything else replaced).
 */
import { isPlainObject } from '../../util';
import type { PodTemplate } from './standards';

type Obj = Record<string, unknown>;

/** A pod a chart renders, named for the messages. */
export interface ChartPod extends PodTemplate {
  /** e.g. `Deployment flagger` */
  name: string;
}

export interface ChartPodMapping {
  /** Chart name, as in the OCI / repository URL. */
  chart: string;
  /** Where the mapping was read from (chart version and templates). */
  source: string;
  /** The chart's default values the mapping reads (values.yaml). */
  defaults: Obj;
  pods(values: Obj): ChartPod[];
}

/** Helm's values coalescing: maps merge key by key, other values replace. */
export function mergeValues(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] =
      isPlainObject(value) && isPlainObject(out[key])
        ? mergeValues(out[key] as Obj, value)
        : value;
  }
  return out;
}

function obj(value: unknown): Obj {
  return isPlainObject(value) ? value : {};
}

function at(values: Obj, ...path: string[]): unknown {
  let cur: unknown = values;
  for (const key of path) {
    cur = obj(cur)[key];
  }
  return cur;
}

/**
 * `{{ if .enabled }} securityContext: {{ toYaml .context }}` as both
 * Flagger templates write it.
 */
function optionalContext(section: unknown): Obj | undefined {
  return obj(section).enabled ? obj(obj(section).context) : undefined;
}

/**
 * Flagger 1.44.0 (oci://ghcr.io/fluxcd/charts/flagger, fluxcd/flagger
 * charts/flagger at the "Release Flagger 1.44.0" commit): templates/
 * deployment.yaml puts `securityContext.context` on the flagger container
 * when `securityContext.enabled` (no pod-level securityContext, no
 * hostPath), templates/prometheus.yaml puts `prometheus.securityContext.
 * context` on the bundled Prometheus when `prometheus.install` and
 * `prometheus.securityContext.enabled` (default false).
 */
const FLAGGER: ChartPodMapping = {
  chart: 'flagger',
  source:
    'flagger chart 1.44.0 (charts/flagger/templates/deployment.yaml, prometheus.yaml)',
  defaults: {
    securityContext: {
      enabled: true,
      context: { readOnlyRootFilesystem: true, runAsUser: 10001 },
    },
    prometheus: {
      install: false,
      securityContext: {
        enabled: false,
        context: { readOnlyRootFilesystem: true, runAsUser: 10001 },
      },
    },
    controlplane: { kubeconfig: { secretName: '' } },
    additionalVolumes: [],
    podAnnotations: {},
  },
  pods(values) {
    const volumes: unknown[] = [];
    if (at(values, 'controlplane', 'kubeconfig', 'secretName')) {
      volumes.push({
        name: 'kubeconfig',
        secret: { secretName: 'kubeconfig' },
      });
    }
    const extra = at(values, 'additionalVolumes');
    if (Array.isArray(extra)) {
      volumes.push(...extra);
    }
    const pods: ChartPod[] = [
      {
        name: 'Deployment flagger',
        annotations: obj(at(values, 'podAnnotations')),
        spec: {
          containers: [
            {
              name: 'flagger',
              securityContext: optionalContext(at(values, 'securityContext')),
              ports: [{ name: 'http', containerPort: 8080 }],
            },
          ],
          volumes,
        },
      },
    ];
    if (at(values, 'prometheus', 'install') === true) {
      pods.push({
        name: 'Deployment flagger-prometheus',
        annotations: { 'sidecar.istio.io/inject': 'false' },
        spec: {
          containers: [
            {
              name: 'prometheus',
              securityContext: optionalContext(
                at(values, 'prometheus', 'securityContext'),
              ),
              ports: [{ name: 'http', containerPort: 9090 }],
            },
          ],
          volumes: [
            {
              name: 'config-volume',
              configMap: { name: 'flagger-prometheus' },
            },
            { name: 'data-volume', emptyDir: {} },
          ],
        },
      });
    }
    return pods;
  },
};

/** A security context as the external-secrets templates render it: without `enabled`, none when it is false. */
function esoContext(section: unknown): Obj | undefined {
  const { enabled, ...context } = obj(section);
  return enabled === false ? undefined : context;
}

/**
 * External Secrets Operator (https://charts.external-secrets.io, chart
 * external-secrets; values.yaml and templates/deployment.yaml,
 * webhook-deployment.yaml, cert-controller-deployment.yaml of
 * external-secrets/external-secrets deploy/charts/external-secrets): three
 * Deployments (controller unless `createOperator: false`, webhook unless
 * `webhook.create: false`, cert controller unless `certController.create:
 * false` or cert-manager issues the webhook certificate), each with
 * `<section>.podSecurityContext` on the pod, `<section>.securityContext` on
 * its container (an `enabled` key, where the chart version has one, turns
 * the context off when false and is not rendered) and `hostNetwork`.
 */
const EXTERNAL_SECRETS: ChartPodMapping = {
  chart: 'external-secrets',
  source:
    'external-secrets chart values.yaml and deployment templates (controller, webhook, cert controller)',
  defaults: {
    createOperator: true,
    hostNetwork: false,
    podSecurityContext: {},
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    webhook: {
      create: true,
      hostNetwork: false,
      podSecurityContext: {},
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      certManager: { enabled: false },
    },
    certController: {
      create: true,
      hostNetwork: false,
      podSecurityContext: {},
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      },
    },
  },
  pods(values) {
    const pod = (name: string, container: string, section: Obj): ChartPod => ({
      name: `Deployment ${name}`,
      annotations: obj(section.podAnnotations),
      spec: {
        hostNetwork: section.hostNetwork === true,
        securityContext: esoContext(section.podSecurityContext),
        containers: [
          {
            name: container,
            securityContext: esoContext(section.securityContext),
          },
        ],
      },
    });
    const webhook = obj(values.webhook);
    const certController = obj(values.certController);
    const pods: ChartPod[] = [];
    if (values.createOperator !== false) {
      pods.push(pod('external-secrets', 'external-secrets', values));
    }
    if (webhook.create !== false) {
      pods.push(pod('external-secrets-webhook', 'webhook', webhook));
    }
    if (
      certController.create !== false &&
      obj(webhook.certManager).enabled !== true
    ) {
      pods.push(
        pod(
          'external-secrets-cert-controller',
          'cert-controller',
          certController,
        ),
      );
    }
    return pods;
  },
};

/** Every chart whose values the pod-security rule understands. */
export const CHART_POD_MAPPINGS: readonly ChartPodMapping[] = [
  FLAGGER,
  EXTERNAL_SECRETS,
];

/** The pods a known chart renders with these values (over its defaults). */
export function chartPods(
  chart: string,
  values: Obj,
): { mapping: ChartPodMapping; pods: ChartPod[] } | undefined {
  const mapping = CHART_POD_MAPPINGS.find(m => m.chart === chart);
  if (!mapping) {
    return undefined;
  }
  return { mapping, pods: mapping.pods(mergeValues(mapping.defaults, values)) };
}
