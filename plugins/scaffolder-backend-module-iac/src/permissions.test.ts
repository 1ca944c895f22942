/*
 * IaC Forge permissions in the scaffolder actions: iac.generate before
 * anything is rendered or written, iac.publish (conditional on the owner
 * namespace) before a repository is created. A denial fails the step with
 * a message naming the permission and, for publishing, the owner.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { iacPublishPermission } from '@iacforge/plugin-iac-common';
import { IacEngine } from '@iacforge/plugin-iac-node';
import { createPlatformGenerateAction } from './actions/platformGenerate';
import { createPublishLocalAction } from './actions/publishLocal';
import {
  createIacRepositoryConditionalDecision,
  iacRepositoryConditions,
} from './permissions';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

const ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);

/** Permissions answering every conditional request with `decision`. */
function permissionsAnswering(decision: PolicyDecision) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result:
          decision.result === AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    authorizeConditional: async requests =>
      requests.map(() => decision) as never,
  });
}

/** What a policy answers for "publish under your groups only". */
const onlyUnder = (owners: string[]) =>
  createIacRepositoryConditionalDecision(
    iacPublishPermission,
    iacRepositoryConditions.isInOwnerNamespace({ owners }),
  );

function publishContext(owner: string, repo: string) {
  const workspacePath = tmp('iacforge-ws-');
  fs.writeFileSync(path.join(workspacePath, 'README.md'), '# hello\n');
  return createMockActionContext({
    input: { repoUrl: `localhost?owner=${owner}&repo=${repo}` },
    workspacePath,
  });
}

describe('iac.publish in iac:publish:local', () => {
  const directory = tmp('iacforge-git-');
  const action = (decision: PolicyDecision) =>
    createPublishLocalAction({
      directory,
      baseUrl: 'http://localhost:7007/api/iac/git',
      permissions: permissionsAnswering(decision),
    });

  it('publishes under an owner the policy allows (conditional decision)', async () => {
    const ctx = publishContext('Platform-Team', 'orders');
    await action(onlyUnder(['platform-team', 'guest'])).handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'http://localhost:7007/api/iac/git/Platform-Team/orders.git',
    );
  });

  it('refuses another owner namespace: 403-style error, no repository', async () => {
    const ctx = publishContext('payments-team', 'ledger');
    const run = action(onlyUnder(['platform-team'])).handler(ctx as any);
    await expect(run).rejects.toThrow(
      'You are not allowed to publish a repository under the owner "payments-team" (localhost/payments-team/ledger): the permission policy denied iac.publish.',
    );
    await expect(run).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(fs.existsSync(path.join(directory, 'payments-team'))).toBe(false);
  });

  it('a DENY policy refuses every owner; ALLOW allows any', async () => {
    await expect(
      action({ result: AuthorizeResult.DENY }).handler(
        publishContext('platform-team', 'denied') as any,
      ),
    ).rejects.toThrow(/denied iac\.publish/);
    const ctx = publishContext('anyone', 'allowed');
    await action({ result: AuthorizeResult.ALLOW }).handler(ctx as any);
    expect(fs.existsSync(path.join(directory, 'anyone/allowed.git/HEAD'))).toBe(
      true,
    );
  });

  it('refuses to publish an empty workspace (a task recovered without its files)', async () => {
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=platform-team&repo=empty' },
      workspacePath: tmp('iacforge-ws-'),
    });
    await expect(
      action({ result: AuthorizeResult.ALLOW }).handler(ctx as any),
    ).rejects.toThrow(/^Nothing to publish: the workspace folder is empty\./);
    expect(fs.existsSync(path.join(directory, 'platform-team/empty.git'))).toBe(
      false,
    );
  });
});

describe('iac.generate in the generate actions', () => {
  const engine = IacEngine.fromRoots([ROOT]);
  const input = {
    cloud: 'aws',
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
  };

  it('DENY: fails before writing anything', async () => {
    const workspacePath = tmp('iacforge-ws-');
    const ctx = createMockActionContext({ input, workspacePath });
    const action = createPlatformGenerateAction({
      engine,
      permissions: permissionsAnswering({ result: AuthorizeResult.DENY }),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      "You are not allowed to generate infrastructure files (with output checks): the permission policy denied iac.generate. Ask the portal's administrators for access.",
    );
    expect(fs.readdirSync(workspacePath)).toEqual([]);
  });

  it('ALLOW: generates as before', async () => {
    const workspacePath = tmp('iacforge-ws-');
    const ctx = createMockActionContext({ input, workspacePath });
    const action = createPlatformGenerateAction({
      engine,
      permissions: permissionsAnswering({ result: AuthorizeResult.ALLOW }),
    });
    await action.handler(ctx as any);
    expect(
      fs.existsSync(path.join(workspacePath, 'charts/payments/Chart.yaml')),
    ).toBe(true);
  });
});
