import { identityRule } from './identity';

const MODULE = 'terraform/modules/cluster-addons';

const release = (name: string, namespace = 'kube-system') => `
resource "helm_release" "${name}" {
  name      = "${name}"
  namespace = "${namespace}"
}
`;

const LISTS = `
locals {
  release_list = concat(local.cloud_releases, helm_release.external_secrets)
}
`;
const CLOUD = `
locals {
  cloud_releases = concat(
    helm_release.metrics_server,
  )
}
`;

function run(files: Record<string, string>) {
  return identityRule.run({
    files: new Map(Object.entries(files)),
    manifests: [],
    chartsRendered: false,
  });
}

describe('identity: the plan identity reads the Helm release Secrets', () => {
  it('accepts a module whose releases are all listed and granted', () => {
    expect(
      run({
        [`${MODULE}/main.tf`]:
          LISTS + release('external_secrets') + release('plan_access'),
        [`${MODULE}/main_aws.tf`]: CLOUD + release('metrics_server'),
      }),
    ).toEqual([]);
  });

  it('accepts Terraform without Helm releases', () => {
    expect(
      run({ 'terraform/main.tf': 'resource "aws_vpc" "this" {}\n' }),
    ).toEqual([]);
  });

  it('refuses releases without a plan_access grant', () => {
    expect(
      run({ [`${MODULE}/main.tf`]: LISTS + release('external_secrets') }),
    ).toEqual([
      expect.objectContaining({
        check: 'identity',
        severity: 'error',
        file: `${MODULE}/main.tf`,
        message: expect.stringContaining('secrets is forbidden'),
      }),
    ]);
  });

  it('refuses a release missing from the release lists (its namespace is not granted)', () => {
    expect(
      run({
        [`${MODULE}/main.tf`]:
          LISTS + release('external_secrets') + release('plan_access'),
        [`${MODULE}/main_aws.tf`]:
          CLOUD + release('metrics_server') + release('karpenter'),
      }),
    ).toEqual([
      expect.objectContaining({
        file: `${MODULE}/main_aws.tf`,
        message: expect.stringMatching(
          /^helm_release\.karpenter is in no release list/,
        ),
      }),
    ]);
  });
});
