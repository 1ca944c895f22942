import { CLOUDS } from './catalog';
import { fieldForIssue, formToPayload, mapIssues, payloadToForm } from './form';
import { deepMerge, defaultMapping, setPath } from './formMapping';
import { HELM_KEYS } from './helm';
import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from './seedExamples';
import { TERRAFORM_KEYS } from './terraform';

const form = {
  cloud: 'aws',
  region: 'eu-west-1',
  project: 'shop',
  cluster_name: 'shop-dev',
  node_pool: {
    instance_type: 'm6i.xlarge',
    min_size: 1,
    desired_size: 2,
    max_size: 4,
  },
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'ghcr.io/acme/orders',
  image_tag: '1.2.3',
  replica_count: 3,
  hpa_enabled: false,
  unrelated_field: 'ignored',
};

describe('formToPayload', () => {
  it('maps the default template parameters (aws)', () => {
    const { payload, sources, cloud, existingCluster } = formToPayload(form);
    expect(cloud).toBe('aws');
    expect(existingCluster).toBe(false);
    expect(payload).toEqual({
      cloud: 'aws',
      existing_cluster: false,
      terraform_context: {
        project: 'shop',
        cluster_name: 'shop-dev',
        aws_region: 'eu-west-1',
        node_pool_instance_type: 'm6i.xlarge',
        node_pool_min_size: 1,
        node_pool_desired_size: 2,
        node_pool_max_size: 4,
      },
      helm_context: {
        chart_name: 'orders',
        namespace: 'orders',
        image_repository: 'ghcr.io/acme/orders',
        image_tag: '1.2.3',
        replica_count: 3,
        hpa_enabled: false,
      },
    });
    expect(sources['terraform_context.aws_region']).toBe('region');
    expect(sources['terraform_context.node_pool_min_size']).toBe('node_pool');
    expect(sources['helm_context.chart_name']).toBe('chart_name');
  });

  it('uses the cloud-specific region and node size fields', () => {
    const azure = formToPayload({
      ...form,
      cloud: 'azure',
      region: 'westeurope',
      resource_group_name: 'rg-shop',
      node_pool: {
        instance_type: 'Standard_D4s_v5',
        min_size: 1,
        desired_size: 1,
        max_size: 3,
      },
    }).payload as any;
    expect(azure.terraform_context.location).toBe('westeurope');
    expect(azure.terraform_context.vm_size).toBe('Standard_D4s_v5');
    expect(azure.terraform_context.resource_group_name).toBe('rg-shop');
    const gcp = formToPayload({
      ...form,
      cloud: 'gcp',
      region: 'europe-west1',
      gcp_project_id: 'acme-dev',
      node_pool: {
        instance_type: 'e2-standard-4',
        min_size: 1,
        desired_size: 1,
        max_size: 3,
      },
    }).payload as any;
    expect(gcp.terraform_context.gcp_region).toBe('europe-west1');
    expect(gcp.terraform_context.machine_type).toBe('e2-standard-4');
    expect(gcp.terraform_context.gcp_project_id).toBe('acme-dev');
  });

  it('drops values that belong to another cloud (left over after a cloud change)', () => {
    const { payload } = formToPayload({
      ...form,
      gcp_project_id: 'acme-dev',
      resource_group_name: 'rg',
    });
    expect((payload as any).terraform_context.gcp_project_id).toBeUndefined();
    expect(
      (payload as any).terraform_context.resource_group_name,
    ).toBeUndefined();
  });

  it('skips Terraform entirely for an existing cluster', () => {
    const { payload, sources, existingCluster } = formToPayload({
      ...form,
      cloud: 'existing',
      existing_cluster_cloud: 'gcp',
      terraform_template: 'gcp-gke',
    });
    expect(existingCluster).toBe(true);
    expect(payload.cloud).toBe('gcp');
    expect(payload.existing_cluster).toBe(true);
    expect(payload.terraform_context).toBeUndefined();
    expect(payload.terraform_template).toBeUndefined();
    expect(Object.keys(sources).some(k => k.startsWith('terraform'))).toBe(
      false,
    );
    expect(formToPayload({ cloud: 'existing' }).payload.cloud).toBe('aws');
  });

  it('honours mapping overrides, removals, extras and field names from ui:options', () => {
    const { payload, sources } = formToPayload(
      {
        provider: 'aws',
        where: 'us-west-2',
        service: 'billing',
        chart_name: 'not-used',
        namespace: 'billing',
      },
      {
        cloudField: 'provider',
        regionField: 'where',
        mapping: { service: 'helm_context.chart_name', chart_name: null },
        extra: {
          governance_context: { codeowners: ['@acme/platform'] },
          helm_context: { chart_name: 'overridden-by-form', replica_count: 1 },
        },
      },
    );
    expect(payload).toEqual({
      cloud: 'aws',
      existing_cluster: false,
      governance_context: { codeowners: ['@acme/platform'] },
      helm_context: {
        chart_name: 'billing',
        namespace: 'billing',
        replica_count: 1,
      },
      terraform_context: { aws_region: 'us-west-2' },
    });
    expect(sources['helm_context.chart_name']).toBe('service');
  });

  it('deep-merges whole context objects', () => {
    const { payload } = formToPayload({
      cloud: 'aws',
      chart_name: 'a',
      helm_context: { ingress_enabled: true, ingress_host: 'a.example.com' },
    });
    expect(payload.helm_context).toEqual({
      chart_name: 'a',
      ingress_enabled: true,
      ingress_host: 'a.example.com',
    });
  });

  it('leaves out values whose switch is off, and empty strings', () => {
    const off = formToPayload({
      ...form,
      hpa_enabled: false,
      hpa_min_replicas: 4,
      ingress_enabled: false,
      ingress_host: 'stale.example.com',
      image_tag: '',
    }).payload as any;
    expect(off.helm_context.hpa_min_replicas).toBeUndefined();
    expect(off.helm_context.ingress_host).toBeUndefined();
    expect(off.helm_context.image_tag).toBeUndefined();
    const on = formToPayload({
      ...form,
      hpa_enabled: true,
      hpa_min_replicas: 4,
      ingress_enabled: true,
      ingress_host: 'orders.example.com',
      cluster_autoscaling_enabled: true,
      canary_enabled: false,
    }).payload as any;
    expect(on.helm_context).toMatchObject({
      hpa_enabled: true,
      hpa_min_replicas: 4,
      ingress_host: 'orders.example.com',
    });
    expect(on.terraform_context.cluster_autoscaling_enabled).toBe(true);
    expect(on.gitops_context).toEqual({ canary_enabled: false });
    expect(
      formToPayload(
        { cloud: 'aws', x: 1 },
        { mapping: { x: { path: 'helm_context.x', when: '!y' } } },
      ).payload.helm_context,
    ).toEqual({ x: 1 });
  });

  it('projects cluster requests (no chart, no existing_cluster)', () => {
    const { payload } = formToPayload(
      { ...form, governance_enabled: true, addons_enabled: true },
      { kind: 'cluster' },
    );
    expect(Object.keys(payload).sort()).toEqual([
      'addons_context',
      'cloud',
      'governance_context',
      'terraform_context',
    ]);
  });

  it('projects helm and terraform requests', () => {
    expect(
      Object.keys(formToPayload(form, { kind: 'helm' }).payload).sort(),
    ).toEqual(['cloud', 'helm_context']);
    expect(
      Object.keys(formToPayload(form, { kind: 'terraform' }).payload).sort(),
    ).toEqual(['cloud', 'terraform_context']);
  });

  it('copes with an empty form', () => {
    expect(formToPayload(undefined)).toEqual({
      payload: {},
      sources: {},
      cloud: undefined,
      existingCluster: false,
    });
  });
});

