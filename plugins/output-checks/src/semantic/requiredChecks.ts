/*
 * required-checks: every status check the repository's branch protection
 * requires (`.github/governance.json`) is reported by a job of the
 * repository's own workflows that runs on every pull request into the
 * protected branch. Otherwise GitHub waits for it forever (the workflow never
 * started) or counts a skipped job as passed.
 */
import {
  GOVERNANCE_SETTINGS_FILE,
  parseGovernanceSettings,
  requiredStatusChecks,
} from '@iacforge/plugin-iac-common';
import { isWorkflowFile } from '../files';
import type { Finding } from '../types';
import type { SemanticRule } from './types';
import { ProducedCheck, producedChecks } from './workflowChecks';

function finding(message: string): Finding {
  return {
    check: 'required-checks',
    severity: 'error',
    file: GOVERNANCE_SETTINGS_FILE,
    message,
  };
}

export const requiredChecksRule: SemanticRule = {
  check: 'required-checks',
  description:
    'Every required status check is reported by a workflow job that runs on every pull request.',
  run({ files }) {
    const source = files.get(GOVERNANCE_SETTINGS_FILE);
    if (source === undefined) return [];
    const parsed = parseGovernanceSettings(source);
    if (!parsed.ok) return [finding(parsed.message)];
    const branch = parsed.value.default_branch;
    const produced: ProducedCheck[] = [];
    for (const [file, text] of [...files].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      if (isWorkflowFile(file) && file.startsWith('.github/workflows/')) {
        produced.push(...producedChecks(file, text, branch));
      }
    }
    const findings: Finding[] = [];
    for (const required of requiredStatusChecks(parsed.value)) {
      const jobs = produced.filter(p => p.name === required);
      if (jobs.some(j => j.skippedWhen.length === 0)) continue;
      if (!jobs.length) {
        findings.push(
          finding(
            `required check "${required}" is not reported by any job of .github/workflows on pull requests into ${branch}: the pull request waits for it forever`,
          ),
        );
        continue;
      }
      for (const job of jobs) {
        findings.push(
          finding(
            `required check "${required}" (job ${job.job} of ${
              job.workflow
            }) can be skipped on a pull request into ${branch}: ${job.skippedWhen.join(
              '; ',
            )}`,
          ),
        );
      }
    }
    return findings;
  },
};
