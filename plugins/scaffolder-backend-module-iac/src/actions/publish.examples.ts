import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish to the configured target (iac.publish), apply the GitHub governance settings when it is GitHub, and register the repository',
    example: YAML.stringify({
      steps: [
        {
          id: 'publish',
          action: 'iac:publish',
          name: 'Publish',
          input: {
            repoName: 'payments',
            owner: 'platform-team',
            description: 'Payments service infrastructure',
          },
        },
        {
          id: 'governance',
          if: "${{ steps.publish.output.target == 'github' }}",
          action: 'iac:github:governance',
          name: 'Governance',
          input: { repoUrl: '${{ steps.publish.output.repoUrl }}' },
        },
        {
          id: 'register',
          action: 'catalog:register',
          name: 'Register',
          input: {
            catalogInfoUrl: '${{ steps.publish.output.catalogInfoUrl }}',
          },
        },
      ],
    }),
  },
];
