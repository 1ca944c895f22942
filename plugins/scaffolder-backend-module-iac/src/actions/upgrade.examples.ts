import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Upgrade a generated repository on the portal's git host to the current template trees",
    example: YAML.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'iac:upgrade',
          name: 'Upgrade',
          input: { repoUrl: 'localhost?owner=platform-team&repo=payments' },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade the repository of a catalog component, switching KEDA on (changed answers)',
    example: YAML.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'catalog:fetch',
          name: 'Read the component',
          input: { entityRef: '${{ parameters.component }}' },
        },
        {
          id: 'upgrade',
          action: 'iac:upgrade',
          name: 'Upgrade',
          input: {
            location:
              "${{ steps.fetch.output.entity.metadata.annotations['backstage.io/managed-by-location'] }}",
            answers: {
              helm_context: { hpa_enabled: false, keda_enabled: true },
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade a repository on GitHub: pushes the branch and opens a pull request',
    example: YAML.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'iac:upgrade',
          name: 'Upgrade',
          input: { repoUrl: 'github.com?owner=acme&repo=payments' },
        },
      ],
    }),
  },
];
