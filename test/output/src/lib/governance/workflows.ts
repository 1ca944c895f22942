/*
 * GitHub Actions checks of the governance / GitOps matrix that actionlint
 * does not make: pinning, permissions, untrusted input in scripts, OIDC
 * actions, timeouts, checkout credentials.
 */
import YAML from 'yaml';

/**
 * Actions the generated workflows may use, with the commit of the release
 * they are pinned to. Each SHA is the commit of the release tag in the
 * action's repository (`git rev-parse <tag>^{commit}` in a fetched mirror;
 * see docs/governance.md, "Pinned actions").
 */
export const PINNED_ACTIONS: Record<string, { sha: string; version: string }> =
  {
    'actions/checkout': {
      sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
      version: 'v7.0.1',
    },
    'actions/upload-artifact': {
      sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f',
      version: 'v7.0.0',
    },
    'actions/download-artifact': {
      sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
      version: 'v8.0.1',
    },
    'actions/github-script': {
      sha: 'ed597411d8f924073f98dfc5c65a23a2325f34cd',
      version: 'v8.0.0',
    },
    'hashicorp/setup-terraform': {
      sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e',
      version: 'v4.0.1',
    },
    'terraform-linters/setup-tflint': {
      sha: '6e1e0642c0289bd619021bf6b34e3c08ed1e005a',
      version: 'v6.3.0',
    },
    'aws-actions/configure-aws-credentials': {
      sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c',
      version: 'v6.2.3',
    },
    'azure/login': {
      sha: 'f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca',
      version: 'v3.0.1',
    },
    'google-github-actions/auth': {
      sha: '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093',
      version: 'v3.0.0',
    },
    'azure/setup-helm': {
      sha: '9bc31f4ebc9c6b171d7bfbaa5d006ae7abdb4310',
      version: 'v5.0.1',
    },
    'peter-evans/create-pull-request': {
      sha: '5f6978faf089d4d20b00c7766989d076bb2fc7f1',
      version: 'v8.1.1',
    },
    'opentofu/setup-opentofu': {
      sha: 'a1320f892987e89d278cc92dc5adc984fb93aca4',
      version: 'v2.0.2',
    },
    'google-github-actions/get-gke-credentials': {
      sha: '3da1e46a907576cefaa90c484278bb5b259dd395',
      version: 'v3.0.0',
    },
    // released as "v1.3" (no patch number)
    'azure/use-kubelogin': {
      sha: '0ce7c36141aa27d4934872cf00b0120804c98a29',
      version: 'v1.3',
    },
  };

/** OIDC login action per cloud (no long-lived keys). */
export const OIDC_ACTIONS: Record<string, string> = {
  aws: 'aws-actions/configure-aws-credentials',
  azure: 'azure/login',
  gcp: 'google-github-actions/auth',
};

export type Step = Record<string, any>;
export type Job = Record<string, any> & { steps?: Step[] };
export type Workflow = Record<string, any> & { jobs: Record<string, Job> };

export function isWorkflowPath(file: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(file);
}

export function parseWorkflow(source: string): Workflow {
  return YAML.parse(source) as Workflow;
}

