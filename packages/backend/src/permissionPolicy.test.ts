import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  iacDownloadPermission,
  iacPublishPermission,
} from '@iacforge/plugin-iac-common';
import { IacForgePermissionPolicy } from './permissionPolicy';

const user = {
  info: {
    userEntityRef: 'user:default/jane',
    ownershipEntityRefs: ['user:default/jane', 'group:default/payments-team'],
  },
  token: 'token',
  expiresInSeconds: 3600,
  identity: {
    type: 'user' as const,
    userEntityRef: 'user:default/jane',
    ownershipEntityRefs: ['user:default/jane', 'group:default/payments-team'],
  },
  credentials: {} as never,
};

describe('IacForgePermissionPolicy', () => {
  const policy = new IacForgePermissionPolicy({ publishOwners: ['shared'] });

  it('iac.publish: under the user, their groups and the configured namespaces', async () => {
    const decision = await policy.handle(
      { permission: iacPublishPermission },
      user as never,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'iac-repository',
      conditions: {
        rule: 'IS_IN_OWNER_NAMESPACE',
        resourceType: 'iac-repository',
        params: { owners: ['jane', 'payments-team', 'shared'] },
      },
    });
    expect(await policy.handle({ permission: iacPublishPermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
    const anyOwner = new IacForgePermissionPolicy({ publishOwners: ['*'] });
    expect(
      await anyOwner.handle(
        { permission: iacPublishPermission },
        user as never,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('scaffolder tasks: each user reads only their own', async () => {
    const decision = await policy.handle(
      { permission: taskReadPermission },
      user as never,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/jane'] },
      },
    });
  });

  it('allows the rest', async () => {
    for (const permission of [iacDownloadPermission, taskCreatePermission]) {
      expect(await policy.handle({ permission }, user as never)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});
