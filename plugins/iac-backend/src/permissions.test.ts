/*
 * IaC Forge permissions on the REST API: a policy that denies gives a 403
 * whose message names what was refused and the permission; one that allows
 * changes nothing. Plain previews, validate and the template list need only
 * sign-in.
 */
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { iacPlugin } from './plugin';

const FIXTURE_ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);

const payload = {
  cloud: 'aws',
  terraform_template: 'tf-one',
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
};

jest.setTimeout(60_000);

async function start(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const { server } = await startTestBackend({
    features: [
      iacPlugin,
      mockServices.permissions.factory({ result }),
      mockServices.rootConfig.factory({
        data: {
          iac: {
            templateRoots: [FIXTURE_ROOT],
            preview: { workers: 1 },
            shippedTemplates: false,
          },
        },
      }),
    ],
  });
  return server;
}

describe('IaC Forge permissions on the API', () => {
  it('a DENY policy: 403 naming the permission for checked previews and downloads', async () => {
    const server = await start(AuthorizeResult.DENY);
    const checked = await request(server)
      .post('/api/iac/generate/terraform/preview?checks=true')
      .send(payload)
      .expect(403);
    expect(checked.body.error.name).toBe('NotAllowedError');
    expect(checked.body.error.message).toBe(
      "You are not allowed to generate infrastructure files (with output checks): the permission policy denied iac.generate. Ask the portal's administrators for access.",
    );
    const zip = await request(server)
      .post('/api/iac/generate/terraform/download')
      .send(payload)
      .expect(403);
    expect(zip.body.error.message).toMatch(
      /^You are not allowed to download generated files: the permission policy denied iac\.download\./,
    );
    // no stack trace, no internals
    expect(JSON.stringify(zip.body)).not.toMatch(/at .*\.ts:\d+/);
    // a plain preview and validate only need sign-in
    await request(server)
      .post('/api/iac/generate/terraform/preview')
      .send(payload)
      .expect(200);
    const valid = await request(server)
      .post('/api/iac/validate/terraform')
      .send(payload)
      .expect(200);
    expect(valid.body.ok).toBe(true);
  });

  it('an ALLOW policy: checked previews render in a worker, downloads too', async () => {
    const server = await start(AuthorizeResult.ALLOW);
    const checked = await request(server)
      .post('/api/iac/generate/terraform/preview?checks=true')
      .send(payload)
      .expect(200);
    expect(Array.isArray(checked.body.findings)).toBe(true);
    expect(String(checked.headers['x-iac-preview-source'])).toMatch(
      /^worker [1-9]\d*$/,
    );
    const zip = await request(server)
      .post('/api/iac/generate/terraform/download')
      .send(payload)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(String(zip.headers['x-iac-preview-source'])).toMatch(
      /^worker [1-9]\d*$/,
    );
  });

  it('asks the policy for the caller, per request', async () => {
    const decisions: string[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        decisions.push(...requests.map(r => r.permission.name));
        return requests.map(
          (): PolicyDecision => ({ result: AuthorizeResult.ALLOW }),
        ) as never;
      },
    });
    const { server } = await startTestBackend({
      features: [
        iacPlugin,
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            iac: {
              templateRoots: [FIXTURE_ROOT],
              preview: { workers: 0 },
              shippedTemplates: false,
            },
          },
        }),
      ],
    });
    await request(server)
      .post('/api/iac/generate/terraform/preview?checks=true')
      .send(payload)
      .expect(200);
    // answered from the cache the second time, still asked first
    await request(server)
      .post('/api/iac/generate/terraform/preview?checks=true')
      .send(payload)
      .expect(200);
    await request(server)
      .post('/api/iac/generate/terraform/download')
      .send(payload)
      .expect(200);
    expect(decisions).toEqual(['iac.generate', 'iac.generate', 'iac.download']);
  });
});
