/*
 * Regressions of defects that only showed at `terraform plan/apply` (issue
 * "Generated repositories that work on the first apply"): each test names
 * the defect it guards and asserts on the parsed HCL of a real render.
 */
import { loadModules, resourcesOf, TfModule, Body } from './lib/terraform/hcl';
import { render } from './lib/terraform/engine';
import {
  clusterPayload,
  platformPayload,
  terraformPayload,
} from './lib/terraform/matrix';

async function modulesOf(
  kind: 'terraform' | 'platform' | 'cluster',
  payload: Record<string, unknown>,
) {
  const { files } = render(kind, payload);
  const modules = await loadModules(files);
  return {
    files,
    root: modules.get('terraform')!,
    addons: modules.get('terraform/modules/cluster-addons'),
  };
}

function findResource(
  module: TfModule,
  type: string,
  name?: string,
): Body | undefined {
  return resourcesOf(module, 'resource').find(
    r => r.type === type && (name === undefined || r.name === name),
  )?.body;
}

function block(body: Body | undefined, name: string): Body {
  const value = body?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (!first || typeof first !== 'object')
    throw new Error(`no block "${name}"`);
  return first as Body;
}

const text = (module: TfModule) => module.files.map(f => f.source).join('\n');

const AZURE_ADDONS = {
  addons_context: { enabled: true, external_secrets: true },
};
const ADMIN = '11111111-2222-3333-4444-555555555555';

describe('AKS: cluster-admin only to named principals (defect 5)', () => {
  it('grants nothing to whoever runs Terraform', async () => {
    const { root } = await modulesOf(
      'cluster',
      clusterPayload(
        'azure',
        { cluster_admin_principal_ids: [ADMIN] },
        AZURE_ADDONS,
      ),
    );
    for (const r of resourcesOf(root, 'resource').filter(
      x => x.type === 'azurerm_role_assignment',
    )) {
      expect(String(r.body.principal_id)).not.toContain(
        'azurerm_client_config',
      );
    }
    const admin = findResource(
      root,
      'azurerm_role_assignment',
      'cluster_admin',
    )!;
    expect(admin.role_definition_name).toBe(
      'Azure Kubernetes Service RBAC Cluster Admin',
    );
    expect(String(admin.for_each)).toContain('var.cluster_admin_principal_ids');
  });

  it('passes the named principals through terraform.auto.tfvars.json', () => {
    const { files } = render(
      'cluster',
      clusterPayload(
        'azure',
        {
          cluster_admin_principal_ids: [ADMIN],
          admin_group_object_ids: [ADMIN],
        },
        AZURE_ADDONS,
      ),
    );
    const tfvars = JSON.parse(
      files.get('terraform/terraform.auto.tfvars.json')!,
    );
    expect(tfvars.cluster_admin_principal_ids).toEqual([ADMIN]);
    expect(tfvars.admin_group_object_ids).toEqual([ADMIN]);
  });
});

describe('AKS: Container Insights collects data (defect 8)', () => {
  it('has a data collection rule with the ContainerInsights extension and its association', async () => {
    const { root } = await modulesOf('terraform', terraformPayload('azure'));
    const dcr = findResource(root, 'azurerm_monitor_data_collection_rule')!;
    expect(dcr).toBeDefined();
    const extension = block(block(dcr, 'data_sources'), 'extension');
    expect(extension.extension_name).toBe('ContainerInsights');
    expect(
      String(
        block(block(dcr, 'destinations'), 'log_analytics')
          .workspace_resource_id,
      ),
    ).toContain('azurerm_log_analytics_workspace.this');
    const assoc = findResource(
      root,
      'azurerm_monitor_data_collection_rule_association',
    )!;
    expect(String(assoc.target_resource_id)).toContain(
      'azurerm_kubernetes_cluster.this.id',
    );
  });
});

describe('AKS: availability zones from the catalog', () => {
  it('pins the node pool to the zones of a zonal region, none elsewhere', () => {
    const zonal = JSON.parse(
      render('terraform', terraformPayload('azure')).files.get(
        'terraform/terraform.auto.tfvars.json',
      )!,
    );
    expect(zonal.node_pool_zones).toEqual(['1', '2', '3']);
    const plain = JSON.parse(
      render(
        'terraform',
        terraformPayload('azure', { location: 'westus' }),
      ).files.get('terraform/terraform.auto.tfvars.json')!,
    );
    expect(plain.node_pool_zones).toEqual([]);
  });
});

