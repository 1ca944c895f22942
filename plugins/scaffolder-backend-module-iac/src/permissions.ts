/*
 * IaC Forge permissions in the scaffolder actions: iac.generate for the
 * generate actions, iac.publish (conditional on the owner namespace) for
 * iac:publish:local. The decision is asked for the task's initiator.
 */
import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  IAC_REPOSITORY_RESOURCE_TYPE,
  iacPublishPermission,
  IacRepositoryResource,
  parseIacRepositoryRef,
  permissionDeniedMessage,
} from '@iacforge/plugin-iac-common';
import { z } from 'zod';

/** The query form of the rules (unused: repositories are not listed). */
type IacRepositoryQuery = { owners: string[] };

/** `iac-repository` resources belong to the scaffolder plugin. */
export const iacRepositoryResourceRef = createPermissionResourceRef<
  IacRepositoryResource,
  IacRepositoryQuery
>().with({
  pluginId: 'scaffolder',
  resourceType: IAC_REPOSITORY_RESOURCE_TYPE,
});

/** Rules of the `iac-repository` resource type. */
const isInOwnerNamespace = createPermissionRule({
  name: 'IS_IN_OWNER_NAMESPACE',
  description:
    'Allow repositories whose owner namespace (organisation, user or group) is one of the given names (case-insensitive)',
  resourceRef: iacRepositoryResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Owner namespaces allowed'),
  }),
  apply: (resource, { owners }) =>
    owners.some(o => o.toLowerCase() === resource.owner.toLowerCase()),
  toQuery: ({ owners }) => ({ owners }),
});

/** The rules of `iac-repository`, for a policy's conditional decisions. */
export const iacRepositoryRules = { isInOwnerNamespace };

const conditionExports = createConditionExports({
  resourceRef: iacRepositoryResourceRef,
  rules: iacRepositoryRules,
});

/**
 * Conditions for `iac.publish` decisions in a permission policy, e.g.
 * `createIacRepositoryConditionalDecision(permission,
 * iacRepositoryConditions.isInOwnerNamespace({ owners: ['platform'] }))`.
 *
 * @public
 */
export const iacRepositoryConditions = conditionExports.conditions;

/** @public */
export const createIacRepositoryConditionalDecision =
  conditionExports.createConditionalDecision;

const isAuthorized = createConditionAuthorizer(
  Object.values(iacRepositoryRules),
);

/** Registers iac.publish and the iac-repository resource type. */
export function registerPublishPermission(
  registry: PermissionsRegistryService,
) {
  registry.addResourceType({
    resourceRef: iacRepositoryResourceRef,
    permissions: [iacPublishPermission],
    rules: Object.values(iacRepositoryRules),
    getResources: async refs => refs.map(parseIacRepositoryRef),
  });
}

/** Throws NotAllowedError unless the policy allows `permission`. */
export async function authorizeBasic(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(permissionDeniedMessage(permission.name));
  }
}

/**
 * Throws NotAllowedError unless the policy allows publishing `resource`:
 * ALLOW, or CONDITIONAL with conditions the repository meets.
 */
export async function authorizePublish(
  permissions: PermissionsService,
  resource: IacRepositoryResource,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: iacPublishPermission }],
    { credentials },
  );
  const allowed =
    decision.result === AuthorizeResult.ALLOW ||
    (decision.result === AuthorizeResult.CONDITIONAL &&
      isAuthorized(decision, resource));
  if (!allowed) {
    throw new NotAllowedError(
      permissionDeniedMessage(iacPublishPermission.name, resource),
    );
  }
}
