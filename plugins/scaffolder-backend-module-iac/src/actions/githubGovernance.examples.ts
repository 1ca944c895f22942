import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'After publish:github, protect main, require the plan check and code owner review, add a production environment and the AWS OIDC role',
    example: YAML.stringify({
      steps: [
        {
          id: 'governance',
          action: 'iac:github:governance',
          name: 'Governance',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments',
            requiredStatusChecks: ['validate', 'plan'],
            requiredApprovals: 1,
            environment: {
              name: 'production',
              reviewers: ['team:acme/platform'],
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
