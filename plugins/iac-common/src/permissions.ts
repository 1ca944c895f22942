/*
 * IaC Forge permissions in the Backstage permission framework. The backend
 * routes and the scaffolder actions ask for them; a portal's permission
 * policy decides (docs/permissions.md has an example policy).
 *
 *   iac.generate  render with output checks (preview ?checks=true) and run
 *                 the generate actions of a Template
 *   iac.download  download the generated files as a ZIP
 *   iac.upgrade   upgrade a generated repository to newer template trees
 *   iac.publish   publish a generated repository under an owner namespace;
 *                 a resource permission on `iac-repository` resources
 *                 (`<host>/<owner>/<repo>`), so a policy can answer
 *                 conditionally: "only under these owners"
 */
import {
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type of a repository a Template publishes. */
export const IAC_REPOSITORY_RESOURCE_TYPE = 'iac-repository';

/** A repository a Template publishes, as the `iac.publish` rules see it. */
export type IacRepositoryResource = {
  /** e.g. github.com, localhost */
  host: string;
  /** the owner namespace: organisation, user or group */
  owner: string;
  repo: string;
};

/** The resource reference of a repository: `<host>/<owner>/<repo>`. */
export function iacRepositoryRef(resource: IacRepositoryResource): string {
  return `${resource.host}/${resource.owner}/${resource.repo}`;
}

/** Parses `<host>/<owner>/<repo>`; undefined for anything else. */
export function parseIacRepositoryRef(
  ref: string,
): IacRepositoryResource | undefined {
  const parts = ref.split('/');
  if (parts.length !== 3 || parts.some(p => !p)) {
    return undefined;
  }
  const [host, owner, repo] = parts;
  return { host, owner, repo };
}

/** Render with output checks and run a Template's generate actions. */
export const iacGeneratePermission = createPermission({
  name: 'iac.generate',
  attributes: { action: 'create' },
});

/** Download the generated files as a ZIP. */
export const iacDownloadPermission = createPermission({
  name: 'iac.download',
  attributes: { action: 'read' },
});

/** Upgrade a generated repository to newer template trees. */
export const iacUpgradePermission = createPermission({
  name: 'iac.upgrade',
  attributes: { action: 'update' },
});

/** Publish a generated repository under an owner namespace. */
export const iacPublishPermission: ResourcePermission<
  typeof IAC_REPOSITORY_RESOURCE_TYPE
> = createPermission({
  name: 'iac.publish',
  attributes: { action: 'create' },
  resourceType: IAC_REPOSITORY_RESOURCE_TYPE,
});

/** Every IaC Forge permission (for the permissions registry). */
export const iacPermissions = [
  iacGeneratePermission,
  iacDownloadPermission,
  iacUpgradePermission,
  iacPublishPermission,
];

/** What a denied permission stops, for a 403 message a person can act on. */
const DENIED_WHAT: Record<string, string> = {
  'iac.generate': 'generate infrastructure files (with output checks)',
  'iac.download': 'download generated files',
  'iac.upgrade': 'upgrade generated repositories',
  'iac.publish': 'publish a repository',
};

/**
 * The message of a denied IaC Forge permission: what was refused, the
 * permission's name (for the policy's owner) and, for publishing, where.
 */
export function permissionDeniedMessage(
  permissionName: string,
  resource?: IacRepositoryResource,
): string {
  const what = DENIED_WHAT[permissionName] ?? permissionName;
  const where = resource
    ? ` under the owner "${resource.owner}" (${iacRepositoryRef(resource)})`
    : '';
  return `You are not allowed to ${what}${where}: the permission policy denied ${permissionName}. Ask the portal's administrators for access.`;
}
