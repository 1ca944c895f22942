import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'The Terraform of an Azure AKS cluster with autoscaler tuning and a patch window',
    example: YAML.stringify({
      steps: [
        {
          id: 'terraform',
          action: 'iac:terraform:generate',
          name: 'Generate Terraform',
          input: {
            cloud: 'azure',
            targetPath: 'infra',
            terraform_context: {
              project: 'platform',
              location: 'westeurope',
              resource_group_name: 'rg-platform',
              cluster_name: 'platform-aks',
              vm_size: 'Standard_D4s_v5',
              node_pool_min_size: 2,
              node_pool_max_size: 6,
              node_pool_desired_size: 3,
              cluster_autoscaling_enabled: true,
              cluster_autoscaler_scan_interval: '10s',
              patch_day_of_week: 'Sunday',
              patch_start_hour_utc: 2,
            },
          },
        },
      ],
    }),
  },
];
