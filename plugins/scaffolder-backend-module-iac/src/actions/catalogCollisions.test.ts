/*
 * A generated entity whose name is already taken in the catalog fails the
 * task with a clear message, before anything is published (it used to be
 * registered "successfully" while the catalog dropped it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { IacEngine } from '@iacforge/plugin-iac-node';
import type { CatalogLookup } from '../catalogNames';
import { createPlatformGenerateAction } from './platformGenerate';

const ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);
const engine = IacEngine.fromRoots([ROOT]);

const input = {
  cloud: 'aws' as const,
  terraform_template: 'tf-one',
  helm_template: 'chart-one',
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-cluster',
  },
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
  catalog: { owner: 'group:default/platform-team' },
};

/** A catalog that holds these entities (by ref), registered elsewhere. */
function fakeCatalog(refs: string[]) {
  const lookup = {
    getEntityByRef: jest.fn<
      ReturnType<CatalogLookup['getEntityByRef']>,
      Parameters<CatalogLookup['getEntityByRef']>
    >(async ref =>
      refs.includes(ref)
        ? {
            metadata: {
              annotations: {
                'backstage.io/managed-by-location':
                  'url:http://localhost:7007/api/iac/git/other/infra/blob/main/catalog-info.yaml',
              },
            },
          }
        : undefined,
    ),
  };
  return lookup;
}

function context() {
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-ws-'));
  return createMockActionContext({ input, workspacePath });
}

describe('catalog name collisions', () => {
  it('an existing cluster Resource of the same name fails the task, naming the field to change', async () => {
    const catalog = fakeCatalog(['resource:default/platform-cluster']);
    const action = createPlatformGenerateAction({ engine, catalog });
    const ctx = context();
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /The catalog already has resource:default\/platform-cluster \(from url:http:\/\/localhost:7007\/api\/iac\/git\/other\/infra\/blob\/main\/catalog-info\.yaml\).*terraform_context\.cluster_name/,
    );
    // asked with the task initiator's credentials
    const credentials = await ctx.getInitiatorCredentials();
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/platform-cluster',
      credentials,
    );
  });

  it('an existing Component of the same name fails the task too', async () => {
    const catalog = fakeCatalog(['component:default/payments']);
    const action = createPlatformGenerateAction({ engine, catalog });
    await expect(action.handler(context() as any)).rejects.toThrow(
      /The catalog already has component:default\/payments .*catalog\.name or helm_context\.chart_name/,
    );
  });

  it('free names: generated, after asking for every entity the repository registers', async () => {
    const catalog = fakeCatalog([]);
    const action = createPlatformGenerateAction({ engine, catalog });
    await action.handler(context() as any);
    expect(
      catalog.getEntityByRef.mock.calls.map(([ref]) => ref).sort(),
    ).toEqual([
      'component:default/payments',
      'resource:default/platform-cluster',
    ]);
  });
});