describe('issues → form fields', () => {
  const { sources } = formToPayload(form);
  it('finds the field that set a path (or a parent of it)', () => {
    expect(
      fieldForIssue('terraform_context.node_pool_desired_size', sources),
    ).toBe('node_pool');
    expect(fieldForIssue('terraform_context.aws_region', sources)).toBe(
      'region',
    );
    expect(fieldForIssue('cloud', sources)).toBe('cloud');
    expect(fieldForIssue('helm_context.image_tag', sources)).toBe('image_tag');
    expect(
      fieldForIssue('helm_context.env[0].name', { 'helm_context.env': 'env' }),
    ).toBe('env');
    expect(fieldForIssue('terraform_context', sources)).toBeUndefined();
    expect(fieldForIssue('', sources)).toBeUndefined();
  });
  it('annotates issue lists', () => {
    expect(
      mapIssues([{ path: 'helm_context.chart_name', message: 'bad' }], sources),
    ).toEqual([
      { path: 'helm_context.chart_name', message: 'bad', field: 'chart_name' },
    ]);
  });
});

describe('helpers', () => {
  it('setPath refuses prototype keys', () => {
    const target: Record<string, unknown> = {};
    setPath(target, '__proto__.polluted', true);
    setPath(target, 'a.constructor.x', true);
    expect(({} as any).polluted).toBeUndefined();
    expect(target).toEqual({});
  });
  it('deepMerge replaces arrays and merges objects', () => {
    expect(deepMerge({ a: { b: 1, c: [1] } }, { a: { c: [2], d: 3 } })).toEqual(
      {
        a: { b: 1, c: [2], d: 3 },
      },
    );
  });
});

