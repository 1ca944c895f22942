import { parseHelmContext, parseHelmPayload } from './index';
import { expectIssue, helm, issuesOf, valueOf } from './__fixtures__/helpers';
import { SEED_HELM_KEDA } from './seedExamples';

const h = (overrides: Record<string, unknown>) =>
  parseHelmPayload({ helm_context: helm(overrides) });
const P = 'helm_context.';

describe('defaults', () => {
  it('applies documented defaults to a minimal context', () => {
    const v = valueOf(
      parseHelmContext({
        chart_name: 'orders',
        namespace: 'orders',
        image_repository: 'nginx',
        image_tag: '1.27',
      }),
    );
    expect(v).toMatchObject({
      chart_version: '0.1.0',
      app_version: '1.0.0',
      create_namespace: true,
      replica_count: 2,
      service_port: 80,
      container_port: 8080,
      load_balancer_type: 'ClusterIP',
      cpu_request: '100m',
      memory_request: '128Mi',
      cpu_limit: '500m',
      memory_limit: '512Mi',
      run_as_user: 10001,
      read_only_root_filesystem: true,
      service_account_create: true,
      service_account_automount_token: false,
      probe_type: 'http',
      topology_spread_enabled: true,
      hpa_enabled: false,
      keda_enabled: false,
      istio_enabled: false,
      throttle_fill_interval: '1s',
      metrics_pod_monitor_interval: '30s',
      logs_format: 'json',
      logs_level: 'info',
      telemetry_otlp_protocol: 'http/protobuf',
      audit_mode: 'standard',
      pdb_enabled: false,
      quota_pods: 40,
      scaling_alerts_severity: 'info',
      quota_alerts_node_usage_threshold_percent: 75,
      env: [],
      env_from_secrets: [],
    });
    expect(v.pdb_min_available).toBeUndefined();
    expect(v.logs_provider).toBeUndefined();
  });

  it('requires the identity of the workload', () => {
    const issues = issuesOf(parseHelmPayload({ helm_context: {} }));
    for (const f of [
      'chart_name',
      'namespace',
      'image_repository',
      'image_tag',
    ]) {
      expect(issues).toContainEqual({
        path: `${P}${f}`,
        message: 'Required field is missing (expected a string)',
      });
    }
  });

  it('paths of a bare helm_context are prefixed', () => {
    expectIssue(
      parseHelmContext(helm({ replica_count: 0 })),
      'helm_context.replica_count',
      'Must be at least 1 (got 0)',
    );
  });
});

describe('names', () => {
  it.each([
    ['chart_name', 'Orders', /RFC 1123 label/],
    ['chart_name', 'orders_api', /RFC 1123 label/],
    ['chart_name', 'a'.repeat(54), /at most 53 characters/],
    ['chart_name', '-orders', /RFC 1123 label/],
    ['namespace', 'kube-system', /reserved for Kubernetes system components/],
    ['namespace', 'a'.repeat(64), /at most 63 characters/],
    ['namespace', 'orders.v1', /RFC 1123 label/],
    ['service_account_name', 'Bad Name', /RFC 1123 subdomain/],
    ['logs_splunk_token_secret_name', 'Splunk', /RFC 1123 subdomain/],
    ['affinity_topology_key', 'kubernetes.io/-host', /label\/annotation key/],
  ])('%s=%j', (field, value, message) => {
    expectIssue(h({ [field]: value }), P + field, message);
  });
  it('accepts names at their limits', () => {
    valueOf(h({ chart_name: 'a'.repeat(53), namespace: 'b'.repeat(63) }));
  });
});

describe('image', () => {
  it.each([
    'nginx',
    'library/nginx',
    'ghcr.io/acme/orders',
    'registry.example.com:5000/team/app',
    'acme/my_app-x',
  ])('accepts repository %s', repo => {
    valueOf(h({ image_repository: repo }));
  });
  it.each([
    ['nginx:1.27', /Must not include a tag/],
    ['ghcr.io/acme/orders@sha256:abc', /Must not include a digest/],
    ['Nginx', /OCI image repository/],
    ['acme//orders', /OCI image repository/],
  ])('rejects repository %s', (repo, message) => {
    expectIssue(h({ image_repository: repo }), `${P}image_repository`, message);
  });
  it.each([
    ['latest', /"latest" is not allowed/],
    ['LATEST', /"latest" is not allowed/],
    ['', /Must not be empty: use a pinned tag/],
    ['.hidden', /image tag/],
    ['a'.repeat(129), /at most 128 characters/],
  ])('rejects tag %j', (tag, message) => {
    expectIssue(h({ image_tag: tag }), `${P}image_tag`, message);
  });
  it('accepts a digest', () => {
    valueOf(h({ image_digest: `sha256:${'a'.repeat(64)}` }));
    expectIssue(
      h({ image_digest: 'sha256:xyz' }),
      `${P}image_digest`,
      /64 lowercase hex/,
    );
  });
});

