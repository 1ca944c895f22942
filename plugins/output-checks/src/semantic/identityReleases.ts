/*
 * identity, inside the cluster: `terraform plan` refreshes every
 * helm_release, reading the Helm release Secrets of its namespace, so a
 * module with Helm releases grants the plan identity get/list on Secrets in
 * every release namespace: a `plan_access` release (Role + RoleBinding per
 * namespace) whose namespaces come from the module's release lists
 * (`release_list` / `cloud_releases` locals). A release missing from those
 * lists lives in a namespace the plan identity may not be able to read.
 */
import type { FileMap } from '../files';
import type { Finding } from '../types';

const PLAN_ACCESS = 'plan_access';

const dirOf = (file: string) =>
  file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';

export function releaseSecretFindings(files: FileMap): Finding[] {
  const dirs = new Map<string, [string, string][]>();
  for (const [file, text] of files) {
    if (!file.endsWith('.tf') || /(?:^|\/)bootstrap\//.test(file)) continue;
    dirs.set(dirOf(file), [...(dirs.get(dirOf(file)) ?? []), [file, text]]);
  }
  const findings: Finding[] = [];
  const add = (file: string, message: string) =>
    findings.push({ check: 'identity', severity: 'error', file, message });
  for (const tfFiles of dirs.values()) {
    const releases: [string, string][] = [];
    let listed = '';
    for (const [file, text] of tfFiles) {
      for (const m of text.matchAll(/^resource "helm_release" "([^"]+)"/gm)) {
        releases.push([m[1], file]);
      }
      for (const m of text.matchAll(
        /^\s*(?:release_list|cloud_releases)\s*=\s*(?:concat\(([^)]*)\)|\[\])/gm,
      )) {
        listed += m[1] ?? '';
      }
    }
    const others = releases.filter(([name]) => name !== PLAN_ACCESS);
    if (!others.length) continue;
    if (!releases.some(([name]) => name === PLAN_ACCESS)) {
      add(
        others[0][1],
        `helm_release resources without a helm_release.${PLAN_ACCESS}: plans after the first apply cannot read the Helm release Secrets (sh.helm.release.v1.*) and fail with "secrets is forbidden"; grant the plan identity get/list on Secrets in every release namespace`,
      );
      continue;
    }
    for (const [name, file] of others) {
      if (!new RegExp(`\\bhelm_release\\.${name}\\b`).test(listed)) {
        add(
          file,
          `helm_release.${name} is in no release list (local.release_list / local.cloud_releases): helm_release.${PLAN_ACCESS} does not grant the plan identity its namespace, so plans cannot read its release Secrets`,
        );
      }
    }
  }
  return findings;
}