describe('the derived mapping', () => {
  it('maps every context field name to its context, without collisions', () => {
    const mapping = defaultMapping();
    for (const key of HELM_KEYS) {
      const target = mapping[key];
      const path = typeof target === 'string' ? target : target?.path;
      expect(path).toBe(`helm_context.${key}`);
    }
    for (const cloud of CLOUDS) {
      for (const key of TERRAFORM_KEYS[cloud]) {
        const target = mapping[key];
        const path = typeof target === 'string' ? target : target?.path;
        expect(path).toBe(`terraform_context.${key}`);
      }
    }
    const terraform = new Set(CLOUDS.flatMap(c => TERRAFORM_KEYS[c]));
    expect(HELM_KEYS.filter(k => terraform.has(k))).toEqual([]);
    const special = [
      'cloud',
      'existing_cluster_cloud',
      'region',
      'node_pool',
      'features',
    ];
    expect(
      [...HELM_KEYS, ...terraform].filter(k => special.includes(k)),
    ).toEqual([]);
  });

  it('keeps cloud-specific fields to their cloud', () => {
    const mapping = defaultMapping();
    expect(mapping.gcp_project_id).toEqual({
      path: 'terraform_context.gcp_project_id',
      clouds: ['gcp'],
    });
    expect(mapping.aws_iam_role_arn).toEqual({
      path: 'helm_context.aws_iam_role_arn',
      clouds: ['aws'],
    });
  });

  it('gates fields of a feature by its toggles, unset toggles by their contract default', () => {
    const base = { cloud: 'existing', existing_cluster_cloud: 'aws' };
    // topology spread is on by default in the contract
    expect(
      formToPayload({ ...base, topology_spread_max_skew: 2 }).payload
        .helm_context,
    ).toEqual({ topology_spread_max_skew: 2 });
    // KEDA is off by default: its settings stay out
    expect(
      formToPayload({ ...base, keda_min_replicas: 0 }).payload.helm_context,
    ).toBeUndefined();
  });
});

describe('IacFeatures values', () => {
  const base = { cloud: 'existing', existing_cluster_cloud: 'gcp' };
  it('are merged into helm_context with the same gates, and win over flat fields', () => {
    const built = formToPayload({
      ...base,
      istio_enabled: false,
      features: {
        istio_enabled: true,
        istio_gateway_host: 'orders.example.com',
        keda_query: 'up', // KEDA is off: left out
        aws_iam_role_arn: 'arn:aws:iam::123456789012:role/x', // not this cloud
        not_a_field: 1,
      },
    });
    expect(built.payload.helm_context).toEqual({
      istio_enabled: true,
      istio_gateway_host: 'orders.example.com',
    });
    expect(built.sources['helm_context.istio_gateway_host']).toBe(
      'features.istio_gateway_host',
    );
  });

  it('honour featuresField', () => {
    const built = formToPayload(
      { ...base, extras: { pdb_enabled: true } },
      { featuresField: 'extras' },
    );
    expect(built.payload.helm_context).toEqual({ pdb_enabled: true });
  });
});

describe('payloadToForm', () => {
  const payloads: Array<[string, Record<string, unknown>]> = [
    ['new cluster', SEED_PLATFORM_NEW_CLUSTER],
    ['existing cluster', SEED_PLATFORM_EXISTING_CLUSTER],
    [
      'features and extensions',
      {
        cloud: 'azure',
        existing_cluster: false,
        terraform_context: {
          project: 'shop',
          location: 'westeurope',
          resource_group_name: 'rg-shop',
          vm_size: 'Standard_D4s_v5',
          node_pool_min_size: 1,
          node_pool_desired_size: 2,
          node_pool_max_size: 5,
          tags: { team: 'shop' },
        },
        helm_context: {
          chart_name: 'orders',
          istio_enabled: true,
          throttle_enabled: true,
          throttle_max_tokens: 50,
          azure_workload_identity_client_id:
            '00000000-0000-0000-0000-000000000000',
        },
        enable_native_checks: true,
        governance_context: { enabled: true, environments: ['dev'] },
        gitops_context: { enabled: true, canary_enabled: false },
      },
    ],
  ];
  it.each(payloads)('is the reverse of formToPayload: %s', (_name, payload) => {
    const values = payloadToForm(payload);
    expect(formToPayload(values).payload).toEqual(payload);
  });

  it('reads region and node pool whatever the cloud', () => {
    const values = payloadToForm(payloads[2][1]);
    expect(values.region).toBe('westeurope');
    expect(values.node_pool).toEqual({
      instance_type: 'Standard_D4s_v5',
      min_size: 1,
      desired_size: 2,
      max_size: 5,
    });
    expect(values.features).toMatchObject({ istio_enabled: true });
    expect(values.chart_name).toBe('orders');
    expect(payloadToForm(undefined)).toEqual({});
  });
});
