/*
 * The identity table: for every Terraform resource type (and data source)
 * the generated stacks use, what the plan and the apply identity need. One
 * source: the engine hands the roles to the templates (OIDC guide,
 * bootstrap/<cloud>/ Terraform), and the `identity` output check compares a
 * generated repository's Terraform and bootstrap with it.
 */
import type { Cloud } from '../catalog';
import { AWS_IDENTITY } from './aws';
import { AZURE_IDENTITY } from './azure';
import { GCP_IDENTITY } from './gcp';
import type { CloudIdentityTable, IdentityRoles } from './types';

export type {
  CloudIdentityTable,
  IdentityGrants,
  IdentityRoles,
} from './types';

export const IDENTITY_TABLES: Readonly<Record<Cloud, CloudIdentityTable>> = {
  aws: AWS_IDENTITY,
  azure: AZURE_IDENTITY,
  gcp: GCP_IDENTITY,
};

/** Where a generated repository keeps the grants its bootstrap applies. */
export const IDENTITY_PERMISSIONS_FILE = (cloud: Cloud) =>
  `bootstrap/${cloud}/permissions.json`;

/** The table key of a Terraform block: `aws_vpc`, `data.aws_partition`. */
export function identityKey(kind: 'resource' | 'data', type: string): string {
  return kind === 'data' ? `data.${type}` : type;
}

const unique = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * The roles of the two identities of a cloud: the union over the table
 * (and the state backend). The apply identity also plans, so it holds the
 * plan grants too.
 */
export function identityRoles(cloud: Cloud): IdentityRoles {
  const table = IDENTITY_TABLES[cloud];
  const entries = Object.entries(table.types).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  const plan = unique(entries.flatMap(([, g]) => g.plan));
  const apply = unique([...entries.flatMap(([, g]) => g.apply), ...plan]);
  return {
    cloud,
    grant: table.grant,
    plan,
    apply,
    state: table.state,
    rows: [
      ...entries.map(([type, g]) => ({
        type,
        plan: [...g.plan],
        apply: [...g.apply],
        ...(g.note && { note: g.note }),
      })),
    ],
  };
}
