import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "A service on a new AWS EKS cluster (the generator spec's first payload)",
    example: YAML.stringify({
      steps: [
        {
          id: 'generate',
          action: 'iac:platform:generate',
          name: 'Generate Terraform, Helm and workflows',
          input: {
            cloud: 'aws',
            existing_cluster: false,
            terraform_context: {
              project: 'platform',
              aws_region: 'us-east-1',
              cluster_name: 'platform-eks',
            },
            helm_context: {
              chart_name: 'payments',
              chart_version: '0.1.0',
              app_version: '1.0.0',
              namespace: 'payments',
              create_namespace: true,
              image_repository: 'nginx',
              image_tag: '1.27',
              replica_count: 2,
              service_port: 80,
              container_port: 80,
            },
            catalog: { owner: 'group:default/platform-team' },
          },
        },
      ],
    }),
  },
  {
    description: 'A service on an existing GKE cluster (Terraform is skipped)',
    example: YAML.stringify({
      steps: [
        {
          id: 'generate',
          action: 'iac:platform:generate',
          name: 'Generate the chart and workflows',
          input: {
            cloud: 'gcp',
            existing_cluster: true,
            helm_context: {
              chart_name: 'orders',
              chart_version: '0.1.0',
              app_version: '1.0.0',
              namespace: 'orders',
              create_namespace: true,
              image_repository: 'nginx',
              image_tag: '1.27',
              replica_count: 2,
              service_port: 80,
              container_port: 80,
              load_balancer_type: 'External',
            },
            catalog: {
              owner: 'group:default/platform-team',
              clusterRef: 'resource:default/prod-gke',
            },
          },
        },
      ],
    }),
  },
];
