import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';
import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';

export const examples: TemplateExample[] = [
  {
    description:
      'The form values as they are (what the Templates of IaC Forge do): mapped by the contract exactly as the live preview maps them, and checked against the hash the preview showed',
    example: YAML.stringify({
      steps: [
        {
          id: 'generate',
          action: 'iac:platform:generate',
          name: 'Generate Terraform, Helm and workflows',
          input: {
            // in a Template: form: ${{ parameters }}, expectedContentHash: ${{ parameters.preview }}
            form: {
              cloud: 'gcp',
              region: 'europe-west1',
              project: 'platform',
              cluster_name: 'platform-gke',
              gcp_project_id: 'acme-platform-dev',
              node_pool: {
                instance_type: 'e2-standard-4',
                min_size: 1,
                desired_size: 2,
                max_size: 3,
              },
              chart_name: 'payments',
              namespace: 'payments',
              image_repository: 'nginx',
              image_tag: '1.27',
              features: { hpa_enabled: true, pdb_enabled: true },
              governance_enabled: true,
            },
            formOptions: { extra: { gitops_context: { enabled: false } } },
            catalog: { owner: 'group:default/platform-team' },
          },
        },
      ],
    }),
  },
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
            ...SEED_PLATFORM_NEW_CLUSTER,
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
            ...SEED_PLATFORM_EXISTING_CLUSTER,
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
