/*
 * Golden files of the Terraform trees (OUTPUT-QUALITY point 26): for each
 * tree × representative payload, the path, mode, size and sha256 of every
 * generated file, and the full text of the files rendered from templates
 * (tfvars, backend.hcl, versions.tf). Any change to the output fails here
 * until it is accepted explicitly:
 *
 *   UPDATE_GOLDEN=1 yarn backstage-cli package test src/terraformGolden --no-watch
 *
 * (outside CI only; see lib/golden.ts)
 *
 * (static files are copied byte for byte from the trees, so their hash is
 * enough to show that they changed; `git diff templates/` shows how.)
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { expectGolden } from './lib/golden';
import { getTerraformEngine } from './lib/terraform/engine';
import { clusterPayload, terraformPayload } from './lib/terraform/matrix';
import { requireGenerated } from '@iacforge/plugin-iac-node';

// test code runs from source
// eslint-disable-next-line no-restricted-syntax
const GOLDEN_DIR = path.join(__dirname, 'lib', 'terraform', 'golden');

/** Files rendered from .njk templates: kept as text in the golden file. */
const RENDERED =
  /(^|\/)(versions\.tf|backend\.hcl|[a-z]+\.auto\.tfvars\.json)$/;

const ALL_ADDONS = {
  aws: {
    enabled: true,
    metrics_server: true,
    load_balancer_controller: true,
    external_secrets: true,
    karpenter: true,
  },
  azure: { enabled: true, external_secrets: true },
  gcp: { enabled: true, external_secrets: true },
};

const CASES = (['aws', 'azure', 'gcp'] as const).flatMap(cloud => [
  {
    name: `${cloud}-terraform-minimal`,
    kind: 'terraform' as const,
    payload: terraformPayload(cloud),
  },
  {
    name: `${cloud}-cluster-all-addons`,
    kind: 'cluster' as const,
    payload: clusterPayload(
      cloud,
      {
        environment: 'prod',
        endpoint_public_access: true,
        endpoint_public_access_cidrs: ['203.0.113.0/24'],
        tags: { team: 'platform' },
      },
      { addons_context: ALL_ADDONS[cloud] },
    ),
  },
]);

function snapshotOf(kind: 'terraform' | 'cluster', payload: unknown) {
  const result = requireGenerated(getTerraformEngine().generate(kind, payload));
  return {
    templates: result.templates,
    files: Object.fromEntries(
      result.files.map(f => [
        f.path,
        {
          mode: f.mode.toString(8),
          bytes: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'),
          ...(RENDERED.test(f.path)
            ? { text: f.content.toString('utf8') }
            : {}),
        },
      ]),
    ),
  };
}

describe('golden files', () => {
  it.each(CASES.map(c => [c.name, c] as const))('%s', (name, c) => {
    const file = path.join(GOLDEN_DIR, `${name}.json`);
    const actual = snapshotOf(c.kind, c.payload);
    expectGolden(file, `${JSON.stringify(actual, null, 2)}\n`, 'UPDATE_GOLDEN');
  });
});
