/** Starter payloads of the playground, per request kind. */
import type { GenerateKind } from '../api/types';

const helmContext = {
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'ghcr.io/acme/orders',
  image_tag: '1.4.2',
  replica_count: 2,
  service_port: 80,
  container_port: 8080,
};

const terraform = {
  aws: {
    project: 'shop',
    environment: 'dev',
    aws_region: 'us-east-1',
    cluster_name: 'shop-dev',
    node_pool_instance_type: 'm6i.large',
    node_pool_min_size: 1,
    node_pool_desired_size: 2,
    node_pool_max_size: 3,
  },
  azure: {
    project: 'shop',
    environment: 'dev',
    location: 'westeurope',
    resource_group_name: 'rg-shop-dev',
    cluster_name: 'shop-dev',
    vm_size: 'Standard_D4s_v5',
    node_pool_min_size: 1,
    node_pool_desired_size: 2,
    node_pool_max_size: 3,
  },
  gcp: {
    project: 'shop',
    environment: 'dev',
    gcp_project_id: 'acme-shop-dev',
    gcp_region: 'europe-west1',
    cluster_name: 'shop-dev',
    machine_type: 'e2-standard-4',
    node_pool_min_size: 1,
    node_pool_desired_size: 2,
    node_pool_max_size: 3,
  },
};

export interface PlaygroundExample {
  id: string;
  label: string;
  payload: Record<string, unknown>;
}

export const EXAMPLES: Record<GenerateKind, PlaygroundExample[]> = {
  platform: [
    {
      id: 'aws',
      label: 'AWS EKS + chart',
      payload: {
        cloud: 'aws',
        terraform_context: terraform.aws,
        helm_context: helmContext,
        governance_context: { codeowners: ['@acme/platform'] },
      },
    },
    {
      id: 'azure',
      label: 'Azure AKS + chart',
      payload: {
        cloud: 'azure',
        terraform_context: terraform.azure,
        helm_context: helmContext,
      },
    },
    {
      id: 'gcp',
      label: 'GCP GKE + chart',
      payload: {
        cloud: 'gcp',
        terraform_context: terraform.gcp,
        helm_context: helmContext,
      },
    },
    {
      id: 'existing',
      label: 'Existing cluster (chart only)',
      payload: {
        cloud: 'aws',
        existing_cluster: true,
        helm_context: helmContext,
      },
    },
  ],
  cluster: [
    {
      id: 'aws',
      label: 'AWS EKS + governance',
      payload: {
        cloud: 'aws',
        terraform_context: terraform.aws,
        governance_context: { codeowners: ['@acme/platform'] },
      },
    },
    {
      id: 'azure-addons',
      label: 'Azure AKS + add-ons',
      payload: {
        cloud: 'azure',
        terraform_context: terraform.azure,
        addons_context: { enabled: true, external_secrets: true },
      },
    },
    {
      id: 'gcp',
      label: 'GCP GKE + governance',
      payload: { cloud: 'gcp', terraform_context: terraform.gcp },
    },
  ],
  terraform: [
    {
      id: 'aws',
      label: 'AWS EKS',
      payload: { cloud: 'aws', terraform_context: terraform.aws },
    },
    {
      id: 'azure',
      label: 'Azure AKS',
      payload: { cloud: 'azure', terraform_context: terraform.azure },
    },
    {
      id: 'gcp',
      label: 'GCP GKE',
      payload: { cloud: 'gcp', terraform_context: terraform.gcp },
    },
  ],
  helm: [
    {
      id: 'generic',
      label: 'Generic chart',
      payload: { helm_context: helmContext },
    },
    {
      id: 'hpa',
      label: 'Chart with HPA and ingress',
      payload: {
        cloud: 'aws',
        helm_context: {
          ...helmContext,
          hpa_enabled: true,
          hpa_min_replicas: 2,
          hpa_max_replicas: 6,
          ingress_enabled: true,
          ingress_host: 'orders.example.com',
        },
      },
    },
  ],
};

/** Pretty JSON of an example. */
export function exampleText(kind: GenerateKind, id?: string): string {
  const list = EXAMPLES[kind];
  const example = list.find(e => e.id === id) ?? list[0];
  return `${JSON.stringify(example.payload, null, 2)}\n`;
}