/** Problems of one workflow against the house rules (OUTPUT-QUALITY 19–24). */
export function workflowProblems(file: string, source: string): string[] {
  const problems: string[] = [];
  const wf = parseWorkflow(source);
  const lines = source.split('\n');

  // 19: every `uses:` pinned to a known 40-char SHA with its version comment
  lines.forEach((line, i) => {
    const m =
      /^\s*(?:-\s+)?uses:\s*(\S+?)(?:@(\S+))?(?:\s+#\s*(\S+))?\s*$/.exec(line);
    if (!m) return;
    const [, action, ref, comment] = m;
    const where = `${file}:${i + 1}`;
    if (!ref || !/^[0-9a-f]{40}$/.test(ref)) {
      problems.push(
        `${where}: ${action} is not pinned to a 40-character commit SHA`,
      );
      return;
    }
    if (!comment || !/^v\d+\.\d+(\.\d+)?$/.test(comment)) {
      problems.push(
        `${where}: ${action}@${ref} has no "# vX.Y.Z" release comment`,
      );
    }
    const known = PINNED_ACTIONS[action.toLowerCase()];
    if (!known) {
      problems.push(
        `${where}: ${action} is not in the list of reviewed actions (PINNED_ACTIONS)`,
      );
    } else if (known.sha !== ref || known.version !== comment) {
      problems.push(
        `${where}: ${action} must be pinned to ${known.sha} # ${known.version}`,
      );
    }
  });

  // no pull_request_target (untrusted code with a write token)
  const on = wf.on ?? wf[true as unknown as string];
  let triggers: string[] = Object.keys(on ?? {});
  if (typeof on === 'string') triggers = [on];
  if (Array.isArray(on)) triggers = on;
  if (triggers.includes('pull_request_target')) {
    problems.push(`${file}: uses pull_request_target`);
  }

  // 20: restrictive top level, explicit least privilege per job
  const top = wf.permissions;
  const topRestrictive =
    top !== undefined &&
    ((typeof top === 'object' && Object.keys(top).length === 0) ||
      (typeof top === 'object' &&
        Object.entries(top).every(
          ([k, v]) => k === 'contents' && v === 'read',
        )));
  if (!topRestrictive) {
    problems.push(
      `${file}: top-level permissions must be {} or contents: read`,
    );
  }

  for (const [id, job] of Object.entries(wf.jobs ?? {})) {
    const where = `${file}: job ${id}`;
    if (job.permissions === undefined || typeof job.permissions !== 'object') {
      problems.push(`${where}: no explicit permissions`);
    } else {
      for (const [scope, level] of Object.entries(job.permissions)) {
        if (
          level === 'write' &&
          !['id-token', 'pull-requests', 'issues', 'contents'].includes(scope)
        ) {
          problems.push(`${where}: unexpected write permission ${scope}`);
        }
      }
    }
    if (typeof job['timeout-minutes'] !== 'number') {
      problems.push(`${where}: no timeout-minutes`);
    }
    const steps = job.steps ?? [];
    const usesOidc = steps.some(s =>
      Object.values(OIDC_ACTIONS).includes(
        String(s.uses ?? '')
          .split('@')[0]
          .toLowerCase(),
      ),
    );
    if (usesOidc && job.permissions?.['id-token'] !== 'write') {
      problems.push(`${where}: cloud login without id-token: write`);
    }
    if (!usesOidc && job.permissions?.['id-token'] === 'write') {
      problems.push(`${where}: id-token: write without a cloud login`);
    }
    for (const [i, step] of steps.entries()) {
      const stepWhere = `${where} step ${i + 1} (${
        step.name ?? step.uses ?? 'run'
      })`;
      const uses = String(step.uses ?? '')
        .split('@')[0]
        .toLowerCase();
      if (
        uses === 'actions/checkout' &&
        step.with?.['persist-credentials'] !== false
      ) {
        problems.push(
          `${stepWhere}: checkout without persist-credentials: false`,
        );
      }
      // 21: no expression at all in scripts: every value reaches them via env
      if (typeof step.run === 'string' && step.run.includes('${{')) {
        problems.push(
          `${stepWhere}: "\${{" inside run: (pass values through env:)`,
        );
      }
      if (
        typeof step.with?.script === 'string' &&
        step.with.script.includes('${{')
      ) {
        problems.push(
          `${stepWhere}: "\${{" inside a github-script script (pass values through env:)`,
        );
      }
      // 22: OIDC only, never stored keys
      for (const key of [
        'aws-access-key-id',
        'aws-secret-access-key',
        'creds',
        'credentials_json',
        'client-secret',
      ]) {
        if (step.with?.[key] !== undefined) {
          problems.push(`${stepWhere}: long-lived credential input "${key}"`);
        }
      }
      if (
        uses === 'aws-actions/configure-aws-credentials' &&
        !step.with?.['role-to-assume']
      ) {
        problems.push(`${stepWhere}: AWS login without role-to-assume`);
      }
      if (
        uses === 'azure/login' &&
        !['client-id', 'tenant-id', 'subscription-id'].every(
          k => step.with?.[k],
        )
      ) {
        problems.push(
          `${stepWhere}: Azure login without client-id / tenant-id / subscription-id`,
        );
      }
      if (
        uses === 'google-github-actions/auth' &&
        !step.with?.workload_identity_provider
      ) {
        problems.push(
          `${stepWhere}: Google login without workload_identity_provider`,
        );
      }
      // 23: pinned Terraform / OpenTofu, no wrapper where exit codes are read
      if (uses === 'opentofu/setup-opentofu') {
        if (!/^\d+\.\d+\.\d+$/.test(String(step.with?.tofu_version ?? ''))) {
          problems.push(
            `${stepWhere}: setup-opentofu without a pinned tofu_version`,
          );
        }
        if (step.with?.tofu_wrapper !== false) {
          problems.push(
            `${stepWhere}: setup-opentofu with the wrapper (hides -detailed-exitcode)`,
          );
        }
      }
      if (uses === 'hashicorp/setup-terraform') {
        if (
          !/^\d+\.\d+\.\d+$/.test(String(step.with?.terraform_version ?? ''))
        ) {
          problems.push(
            `${stepWhere}: setup-terraform without a pinned terraform_version`,
          );
        }
        if (step.with?.terraform_wrapper !== false) {
          problems.push(
            `${stepWhere}: setup-terraform with the wrapper (hides -detailed-exitcode)`,
          );
        }
      }
    }
  }
  return problems;
}

/** Every `run:` script of a workflow, with where it comes from. */
export function runScripts(
  file: string,
  source: string,
): { where: string; script: string; shell: string }[] {
  const wf = parseWorkflow(source);
  const out: { where: string; script: string; shell: string }[] = [];
  const defaultShell = wf.defaults?.run?.shell ?? 'bash';
  for (const [id, job] of Object.entries(wf.jobs ?? {})) {
    for (const [i, step] of (job.steps ?? []).entries()) {
      if (typeof step.run === 'string') {
        out.push({
          where: `${file}: job ${id} step ${i + 1} (${step.name ?? 'run'})`,
          script: step.run,
          shell: step.shell ?? job.defaults?.run?.shell ?? defaultShell,
        });
      }
    }
  }
  return out;
}
