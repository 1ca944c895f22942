import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check everything the previous steps generated, including helm lint on Helm 3 and 4',
    example: YAML.stringify({
      steps: [
        {
          id: 'validate',
          action: 'iac:validate',
          name: 'Validate',
          input: { helm: true },
        },
      ],
    }),
  },
  {
    description:
      'Check only the Terraform folder with the fast in-process checks',
    example: YAML.stringify({
      steps: [
        {
          id: 'validate',
          action: 'iac:validate',
          name: 'Validate',
          input: { path: 'terraform' },
        },
      ],
    }),
  },
];
