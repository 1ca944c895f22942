/*
 * Each helm_context knob produces the resources the spec names, with the
 * settings it carries: rendered with helm template and asserted object by
 * object. Cloud differences (load-balancer annotations, identity, GKE NEG /
 * BackendConfig / FrontendConfig, AKS health probe) per tree.
 */
import { getJsonSchema } from '@iacforge/plugin-iac-common';
import fs from 'node:fs';
import path from 'node:path';
import { helmMatrix } from './lib/helm/cases';
import {
  helmRoot,
  HelmCase,
  K8sObject,
  readValues,
  renderChart,
  templateChart,
} from './lib/helm/chart';

jest.setTimeout(120_000);

const MATRIX = new Map(helmMatrix().map(c => [c.name, c]));

function byName(name: string): HelmCase {
  const found = MATRIX.get(name);
  if (!found) throw new Error(`no matrix case "${name}"`);
  return found;
}

async function render(
  name: string,
  setTyped: string[] = [],
): Promise<K8sObject[]> {
  return templateChart(renderChart(byName(name)).files, { setTyped });
}

function one(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter(
    o => o.kind === kind && (name === undefined || o.metadata.name === name),
  );
  expect({ kind, name, count: found.length }).toEqual({ kind, name, count: 1 });
  return found[0];
}

function kinds(objects: K8sObject[]): string[] {
  return objects.map(o => o.kind).sort();
}

function container(objects: K8sObject[]) {
  return one(objects, 'Deployment').spec.template.spec.containers[0];
}