describe('versions and ports', () => {
  it('chart_version must be SemVer 2', () => {
    expectIssue(h({ chart_version: '1.0' }), `${P}chart_version`, /SemVer 2/);
    valueOf(h({ chart_version: '1.0.0-alpha.1+build.7' }));
  });
  it.each([
    'service_port',
    'container_port',
    'metrics_app_port',
    'istio_gateway_port',
  ])('%s in 1..65535', field => {
    expectIssue(h({ [field]: 0 }), P + field, 'Must be at least 1');
    expectIssue(h({ [field]: 65536 }), P + field, 'Must be at most 65535');
  });
  it('load_balancer_type is ClusterIP | Internal | External', () => {
    valueOf(h({ load_balancer_type: 'Internal' }));
    expectIssue(
      h({ load_balancer_type: 'None' }),
      `${P}load_balancer_type`,
      'Must be one of "ClusterIP", "Internal", "External"',
    );
  });
});

describe('resources', () => {
  it('quantities use Kubernetes syntax', () => {
    expectIssue(
      h({ cpu_request: '100 millicores' }),
      `${P}cpu_request`,
      /Kubernetes CPU quantity/,
    );
    expectIssue(
      h({ memory_limit: '512MB' }),
      `${P}memory_limit`,
      /Kubernetes memory quantity/,
    );
  });
  it('requests must not exceed limits', () => {
    expectIssue(
      h({ cpu_request: '2', cpu_limit: '500m' }),
      `${P}cpu_request`,
      'cpu_request (2) must not exceed cpu_limit (500m)',
    );
    expectIssue(
      h({ memory_request: '1Gi', memory_limit: '512Mi' }),
      `${P}memory_request`,
      'memory_request (1Gi) must not exceed memory_limit (512Mi)',
    );
    expectIssue(h({ cpu_request: '0' }), `${P}cpu_request`, /greater than 0/);
  });
});

describe('autoscaling', () => {
  it('HPA and KEDA cannot both be enabled', () => {
    expectIssue(
      h({ ...SEED_HELM_KEDA, hpa_enabled: true }),
      `${P}keda_enabled`,
      /hpa_enabled and keda_enabled cannot both be true/,
    );
  });
  it('HPA min must not exceed max', () => {
    expectIssue(
      h({ hpa_enabled: true, hpa_min_replicas: 5, hpa_max_replicas: 3 }),
      `${P}hpa_min_replicas`,
      'hpa_min_replicas (5) must not be greater than hpa_max_replicas (3)',
    );
  });
  it('HPA needs at least one metric', () => {
    expectIssue(
      h({
        hpa_enabled: true,
        hpa_cpu_utilization_target: 0,
        hpa_memory_utilization_target: 0,
      }),
      `${P}hpa_cpu_utilization_target`,
      /at least one of hpa_cpu_utilization_target and hpa_memory_utilization_target/,
    );
    valueOf(h({ hpa_enabled: true, hpa_cpu_utilization_target: 0 }));
  });
  it('KEDA min must not exceed max; query required; activation <= threshold', () => {
    expectIssue(
      h({ ...SEED_HELM_KEDA, keda_min_replicas: 30 }),
      `${P}keda_min_replicas`,
      'keda_min_replicas (30) must not be greater than keda_max_replicas (20)',
    );
    expectIssue(
      h({ keda_enabled: true }),
      `${P}keda_query`,
      /Required when keda_enabled is true/,
    );
    expectIssue(
      h({ ...SEED_HELM_KEDA, keda_activation_threshold: '1' }),
      `${P}keda_activation_threshold`,
      /must not be greater than keda_threshold \(0\.05\)/,
    );
    valueOf(h({ ...SEED_HELM_KEDA, keda_min_replicas: 0 }));
  });
  it('KEDA thresholds accept numbers and are normalized to strings', () => {
    const v = valueOf(
      h({
        ...SEED_HELM_KEDA,
        keda_threshold: 0.5,
        keda_activation_threshold: 0,
      }),
    );
    expect(v.helm_context.keda_threshold).toBe('0.5');
    expect(v.helm_context.keda_activation_threshold).toBe('0');
    expectIssue(
      h({ keda_threshold: 'high' }),
      `${P}keda_threshold`,
      /non-negative decimal number/,
    );
  });
});

