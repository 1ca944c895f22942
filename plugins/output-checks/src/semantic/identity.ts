/*
 * identity: the bootstrap of a generated repository (bootstrap/<cloud>/)
 * grants its plan and apply identities everything IaC Forge's identity
 * table lists for the resource types and data sources of terraform/, and
 * every such type has an entry in the table (a new type without one fails:
 * nobody has decided what it needs, so the first apply would return 403);
 * and, inside the cluster, the plan identity may read the Helm release
 * Secrets of every release (identityReleases.ts).
 */
import {
  CLOUDS,
  IDENTITY_PERMISSIONS_FILE,
  IDENTITY_TABLES,
  identityKey,
} from '@iacforge/plugin-iac-common';
import type { Finding } from '../types';
import { isPlainObject } from '../util';
import { releaseSecretFindings } from './identityReleases';
import type { SemanticRule } from './types';

type Permissions = {
  plan: string[];
  apply: string[];
  state: { plan: string[]; apply: string[] };
};

function readPermissions(text: string): Permissions | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const list = (v: unknown) =>
    Array.isArray(v) && v.every(x => typeof x === 'string');
  if (
    !isPlainObject(raw) ||
    !list(raw.plan) ||
    !list(raw.apply) ||
    !isPlainObject(raw.state) ||
    !list(raw.state.plan) ||
    !list(raw.state.apply)
  ) {
    return 'must hold plan, apply, state.plan and state.apply lists of grants';
  }
  return raw as unknown as Permissions;
}

/** Every `resource` / `data` type of the Terraform outside bootstrap/, with the first file using it. */
export function terraformTypes(
  hcl: Map<string, unknown>,
): Map<string, { kind: 'resource' | 'data'; type: string; file: string }> {
  const types = new Map<
    string,
    { kind: 'resource' | 'data'; type: string; file: string }
  >();
  for (const [file, doc] of [...hcl].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!file.endsWith('.tf') || /(?:^|\/)bootstrap\//.test(file)) continue;
    if (!isPlainObject(doc)) continue;
    for (const kind of ['resource', 'data'] as const) {
      const blocks = doc[kind];
      if (!isPlainObject(blocks)) continue;
      for (const type of Object.keys(blocks)) {
        const key = identityKey(kind, type);
        if (!types.has(key)) types.set(key, { kind, type, file });
      }
    }
  }
  return types;
}

export const identityRule: SemanticRule = {
  check: 'identity',
  description:
    'The bootstrap identities hold every grant the identity table lists for the Terraform types of the repository, and the plan identity may read the Helm release Secrets of every release.',
  run({ files, hcl }) {
    const findings: Finding[] = releaseSecretFindings(files);
    if (!hcl) return findings;
    for (const cloud of CLOUDS) {
      const file = IDENTITY_PERMISSIONS_FILE(cloud);
      const text = files.get(file);
      if (text === undefined) continue;
      const add = (where: string, message: string) =>
        findings.push({
          check: 'identity',
          severity: 'error',
          file: where,
          message,
        });
      const permissions = readPermissions(text);
      if (typeof permissions === 'string') {
        add(file, permissions);
        continue;
      }
      const main = files.get(file.replace(/permissions\.json$/, 'main.tf'));
      if (!main?.includes('permissions.json')) {
        add(file, `bootstrap/${cloud}/main.tf does not read permissions.json`);
      }
      const table = IDENTITY_TABLES[cloud];
      const missing = (held: string[], wanted: readonly string[]) =>
        wanted.filter(g => !held.includes(g));
      for (const [identity, held, wanted] of [
        ['plan', permissions.state.plan, table.state.plan],
        ['apply', permissions.state.apply, table.state.apply],
      ] as const) {
        const lacking = missing(held, wanted);
        if (lacking.length) {
          add(
            file,
            `the ${identity} identity lacks on the state backend: ${lacking.join(
              ', ',
            )}`,
          );
        }
      }
      for (const [key, use] of terraformTypes(hcl)) {
        const entry = table.types[key];
        if (!entry) {
          add(
            use.file,
            `${use.kind} type ${use.type} has no entry in the ${cloud} identity table (plugins/iac-common/src/identity/${cloud}.ts): add what the plan and apply identities need for it`,
          );
          continue;
        }
        const plan = missing(permissions.plan, entry.plan);
        const apply = missing(permissions.apply, [
          ...entry.plan,
          ...entry.apply,
        ]);
        if (plan.length) {
          add(
            file,
            `the plan identity lacks for ${key} (${use.file}): ${plan.join(
              ', ',
            )}`,
          );
        }
        if (apply.length) {
          add(
            file,
            `the apply identity lacks for ${key} (${use.file}): ${apply.join(
              ', ',
            )}`,
          );
        }
      }
    }
    return findings;
  },
};