function env(objects: K8sObject[]): Record<string, any> {
  return Object.fromEntries(
    (container(objects).env ?? []).map((e: any) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );
}

describe('each knob generates what the spec names', () => {
  it('defaults: Namespace, ServiceAccount, Service, Deployment and nothing else', async () => {
    for (const tree of ['basic', 'aks-basic']) {
      const objects = await render(`${tree} / defaults`);
      expect(kinds(objects)).toEqual([
        'Deployment',
        'Namespace',
        'NetworkPolicy',
        'Service',
        'ServiceAccount',
      ]);
    }
    const gke = await render('gke-basic / defaults');
    expect(kinds(gke)).toEqual([
      'BackendConfig',
      'Deployment',
      'Namespace',
      'NetworkPolicy',
      'Service',
      'ServiceAccount',
    ]);
  });

  it.each([
    [
      'basic',
      'Internal',
      {
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal',
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      },
    ],
    [
      'basic',
      'External',
      {
        'service.beta.kubernetes.io/aws-load-balancer-scheme':
          'internet-facing',
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      },
    ],
    [
      'aks-basic',
      'Internal',
      {
        'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol':
          'http',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path':
          '/',
      },
    ],
    [
      'aks-basic',
      'External',
      {
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol':
          'http',
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path':
          '/',
      },
    ],
    [
      'gke-basic',
      'Internal',
      {
        'networking.gke.io/load-balancer-type': 'Internal',
        'cloud.google.com/neg': '{"ingress":true}',
        'cloud.google.com/backend-config': '{"default":"orders"}',
      },
    ],
    [
      'gke-basic',
      'External',
      {
        'cloud.google.com/neg': '{"ingress":true}',
        'cloud.google.com/backend-config': '{"default":"orders"}',
      },
    ],
  ] as const)(
    '%s: load_balancer_type %s maps to the cloud annotations',
    async (tree, type, annotations) => {
      const objects = await render(`${tree} / service ${type}`);
      const svc = one(objects, 'Service', 'orders');
      expect(svc.spec.type).toBe('LoadBalancer');
      expect(svc.metadata.annotations).toEqual(annotations);
    },
  );

  it('basic on other clouds and without one', async () => {
    const azure = one(
      await render('basic / azure, Internal + identity'),
      'Service',
    );
    expect(azure.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
    });
    const gcp = one(
      await render('basic / gcp, Internal + identity'),
      'Service',
    );
    expect(gcp.metadata.annotations).toEqual({
      'networking.gke.io/load-balancer-type': 'Internal',
    });
    const none = one(await render('basic / no cloud, External'), 'Service');
    expect(none.spec.type).toBe('LoadBalancer');
    expect(none.metadata.annotations).toBeUndefined();
    const clusterIp = one(await render('basic / defaults'), 'Service');
    expect(clusterIp.spec.type).toBe('ClusterIP');
    expect(clusterIp.metadata.annotations).toBeUndefined();
  });

  it('service account and cloud identity per tree', async () => {
    const aws = await render('basic / cloud workload identity');
    expect(one(aws, 'ServiceAccount').metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/orders',
    });
    const azure = await render('aks-basic / cloud workload identity');
    expect(one(azure, 'ServiceAccount').metadata.annotations).toEqual({
      'azure.workload.identity/client-id':
        '2b6a1c3e-8f4d-4a7b-9c0e-1d2f3a4b5c6d',
    });
    expect(
      one(azure, 'Deployment').spec.template.metadata.labels[
        'azure.workload.identity/use'
      ],
    ).toBe('true');
    const gcp = await render('gke-basic / cloud workload identity');
    expect(one(gcp, 'ServiceAccount').metadata.annotations).toEqual({
      'iam.gke.io/gcp-service-account':
        'orders@acme-platform.iam.gserviceaccount.com',
    });
    const existing = await render('basic / existing service account');
    expect(existing.filter(o => o.kind === 'ServiceAccount')).toEqual([]);
    expect(
      one(existing, 'Deployment').spec.template.spec.serviceAccountName,
    ).toBe('orders-runtime');
    const mounted = await render(
      'basic / service account annotations, token mounted',
    );
    expect(one(mounted, 'ServiceAccount').metadata.name).toBe('orders-sa');
    expect(one(mounted, 'ServiceAccount').automountServiceAccountToken).toBe(
      true,
    );
    expect(
      one(mounted, 'Deployment').spec.template.spec
        .automountServiceAccountToken,
    ).toBe(true);
  });

  it('resources, replicas, affinity and topology spread', async () => {
    const large = container(await render('basic / resources large'));
    expect(large.resources).toEqual({
      requests: { cpu: '15.5', memory: '64Gi' },
      limits: { cpu: '32', memory: '128Gi' },
    });
    const single = one(
      await render('basic / one replica, no spread'),
      'Deployment',
    );
    expect(single.spec.replicas).toBe(1);
    expect(single.spec.template.spec.affinity).toBeUndefined();
    expect(single.spec.template.spec.topologySpreadConstraints).toBeUndefined();
    const hard = one(
      await render('basic / replicas 1000, hard spread'),
      'Deployment',
    );
    expect(hard.spec.template.spec.topologySpreadConstraints[0]).toMatchObject({
      maxSkew: 10,
      topologyKey: 'kubernetes.io/hostname',
      whenUnsatisfiable: 'DoNotSchedule',
    });
    const affinity = one(
      await render('basic / pod affinity by zone'),
      'Deployment',
    );
    expect(
      affinity.spec.template.spec.affinity.podAffinity
        .preferredDuringSchedulingIgnoredDuringExecution[0],
    ).toMatchObject({
      weight: 100,
      podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone' },
    });
    const anti = one(
      await render('basic / seed: pod scheduling (complete helm_context)'),
      'Deployment',
    );
    expect(
      anti.spec.template.spec.affinity.podAntiAffinity
        .preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm,
    ).toMatchObject({
      topologyKey: 'kubernetes.io/hostname',
      labelSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'orders',
          'app.kubernetes.io/instance': 'orders',
        },
      },
    });
  });

  it('HPA: CPU / memory targets, 0 disables a metric, replicas omitted', async () => {
    const both = await render('basic / seed: hpa');
    const hpa = one(both, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(
      hpa.spec.metrics.map((m: any) => [
        m.resource.name,
        m.resource.target.averageUtilization,
      ]),
    ).toEqual([
      ['cpu', 70],
      ['memory', 80],
    ]);
    expect(one(both, 'Deployment').spec.replicas).toBeUndefined();
    const cpu = one(
      await render('basic / hpa cpu only (memory 0)'),
      'HorizontalPodAutoscaler',
    );
    expect(cpu.spec.metrics.map((m: any) => m.resource.name)).toEqual(['cpu']);
    const memory = one(
      await render('basic / hpa memory only (cpu 0)'),
      'HorizontalPodAutoscaler',
    );
    expect(memory.spec.metrics.map((m: any) => m.resource.name)).toEqual([
      'memory',
    ]);
  });

  it('KEDA: ScaledObject with the Prometheus trigger and stabilization windows, never with HPA', async () => {
    const objects = await render('basic / seed: keda');
    expect(objects.filter(o => o.kind === 'HorizontalPodAutoscaler')).toEqual(
      [],
    );
    expect(one(objects, 'Deployment').spec.replicas).toBeUndefined();
    const so = one(objects, 'ScaledObject');
    expect(so.spec).toEqual({
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'orders',
      },
      minReplicaCount: 2,
      maxReplicaCount: 20,
      pollingInterval: 30,
      cooldownPeriod: 600,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: {
            scaleUp: { stabilizationWindowSeconds: 60 },
            scaleDown: { stabilizationWindowSeconds: 600 },
          },
        },
      },
      triggers: [
        {
          type: 'prometheus',
          name: 'orders_throttle_ratio',
          metadata: {
            serverAddress:
              'http://prometheus.monitoring.svc.cluster.local:9090',
            query:
              'sum(rate(istio_requests_total{destination_workload="orders",response_code="429"}[5m])) / clamp_min(sum(rate(istio_requests_total{destination_workload="orders"}[5m])), 1)',
            threshold: '0.05',
            activationThreshold: '0.01',
          },
        },
      ],
    });
    await expect(
      render('basic / seed: keda', ['autoscaling.hpa.enabled=true']),
    ).rejects.toThrow(/autoscaling\.hpa\.enabled.*(false|KEDA)/s);
  });

  it('Istio: Gateway when created, VirtualService with the gateway ref, ServiceEntry for egress', async () => {
    const created = await render('basic / istio ingress, created gateway');
    const gw = one(created, 'Gateway');
    expect(gw.metadata).toMatchObject({
      name: 'orders-gateway',
      namespace: 'istio-system',
    });
    expect(gw.spec.servers).toEqual([
      {
        hosts: ['orders.example.com'],
        port: { number: 8080, name: 'http', protocol: 'HTTP' },
      },
    ]);
    expect(one(created, 'VirtualService').spec.gateways).toEqual([
      'istio-system/orders-gateway',
    ]);
    expect(
      one(created, 'Deployment').spec.template.metadata.labels[
        'sidecar.istio.io/inject'
      ],
    ).toBe('true');
    expect(one(created, 'Namespace').metadata.labels?.['istio-injection']).toBe(
      'enabled',
    );

    const seed = await render('basic / seed: istio');
    expect(seed.filter(o => o.kind === 'Gateway')).toEqual([]);
    const vs = one(seed, 'VirtualService');
    expect(vs.spec).toEqual({
      hosts: ['orders.example.com'],
      gateways: ['istio-system/public-gateway'],
      http: [
        {
          match: [{ uri: { prefix: '/' } }],
          route: [
            {
              destination: {
                host: 'orders.orders.svc.cluster.local',
                port: { number: 80 },
              },
            },
          ],
        },
      ],
    });
    expect(one(seed, 'ServiceEntry').spec).toEqual({
      hosts: ['api.stripe.com'],
      exportTo: ['.'],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      ports: [{ number: 443, name: 'https-443', protocol: 'HTTPS' }],
    });
    const wildcard = one(
      await render('basic / istio egress wildcard tcp'),
      'ServiceEntry',
    );
    expect(wildcard.spec).toMatchObject({
      hosts: ['*.googleapis.com'],
      resolution: 'NONE',
    });
  });

  it.each([
    ['basic / seed: throttle', 100, 100, '1s'],
    ['basic / throttle 50ms, large bucket', 1000000, 1, '0.05s'],
    ['basic / throttle 60m', 1, 1, '3600s'],
  ] as const)(
    '%s: EnvoyFilter local rate limit',
    async (name, max, fill, interval) => {
      const ef = one(await render(name), 'EnvoyFilter');
      expect(ef.spec.workloadSelector.labels).toEqual({
        'app.kubernetes.io/name': 'orders',
        'app.kubernetes.io/instance': 'orders',
      });
      const patch = ef.spec.configPatches[0];
      expect(patch.match.context).toBe('SIDECAR_INBOUND');
      expect(patch.patch.value.typed_config.value.token_bucket).toEqual({
        max_tokens: max,
        tokens_per_fill: fill,
        fill_interval: interval,
      });
    },
  );

  it('metrics: app port, scrape annotations, PodMonitor / ServiceMonitor on named ports', async () => {
    const seed = await render('basic / seed: metrics');
    expect(container(seed).ports).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ]);
    expect(one(seed, 'Deployment').spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      'prometheus.io/path': '/metrics',
    });
    expect(one(seed, 'PodMonitor').spec.podMetricsEndpoints).toEqual([
      {
        port: 'metrics',
        path: '/metrics',
        interval: '30s',
        scrapeTimeout: '10s',
      },
    ]);
    const same = await render(
      'basic / metrics on the http port, both monitors',
    );
    expect(container(same).ports.map((p: any) => p.name)).toEqual(['http']);
    expect(one(same, 'ServiceMonitor').spec.endpoints[0]).toMatchObject({
      port: 'metrics',
      path: '/internal/metrics',
    });
    expect(one(same, 'Service', 'orders-metrics').spec.ports).toEqual([
      { name: 'metrics', port: 8080, targetPort: 'http', protocol: 'TCP' },
    ]);
    const envoy = one(
      await render('basic / metrics istio sidecar only'),
      'PodMonitor',
    );
    expect(envoy.spec.podMetricsEndpoints).toEqual([
      {
        port: 'http-envoy-prom',
        path: '/stats/prometheus',
        interval: '1h',
        scrapeTimeout: '59m',
      },
    ]);
    const off = await render('basic / metrics master switch off');
    expect(
      off.filter(o => ['PodMonitor', 'ServiceMonitor'].includes(o.kind)),
    ).toEqual([]);
  });

  it('logs: format / level env, scraping annotations, Grafana Cloud and Splunk settings by secretKeyRef', async () => {
    const grafana = await render('basic / seed: logs grafana-cloud');
    expect(env(grafana)).toEqual({
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      LOGS_PROVIDER: 'grafana-cloud',
      LOGS_GRAFANA_CLOUD_URL:
        'https://logs-prod-us-central1.grafana.net/loki/api/v1/push',
      LOGS_GRAFANA_CLOUD_TENANT_ID: '123456',
      LOGS_GRAFANA_CLOUD_USER: '123456',
      LOGS_GRAFANA_CLOUD_TOKEN: {
        secretKeyRef: { name: 'grafana-cloud-logs-auth', key: 'token' },
      },
    });
    expect(
      one(grafana, 'Deployment').spec.template.metadata.annotations,
    ).toEqual({
      'k8s.grafana.com/logs.job': 'orders/orders',
      'fluentbit.io/parser': 'json',
    });
    const splunk = await render('basic / seed: logs splunk');
    expect(env(splunk)).toMatchObject({
      LOGS_PROVIDER: 'splunk',
      LOGS_SPLUNK_HEC_URL:
        'https://splunk-hec.example.com:8088/services/collector',
      LOGS_SPLUNK_INDEX: 'platform',
      LOGS_SPLUNK_SOURCE: 'k8s',
      LOGS_SPLUNK_SOURCETYPE: '_json',
      LOGS_SPLUNK_TOKEN: {
        secretKeyRef: { name: 'splunk-hec-token', key: 'token' },
      },
    });
    expect(
      one(splunk, 'Deployment').spec.template.metadata.annotations,
    ).toMatchObject({
      'splunk.com/index': 'platform',
      'splunk.com/sourcetype': '_json',
    });
    const plain = env(await render('basic / logs without provider'));
    expect(plain).toEqual({ LOG_FORMAT: 'logfmt', LOG_LEVEL: 'debug' });
  });

  it('telemetry: OTLP environment, auth header from a Secret', async () => {
    expect(env(await render('basic / seed: telemetry grafana-cloud'))).toEqual({
      OTEL_SERVICE_NAME: 'orders',
      OTEL_RESOURCE_ATTRIBUTES:
        'service.version=1.0.0,service.namespace=orders',
      OTEL_EXPORTER_OTLP_ENDPOINT:
        'https://otlp-gateway-prod-us-central-0.grafana.net/otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_AUTH: {
        secretKeyRef: { name: 'otel-auth', key: 'token' },
      },
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=$(OTEL_EXPORTER_OTLP_AUTH)',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'otlp',
    });
    const splunk = env(
      await render('basic / seed: telemetry splunk (realm filled in)'),
    );
    expect(splunk.OTEL_EXPORTER_OTLP_HEADERS).toBe(
      'X-SF-Token=$(OTEL_EXPORTER_OTLP_AUTH)',
    );
    const collector = env(
      await render('basic / telemetry collector, traces only, no auth'),
    );
    expect(collector).toMatchObject({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_LOGS_EXPORTER: 'none',
    });
    expect(collector.OTEL_EXPORTER_OTLP_HEADERS).toBeUndefined();
  });

  it('audit: policy ConfigMap mounted at /etc/platform/audit/policy.yaml', async () => {
    const objects = await render('basic / audit strict with bodies');
    const cm = one(objects, 'ConfigMap', 'orders-audit-policy');
    expect(Object.keys(cm.data)).toEqual(['policy.yaml']);
    expect(cm.data['policy.yaml']).toContain('mode: strict');
    expect(cm.data['policy.yaml']).toContain('level: RequestResponse');
    const c = container(objects);
    expect(c.volumeMounts).toContainEqual({
      name: 'audit-policy',
      mountPath: '/etc/platform/audit',
      readOnly: true,
    });
    expect(env(objects)).toMatchObject({
      AUDIT_POLICY_FILE: '/etc/platform/audit/policy.yaml',
      AUDIT_MODE: 'strict',
      AUDIT_INCLUDE_REQUEST_BODY: 'true',
      AUDIT_POLICY_VERSION: 'v12',
    });
    const pod = one(objects, 'Deployment').spec.template;
    expect(pod.metadata.annotations['checksum/audit-policy']).toMatch(
      /^[a-f0-9]{64}$/,
    );
    expect(pod.spec.volumes).toContainEqual({
      name: 'audit-policy',
      configMap: { name: 'orders-audit-policy' },
    });
  });

  it('PDB and ResourceQuota', async () => {
    const seed = await render('basic / seed: pdb + quota');
    expect(one(seed, 'PodDisruptionBudget').spec).toEqual({
      minAvailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'orders',
          'app.kubernetes.io/instance': 'orders',
        },
      },
    });
    expect(one(seed, 'ResourceQuota').spec.hard).toEqual({
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
      pods: '40',
    });
    expect(
      one(await render('basic / pdb default'), 'PodDisruptionBudget').spec
        .maxUnavailable,
    ).toBe(1);
    expect(
      one(await render('basic / pdb minAvailable 50%'), 'PodDisruptionBudget')
        .spec.minAvailable,
    ).toBe('50%');
  });

  it('alerts: scaling alerts are info, the quota alert critical with priority high, all with runbooks', async () => {
    const scaling = one(
      await render('basic / seed: scaling alerts'),
      'PrometheusRule',
    );
    const rules = scaling.spec.groups[0].rules;
    expect(rules.map((r: any) => [r.alert, r.for, r.labels.severity])).toEqual([
      ['PodScalingEvent', '1m', 'info'],
      ['NodeScalingEvent', '1m', 'info'],
    ]);
    expect(rules[0].expr).toBe(
      'changes(kube_deployment_status_replicas{namespace="orders", deployment="orders"}[10m]) > 0',
    );
    expect(rules[0].annotations.runbook_url).toBe(
      'charts/orders/README.md#alert-podscalingevent',
    );
    const quota = one(
      await render('basic / alerts with runbooks, bounds'),
      'PrometheusRule',
      'orders-quota-alerts',
    );
    const q = quota.spec.groups[0].rules[0];
    expect(q).toMatchObject({
      alert: 'NodeCpuQuotaHigh',
      for: '1h',
      labels: { severity: 'critical', priority: 'high' },
      annotations: {
        runbook_url: 'https://runbooks.example.com/orders/nodecpuquotahigh',
      },
    });
    expect(q.expr).toContain('> 100');
    expect(q.annotations.description).toContain('{{ $value | humanize }}');
  });

  it('ingress with TLS and cert-manager; GKE FrontendConfig; namespace object optional', async () => {
    const ing = one(
      await render('basic / ingress tls, cert-manager ClusterIssuer'),
      'Ingress',
    );
    expect(ing.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    });
    expect(ing.spec).toMatchObject({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['orders.example.com'], secretName: 'orders-tls' }],
    });
    const issuer = one(
      await render('basic / ingress tls secret, Issuer'),
      'Ingress',
    );
    expect(issuer.metadata.annotations).toEqual({
      'cert-manager.io/issuer': 'internal-ca',
    });
    expect(issuer.spec.tls[0].secretName).toBe('orders-cert');
    const plain = one(
      await render('basic / ingress without tls, exact path'),
      'Ingress',
    );
    expect(plain.spec.tls).toBeUndefined();
    const gke = await render(
      'gke-basic / ingress tls, cert-manager ClusterIssuer',
    );
    expect(
      one(gke, 'Ingress').metadata.annotations?.[
        'networking.gke.io/v1beta1.FrontendConfig'
      ],
    ).toBe('orders');
    expect(one(gke, 'FrontendConfig').spec.redirectToHttps.enabled).toBe(true);
    const gkeDefault = one(
      await render('gke-basic / ingress without tls, exact path'),
      'Ingress',
    );
    // GKE's controller reads the class from the annotation only
    expect(gkeDefault.spec.ingressClassName).toBeUndefined();
    expect(
      gkeDefault.metadata.annotations?.['kubernetes.io/ingress.class'],
    ).toBe('gce');
    expect(
      (await render('basic / no namespace object')).filter(
        o => o.kind === 'Namespace',
      ),
    ).toEqual([]);
  });

  it('GKE BackendConfig follows the readiness probe; AKS probe path too', async () => {
    const bc = one(
      await render('gke-basic / probes on the metrics port'),
      'BackendConfig',
    );
    expect(bc.spec.healthCheck).toMatchObject({
      type: 'HTTP',
      requestPath: '/ready',
      port: 9102,
    });
    const tcp = one(await render('gke-basic / tcp probes'), 'BackendConfig');
    expect(tcp.spec.healthCheck).toBeUndefined();
    const aks = one(
      await render('aks-basic / all on (hpa)'),
      'Service',
      'orders',
    );
    expect(
      aks.metadata.annotations?.[
        'service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path'
      ],
    ).toBe('/');
  });

  it('probes: tcp, or on the metrics port by name', async () => {
    const tcp = container(await render('basic / tcp probes'));
    expect(tcp.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    const metrics = container(
      await render('basic / probes on the metrics port'),
    );
    expect(metrics.livenessProbe.httpGet).toEqual({
      path: '/healthz',
      port: 'metrics',
    });
    expect(metrics.readinessProbe.httpGet).toEqual({
      path: '/ready',
      port: 'metrics',
    });
  });

  it('env: plain values and values from existing Secrets', async () => {
    expect(env(await render('basic / env and env from secrets'))).toEqual({
      APP_MODE: 'production',
      GREETING: 'hello, world: 100% {ok} #1 & more',
      _UNDERSCORE: '',
      DATABASE_URL: { secretKeyRef: { name: 'orders-db', key: 'url' } },
      API_KEY: { secretKeyRef: { name: 'orders.api-keys', key: '.dot_key-1' } },
    });
  });

  it('image digest and pull secrets', async () => {
    const objects = await render('basic / image digest, pull secrets, Always');
    const c = container(objects);
    expect(c.image).toBe(`ghcr.io/acme/orders:1.4.2@sha256:${'a1'.repeat(32)}`);
    expect(c.imagePullPolicy).toBe('Always');
    expect(
      one(objects, 'Deployment').spec.template.spec.imagePullSecrets,
    ).toEqual([{ name: 'ghcr-pull' }, { name: 'mirror.pull' }]);
  });

  it('every helm_context field is mapped into values.yaml or documented as having no chart value', () => {
    const source = fs.readFileSync(
      path.join(helmRoot, 'basic', 'values.yaml.njk'),
      'utf8',
    );
    const schema = getJsonSchema('helm_context') as {
      properties: Record<string, unknown>;
    };
    const NOT_IN_VALUES: Record<string, string> = {
      chart_name: 'Chart.yaml name and the release name',
      chart_version: 'Chart.yaml version',
      app_version: 'Chart.yaml appVersion',
      namespace:
        'the release namespace (helm --namespace), in README and the deploy workflow',
      logs_grafana_cloud_auth_token:
        'secret: stripped by the engine, passed at install time',
      logs_splunk_token:
        'secret: stripped by the engine, passed at install time',
      telemetry_auth_token:
        'secret: stripped by the engine, passed at install time',
      scaling_alerts_provider: 'only "grafana": standard PrometheusRule',
      scaling_alerts_severity:
        'kept for compatibility: scaling alerts are always info (spec)',
      quota_alerts_provider: 'only "grafana": standard PrometheusRule',
    };
    const unmapped = Object.keys(schema.properties).filter(
      key =>
        !new RegExp(`\\bh\\.${key}\\b`).test(source) && !(key in NOT_IN_VALUES),
    );
    expect(unmapped).toEqual([]);
    const chartYaml = fs.readFileSync(
      path.join(helmRoot, 'basic', 'Chart.yaml.njk'),
      'utf8',
    );
    for (const key of ['chart_name', 'chart_version', 'app_version']) {
      expect(chartYaml).toContain(`h.${key}`);
    }
  });

  it('values.yaml carries the payload in camelCase', () => {
    const values = readValues(
      renderChart(byName('basic / all on (hpa)')).files,
    );
    expect(values.autoscaling.hpa).toEqual({
      enabled: true,
      minReplicas: 2,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 70,
      targetMemoryUtilizationPercentage: 80,
    });
    expect(values.logs.grafanaCloud.auth).toEqual({
      secretName: 'orders-grafana-logs',
      secretKey: 'token',
      create: true,
      token: '',
      remoteKey: '',
    });
  });
});