describe('GKE: every API a feature uses is enabled (defect 7)', () => {
  const services = async (tc: Record<string, unknown> = {}) => {
    const { root } = await modulesOf('terraform', terraformPayload('gcp', tc));
    return String(findResource(root, 'google_project_service')!.for_each);
  };

  it('enables Binary Authorization, monitoring and logging next to container and compute', async () => {
    const list = await services();
    for (const api of [
      'container.googleapis.com',
      'compute.googleapis.com',
      'binaryauthorization.googleapis.com',
      'monitoring.googleapis.com',
      'logging.googleapis.com',
    ]) {
      expect(list).toContain(api);
    }
  });

  it('enables Cloud KMS with database encryption and lets the GKE service agent use the key', async () => {
    const list = await services({ database_encryption_enabled: true });
    expect(list).toContain('cloudkms.googleapis.com');
    const { root } = await modulesOf(
      'terraform',
      terraformPayload('gcp', { database_encryption_enabled: true }),
    );
    const gke = findResource(root, 'google_container_cluster', 'this')!;
    expect(JSON.stringify(gke.dynamic ?? gke.database_encryption)).toContain(
      'ENCRYPTED',
    );
    const binding = findResource(root, 'google_kms_crypto_key_iam_member')!;
    expect(binding.role).toBe('roles/cloudkms.cryptoKeyEncrypterDecrypter');
    expect(String(binding.member)).toContain('container-engine-robot');
  });
});

describe('GKE: the node pool service account everywhere', () => {
  it('the temporary default pool also runs as the nodes service account', async () => {
    const { root } = await modulesOf('terraform', terraformPayload('gcp'));
    const gke = findResource(root, 'google_container_cluster', 'this')!;
    expect(block(gke, 'node_config').service_account).toBe(
      '${google_service_account.nodes.email}',
    );
  });
});

describe('GKE: maintenance window availability (defect 7)', () => {
  it('Terraform rejects a weekly 4-hour window (16-20 hours per 32 days)', async () => {
    const { root } = await modulesOf('terraform', terraformPayload('gcp'));
    const source = text(root);
    expect(source).toMatch(/48 hours/);
  });
});

describe('EKS: core add-ons with their own identity (issue 13)', () => {
  it('vpc-cni before the nodes on IRSA, EBS CSI driver on IRSA, no CNI policy on the node role', async () => {
    const { root } = await modulesOf('terraform', terraformPayload('aws'));
    const addons = resourcesOf(root, 'resource').filter(
      r => r.type === 'aws_eks_addon',
    );
    const early = addons.find(r => r.name === 'before_compute')!;
    expect(JSON.stringify(early.body.for_each)).toContain('vpc-cni');
    expect(JSON.stringify(early.body.for_each)).toContain(
      'aws_iam_role.eks_addon[\\"vpc-cni\\"].arn',
    );
    expect(early.body.service_account_role_arn).toBe('${each.value}');
    // before compute: the node group waits for the CNI
    const group = findResource(root, 'aws_eks_node_group', 'default')!;
    expect(JSON.stringify(group.depends_on)).toContain(
      'aws_eks_addon.before_compute',
    );
    const late = addons.find(r => r.name === 'this')!;
    expect(JSON.stringify(late.body.for_each)).toContain('aws-ebs-csi-driver');
    expect(text(root)).toContain('AmazonEBSCSIDriverPolicy');
    const node = findResource(root, 'aws_iam_role_policy_attachment', 'node')!;
    expect(String(node.for_each)).not.toContain('AmazonEKS_CNI_Policy');
  });
});

describe('EKS: the chart only asks for load balancers the stack can serve (defect 11)', () => {
  it('a LoadBalancer Service on a new EKS cluster installs the AWS Load Balancer Controller', async () => {
    const payload = platformPayload(
      'aws',
      {},
      {
        helm_context: {
          ...(platformPayload('aws').helm_context as object),
          load_balancer_type: 'External',
        },
        addons_context: { enabled: true, load_balancer_controller: true },
      },
    );
    const { addons } = await modulesOf('platform', payload);
    expect(
      findResource(addons!, 'helm_release', 'aws_load_balancer_controller'),
    ).toBeDefined();
  });

  it('is refused with a field path when the controller is not installed', () => {
    const payload = platformPayload(
      'aws',
      {},
      {
        helm_context: {
          ...(platformPayload('aws').helm_context as object),
          load_balancer_type: 'External',
        },
      },
    );
    expect(() => render('platform', payload)).toThrow(
      /addons_context\.load_balancer_controller/,
    );
  });
});

describe('EKS / AKS: Prometheus Operator objects have their CRDs', () => {
  const monitoring = (cloud: 'aws' | 'azure', addons: object) =>
    platformPayload(
      cloud,
      cloud === 'azure' ? { cluster_admin_principal_ids: [ADMIN] } : {},
      {
        helm_context: {
          ...(platformPayload(cloud).helm_context as object),
          metrics_enabled: true,
          metrics_app_enabled: true,
          metrics_service_monitor_enabled: true,
          scaling_alerts_enabled: true,
        },
        addons_context: addons,
      },
    );

  it.each(['aws', 'azure'] as const)(
    '%s: a ServiceMonitor and a PrometheusRule install the pinned prometheus-operator-crds chart',
    async cloud => {
      const { files, addons } = await modulesOf(
        'platform',
        monitoring(cloud, { enabled: true }),
      );
      const release = findResource(
        addons!,
        'helm_release',
        'prometheus_operator_crds',
      )!;
      expect(release).toMatchObject({
        chart: 'prometheus-operator-crds',
        repository: 'https://prometheus-community.github.io/helm-charts',
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      });
      expect(
        JSON.parse(files.get('terraform/addons.auto.tfvars.json')!).addons
          .prometheus_operator_crds,
      ).toBe(true);
    },
  );

  it.each(['aws', 'azure'] as const)(
    '%s: is refused with a field path when the CRDs add-on is off',
    cloud => {
      expect(() =>
        render(
          'platform',
          monitoring(cloud, { enabled: true, prometheus_operator_crds: false }),
        ),
      ).toThrow(/addons_context\.prometheus_operator_crds/);
    },
  );
});

