import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';
import {
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';

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