describe('service account and cloud identity', () => {
  it('one identity at a time, not duplicated by an annotation', () => {
    expectIssue(
      h({
        aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders',
        gcp_service_account_email: 'orders@acme-prod.iam.gserviceaccount.com',
      }),
      `${P}gcp_service_account_email`,
      /Set only one cloud identity/,
    );
    expectIssue(
      h({
        aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders',
        service_account_annotations: {
          'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/other',
        },
      }),
      `${P}service_account_annotations["eks.amazonaws.com/role-arn"]`,
      /not both/,
    );
  });
  it('identity formats', () => {
    expectIssue(
      h({ aws_iam_role_arn: 'arn:aws:iam::123:role/x' }),
      `${P}aws_iam_role_arn`,
      /IAM role ARN/,
    );
    expectIssue(
      h({ azure_workload_identity_client_id: 'not-a-guid' }),
      `${P}azure_workload_identity_client_id`,
      /GUID/,
    );
    expectIssue(
      h({ gcp_service_account_email: 'orders@gmail.com' }),
      `${P}gcp_service_account_email`,
      /service account email/,
    );
    expectIssue(
      h({ aws_iam_role_arn: 'arn:aws:iam::123456789012:role/../admin' }),
      `${P}aws_iam_role_arn`,
      /path traversal/,
    );
  });
  it('an existing service account needs a name and cannot take annotations', () => {
    expectIssue(
      h({ service_account_create: false }),
      `${P}service_account_name`,
      /Required when service_account_create is false/,
    );
    expectIssue(
      h({
        service_account_create: false,
        service_account_name: 'orders',
        aws_iam_role_arn: 'arn:aws:iam::123456789012:role/orders',
      }),
      `${P}service_account_create`,
      /applied to the ServiceAccount this chart creates/,
    );
    valueOf(
      h({ service_account_create: false, service_account_name: 'orders' }),
    );
  });
});

describe('probes, ingress, env', () => {
  it('probe_port must be a declared port', () => {
    expectIssue(
      h({ probe_port: 8081 }),
      `${P}probe_port`,
      'probe_port (8081) must be a declared container port: container_port (80)',
    );
    valueOf(
      h({
        probe_port: 9090,
        metrics_app_enabled: true,
        metrics_app_port: 9090,
      }),
    );
    expectIssue(
      h({ liveness_probe_path: '/health z' }),
      `${P}liveness_probe_path`,
      /URL path/,
    );
  });
  it('ingress needs a host; cert-manager needs TLS; snippets are refused', () => {
    expectIssue(
      h({ ingress_enabled: true }),
      `${P}ingress_host`,
      /Required when ingress_enabled is true/,
    );
    expectIssue(
      h({
        ingress_enabled: true,
        ingress_host: 'orders.example.com',
        ingress_tls_enabled: false,
        ingress_cert_manager_issuer: 'letsencrypt-prod',
      }),
      `${P}ingress_cert_manager_issuer`,
      /only applies with ingress_tls_enabled/,
    );
    expectIssue(
      h({
        ingress_annotations: {
          'nginx.ingress.kubernetes.io/configuration-snippet':
            'more_set_headers "X: y";',
        },
      }),
      `${P}ingress_annotations["nginx.ingress.kubernetes.io/configuration-snippet"]`,
      /CVE-2021-25742/,
    );
    valueOf(
      h({
        ingress_enabled: true,
        ingress_class_name: 'nginx',
        ingress_host: 'orders.example.com',
        ingress_cert_manager_issuer: 'letsencrypt-prod',
      }),
    );
  });
  it('env names are valid and unique across env and env_from_secrets', () => {
    expectIssue(
      h({ env: [{ name: '1A', value: 'x' }] }),
      `${P}env[0].name`,
      /environment variable name/,
    );
    expectIssue(
      h({
        env: [{ name: 'A', value: 'x' }],
        env_from_secrets: [{ name: 'A', secret_name: 'db', secret_key: 'url' }],
      }),
      `${P}env_from_secrets[0].name`,
      'Duplicate environment variable "A" (also in env[0])',
    );
    expectIssue(
      h({ env_from_secrets: [{ name: 'A', secret_name: 'db' }] }),
      `${P}env_from_secrets[0].secret_key`,
      /Required field is missing/,
    );
    expectIssue(
      h({ env: [{ name: 'A', value: 'x', secret: true }] }),
      `${P}env[0].secret`,
      /Unknown field "secret"/,
    );
  });
  it('topology spread and affinity enums', () => {
    expectIssue(
      h({ topology_spread_when_unsatisfiable: 'Never' }),
      `${P}topology_spread_when_unsatisfiable`,
      /Must be one of "ScheduleAnyway", "DoNotSchedule"/,
    );
    expectIssue(
      h({ affinity_type: 'nodeAffinity' }),
      `${P}affinity_type`,
      /Must be one of "podAffinity", "podAntiAffinity"/,
    );
  });
});