describe('plan identity reads the Helm release Secrets after the first apply', () => {
  const PLAN: Record<'aws' | 'azure' | 'gcp', string> = {
    aws: 'arn:aws:iam::123456789012:role/github-terraform-plan',
    azure: '99999999-8888-4777-8666-555555555555',
    gcp: 'terraform-plan@acme-platform-dev.iam.gserviceaccount.com',
  };
  const payload = (cloud: 'aws' | 'azure' | 'gcp', plan?: string) =>
    clusterPayload(
      cloud,
      {
        ...(plan ? { plan_identity: plan } : {}),
        ...(cloud === 'azure' ? { cluster_admin_principal_ids: [ADMIN] } : {}),
      },
      { addons_context: { enabled: true, external_secrets: true } },
    );

  it.each(['aws', 'azure', 'gcp'] as const)(
    '%s: get/list on Secrets in every release namespace, for the plan identity only',
    async cloud => {
      const { files, addons } = await modulesOf(
        'cluster',
        payload(cloud, PLAN[cloud]),
      );
      expect(
        JSON.parse(files.get('terraform/addons.auto.tfvars.json')!)
          .plan_identity,
      ).toBe(PLAN[cloud]);
      const access = findResource(addons!, 'helm_release', 'plan_access')!;
      expect(access.namespace).toBe('kube-system');
      const source = text(addons!);
      // the namespaces are those of every other release of the module
      expect(source).toMatch(
        /release_namespaces = sort\(distinct\(concat\(\["kube-system"\], \[for r in local\.release_list : r\.namespace\]\)\)\)/,
      );
      expect(source).toMatch(
        /release_list\s+= concat\(local\.cloud_releases, helm_release\.prometheus_operator_crds, helm_release\.addon_namespaces, helm_release\.external_secrets, helm_release\.cluster_secret_store\)/,
      );
      const role = files.get(
        'terraform/modules/cluster-addons/charts/addon-config/templates/plan-access.yaml',
      )!;
      expect(role).toMatch(
        /resources: \["secrets"\]\n\s+verbs: \["get", "list"\]/,
      );
      expect(role).not.toMatch(/ClusterRole/);
      expect(source).toMatch(
        cloud === 'aws'
          ? /plan_subject = \{ kind = "Group", name = local\.plan_group \}/
          : /plan_subject = \{ kind = "User", name = var\.plan_identity \}/,
      );
    },
  );

  it('aws: the plan role signs in through an access entry in a group, without access policy', async () => {
    const { addons } = await modulesOf('cluster', payload('aws', PLAN.aws));
    const entry = findResource(addons!, 'aws_eks_access_entry', 'plan')!;
    expect(entry).toMatchObject({
      principal_arn: '${var.plan_identity}',
      kubernetes_groups: ['${local.plan_group}'],
      type: 'STANDARD',
    });
    expect(
      resourcesOf(addons!, 'resource').filter(
        r => r.type === 'aws_eks_access_policy_association',
      ),
    ).toEqual([]);
  });

  it('grants nothing when the plan identity is not named', async () => {
    const { files } = await modulesOf('cluster', payload('gcp'));
    expect(
      JSON.parse(files.get('terraform/addons.auto.tfvars.json')!),
    ).not.toHaveProperty('plan_identity');
    const main = files.get('terraform/modules/cluster-addons/main.tf')!;
    expect(main).toMatch(
      /resource "helm_release" "plan_access" \{\n {2}count = var\.plan_identity == null \? 0 : 1/,
    );
  });
});

describe('add-on charts run under the Pod Security level of their namespace', () => {
  it.each(['aws', 'azure', 'gcp'] as const)(
    '%s: External Secrets Operator goes into a restricted namespace with restricted contexts on every pod',
    async cloud => {
      const { addons } = await modulesOf(
        'cluster',
        clusterPayload(
          cloud,
          cloud === 'azure' ? { cluster_admin_principal_ids: [ADMIN] } : {},
          { addons_context: { enabled: true, external_secrets: true } },
        ),
      );
      const namespaces = findResource(
        addons!,
        'helm_release',
        'addon_namespaces',
      )!;
      expect(String(namespaces.values)).toMatch(
        /name = local\.external_secrets_namespace, podSecurity = "restricted"/,
      );
      const eso = findResource(addons!, 'helm_release', 'external_secrets')!;
      expect(eso.create_namespace).toBeUndefined();
      const values = String(eso.values);
      for (const section of ['', 'webhook', 'certController']) {
        expect(values).toContain(
          section
            ? `${section} = {`
            : 'podSecurityContext = local.restricted_pod_security_context',
        );
      }
      expect(
        values.match(/securityContext\s+= local\.restricted_security_context/g),
      ).toHaveLength(3);
    },
  );
});
