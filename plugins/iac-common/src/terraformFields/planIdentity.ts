/*
 * terraform_context.plan_identity: the plan identity of the repository's
 * workflows as the cluster sees it. `terraform plan` refreshes the add-ons'
 * helm_release resources, which reads the Helm release Secrets
 * (sh.helm.release.v1.*) of every release namespace; the add-ons module
 * grants this identity exactly get/list on Secrets there (a Role and a
 * RoleBinding per release namespace) and nothing else in the cluster.
 */
import { Cloud } from '../catalog';
import { guid, safeString } from '../fields';

const WHY =
  'Used with addons_context.enabled: the add-ons grant it get/list on Secrets in each Helm release namespace (a Role + RoleBinding per namespace), so plans after the first apply can read the releases. Unset: no grant, plans after the first apply fail with "secrets is forbidden" until it is set (terraform/addons.auto.tfvars.json).';

/** How the plan identity appears in the cluster, per cloud (for docs and messages). */
export const PLAN_IDENTITY_SUBJECT: Readonly<Record<Cloud, string>> = {
  aws: 'an EKS access entry for the role, Kubernetes group "iacforge:terraform-plan"',
  azure: 'Kubernetes user = the Entra object id (AKS with Entra ID)',
  gcp: 'Kubernetes user = the Google service account email (GKE)',
};

export function planIdentityField(cloud: Cloud) {
  if (cloud === 'aws') {
    return safeString({
      min: 1,
      max: 2048,
      pattern: /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/,
      allowed:
        'an IAM role ARN such as "arn:aws:iam::123456789012:role/github-terraform-plan"',
    })
      .optional()
      .describe(
        `ARN of the plan role (bootstrap output plan_role_arn). ${WHY}`,
      );
  }
  if (cloud === 'azure') {
    return guid()
      .optional()
      .describe(
        `Entra object id (principal id) of the plan identity (bootstrap output plan_principal_id). ${WHY}`,
      );
  }
  return safeString({
    min: 1,
    max: 254,
    pattern:
      /^[a-z]([a-z0-9-]{4,28}[a-z0-9])?@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/,
    allowed:
      'a service account email such as "terraform-plan@my-project.iam.gserviceaccount.com"',
  })
    .optional()
    .describe(
      `Email of the plan service account (bootstrap output plan_service_account). ${WHY}`,
    );
}
