/*
 * Each helm_context knob produces the resources the spec names, with the
 * settings it carries: rendered with helm template and asserted object by
 * object. This file: the workload (defaults, clouds, identity, resources,
 * scaling, probes, env, image) and the field mapping; traffic and
 * observability knobs are in helm-knobs-traffic.test.ts.
 */
import { getJsonSchema } from '@iacforge/plugin-iac-common';
import fs from 'node:fs';
import path from 'node:path';
import { helmRoot, readValues, renderChart } from './lib/helm/chart';
import { byName, container, env, kinds, one, render } from './lib/helm/knobs';

jest.setTimeout(120_000);

describe('each knob generates what the spec names: workload', () => {
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
