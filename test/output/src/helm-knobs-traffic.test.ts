/*
 * Each helm_context knob produces the resources the spec names (see
 * helm-knobs.test.ts): this file covers traffic (Istio, ingress, GKE
 * BackendConfig / FrontendConfig, AKS probe) and observability (metrics,
 * logs, telemetry, audit, PDB and quota, alerts).
 */
import { container, env, one, render } from './lib/helm/knobs';

jest.setTimeout(120_000);

describe('each knob generates what the spec names: traffic and observability', () => {
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
});
