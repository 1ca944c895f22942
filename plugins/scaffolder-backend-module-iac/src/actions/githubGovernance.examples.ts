import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'After publish:github, protect the default branch as the generated .github/governance.json says (required checks, reviews, code owners), add a production environment and the AWS OIDC role',
    example: YAML.stringify({
      steps: [
        {
          id: 'governance',
          action: 'iac:github:governance',
          name: 'Governance',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments',
            environment: {
              name: 'production',
              reviewers: ['group:default/platform'],
            },
            variables: {
              AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/payments-terraform',
            },
          },
        },
      ],
    }),
  },
];
