import type { Cloud } from '../catalog';

/**
 * What each of the two OIDC identities of a generated repository needs for
 * one Terraform resource type (or data source): the **plan** identity
 * (pull request plans, drift detection: read-only plus what `terraform
 * plan` itself needs) and the **apply** identity (the protected
 * environment). A grant is an IAM action on AWS, a built-in role name on
 * Azure and a predefined role id on GCP. Empty lists: nothing beyond the
 * provider's own authentication.
 */
export interface IdentityGrants {
  plan: readonly string[];
  apply: readonly string[];
  /** Why, when the grant is not obvious from the resource type. */
  note?: string;
}

/** The table of one cloud. */
export interface CloudIdentityTable {
  cloud: Cloud;
  /** What the strings of `plan` / `apply` are. */
  grant: 'iam-action' | 'azure-role' | 'gcp-role';
  /** The state backend (both identities lock and read the state; apply writes it). */
  state: IdentityGrants;
  /**
   * By Terraform type: `aws_vpc` for a resource, `data.aws_availability_zones`
   * for a data source.
   */
  types: Readonly<Record<string, IdentityGrants>>;
}

/** The roles of the two identities of a cloud, sorted, without duplicates. */
export interface IdentityRoles {
  cloud: Cloud;
  grant: CloudIdentityTable['grant'];
  plan: string[];
  apply: string[];
  /** On the state backend only (bucket / storage account), both identities. */
  state: IdentityGrants;
  /** Per type: the grants, for the guide's table. */
  rows: { type: string; plan: string[]; apply: string[]; note?: string }[];
}
