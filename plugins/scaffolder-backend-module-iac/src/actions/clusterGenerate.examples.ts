import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A GKE cluster with add-ons and the plan / apply / drift workflows',
    example: YAML.stringify({
      steps: [
        {
          id: 'cluster',
          action: 'iac:cluster:generate',
          name: 'Generate the cluster',
          input: {
            cloud: 'gcp',
            terraform_context: {
              project: 'platform',
              gcp_project_id: 'acme-platform-prod',
              gcp_region: 'europe-west1',
              cluster_name: 'platform-gke',
              machine_type: 'e2-standard-4',
              node_pool_min_size: 1,
              node_pool_max_size: 5,
              node_pool_desired_size: 2,
            },
            addons_context: { enabled: true },
            catalog: { owner: 'group:default/platform-team' },
          },
        },
      ],
    }),
  },
];
