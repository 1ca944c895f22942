import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the generated repository on the local git host and register it',
    example: YAML.stringify({
      steps: [
        {
          id: 'publish',
          action: 'iac:publish:local',
          name: 'Publish',
          input: { repoUrl: 'localhost?owner=platform-team&repo=payments' },
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
