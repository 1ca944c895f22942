/*
 * The portal's permission policy (replaces the allow-all policy):
 *
 * - scaffolder tasks: a user reads and cancels only the tasks they started
 *   (isTaskOwner), so no guest can list everybody's tasks and their inputs;
 * - iac.publish: only under an owner namespace the user belongs to (their
 *   own user name, the groups they are a member of) or one listed in
 *   `iac.permissions.publishOwners`; `'*'` there allows any owner (a
 *   single-user portal on this machine: the embedded default);
 * - iac.generate, iac.download, iac.upgrade: every signed-in user (calls
 *   without a user only reach the IaC API with iac.allowUnauthenticated);
 * - everything else: allowed, as before. Write your own rules here.
 *
 * docs/permissions.md explains each permission and shows stricter variants.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { iacPublishPermission } from '@iacforge/plugin-iac-common';
import {
  createIacRepositoryConditionalDecision,
  iacRepositoryConditions,
} from '@iacforge/plugin-scaffolder-backend-module-iac';

export type IacForgePolicyOptions = {
  /** Owner namespaces anyone may publish under; '*' = any. */
  publishOwners: string[];
};

/** The names a user may publish under: their own and their groups'. */
function ownNamespaces(user: PolicyQueryUser): string[] {
  const refs = [
    user.info.userEntityRef,
    ...(user.info.ownershipEntityRefs ?? []),
  ];
  // kind:namespace/name -> name
  const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
  return [...new Set(refs.map(nameOf))];
}

export class IacForgePermissionPolicy implements PermissionPolicy {
  constructor(private readonly options: IacForgePolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isPermission(permission, taskReadPermission) ||
      isPermission(permission, taskCancelPermission)
    ) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    if (isPermission(permission, iacPublishPermission)) {
      if (this.options.publishOwners.includes('*')) {
        return { result: AuthorizeResult.ALLOW };
      }
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      return createIacRepositoryConditionalDecision(
        permission,
        iacRepositoryConditions.isInOwnerNamespace({
          owners: [...ownNamespaces(user), ...this.options.publishOwners],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link IacForgePermissionPolicy} as the portal's policy. */
export const iacForgePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'iacforge-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new IacForgePermissionPolicy({
            publishOwners:
              config.getOptionalStringArray('iac.permissions.publishOwners') ??
              [],
          }),
        );
      },
    });
  },
});
