import { identityRoles } from '@iacforge/plugin-iac-common';
import { getHclParser } from '../wasm';
import { identityRule } from './identity';

const TERRAFORM = `
resource "google_service_account" "nodes" {
  account_id = "nodes"
}

resource "google_project_iam_member" "nodes" {
  project = "p"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:\${google_service_account.nodes.email}"
}

data "google_client_config" "current" {}
`;

function permissions(change: (p: any) => void = () => {}) {
  const roles = identityRoles('gcp');
  const p = {
    plan: roles.plan,
    apply: roles.apply,
    state: { plan: roles.state.plan, apply: roles.state.apply },
  };
  change(p);
  return JSON.stringify(p);
}

const MAIN = 'locals {\n  p = jsondecode(file("permissions.json"))\n}\n';

async function run(files: Record<string, string>) {
  const parse = await getHclParser();
  const hcl = new Map<string, unknown>();
  for (const [file, source] of Object.entries(files)) {
    if (file.endsWith('.tf')) hcl.set(file, await parse(file, source));
  }
  return identityRule.run({
    files: new Map(Object.entries(files)),
    manifests: [],
    hcl,
    chartsRendered: false,
  });
}

describe('identity', () => {
  it('accepts a bootstrap with the grants of the table', async () => {
    expect(
      await run({
        'terraform/main.tf': TERRAFORM,
        'bootstrap/gcp/main.tf': MAIN,
        'bootstrap/gcp/permissions.json': permissions(),
      }),
    ).toEqual([]);
  });

  it('checks nothing without a bootstrap', async () => {
    expect(await run({ 'terraform/main.tf': TERRAFORM })).toEqual([]);
  });

  it('reports missing grants (the apply identity cannot create service accounts or IAM members)', async () => {
    const findings = await run({
      'terraform/main.tf': TERRAFORM,
      'bootstrap/gcp/main.tf': MAIN,
      'bootstrap/gcp/permissions.json': permissions(p => {
        p.apply = ['roles/container.admin', 'roles/compute.networkAdmin'];
        p.state.plan = [];
      }),
    });
    expect(findings.map(f => f.message)).toEqual([
      'the plan identity lacks on the state backend: roles/storage.objectAdmin',
      'the apply identity lacks for google_project_iam_member (terraform/main.tf): roles/iam.securityReviewer, roles/resourcemanager.projectIamAdmin',
      'the apply identity lacks for google_service_account (terraform/main.tf): roles/iam.serviceAccountViewer, roles/iam.serviceAccountAdmin',
    ]);
  });

  it('reports a resource type without a table entry', async () => {
    const findings = await run({
      'terraform/main.tf': `${TERRAFORM}\nresource "google_sql_database_instance" "db" {}\n`,
      'bootstrap/gcp/main.tf': 'locals {}\n',
      'bootstrap/gcp/permissions.json': permissions(),
    });
    expect(findings).toEqual([
      {
        check: 'identity',
        severity: 'error',
        file: 'bootstrap/gcp/permissions.json',
        message: 'bootstrap/gcp/main.tf does not read permissions.json',
      },
      {
        check: 'identity',
        severity: 'error',
        file: 'terraform/main.tf',
        message:
          'resource type google_sql_database_instance has no entry in the gcp identity table (plugins/iac-common/src/identity/gcp.ts): add what the plan and apply identities need for it',
      },
    ]);
  });
});
