/*
 * Governance / GitOps output matrix: every case of lib/governance/payloads
 * (cloud × existing_cluster × enable_native_checks × GitOps, plus every
 * governance, GitOps and reconciliation toggle) rendered by the real engine
 * and checked: actionlint on every workflow (checkFiles), the house rules of
 * OUTPUT-QUALITY 18–25, shellcheck, YAML / JSON / HCL parse
 * and CRD schemas of every other file, and the expected file set.
 */
import {
  checkFiles,
  formatFindings,
  runSemanticRules,
  SEMANTIC_RULES,
} from '@iacforge/output-checks';
import { renderOwn } from './lib/governance/engine';
import { lintWorkflows } from './lib/governance/lint';
import { basePayload, Case, matrix } from './lib/governance/payloads';
import { shellcheck } from './lib/governance/shellcheck';
import {
  isWorkflowPath,
  OIDC_ACTIONS,
  parseWorkflow,
  runScripts,
  workflowProblems,
} from './lib/governance/workflows';
import { extraSchemas } from './lib/gitops/schemas';

jest.setTimeout(600_000);

const cases = matrix();
const rendered = new Map<string, Map<string, string>>();
function files(c: Case): Map<string, string> {
  let out = rendered.get(c.name);
  if (!out) {
    out = renderOwn(c.payload);
    rendered.set(c.name, out);
  }
  return out;
}

function workflowsOf(all: Map<string, string>): Map<string, string> {
  return new Map([...all].filter(([p]) => isWorkflowPath(p)));
}

describe('governance / GitOps matrix', () => {
  it(`has ${cases.length} cases over 3 clouds`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map(c => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: actionlint finds nothing',
    async (_, c) => {
      const results = await lintWorkflows(workflowsOf(files(c)));
      expect(formatFindings([...results.values()].flat())).toBe('');
      expect(results.size).toBeGreaterThan(0);
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: workflows follow the house rules',
    (_, c) => {
      const problems = [...workflowsOf(files(c))].flatMap(([p, s]) =>
        workflowProblems(p, s),
      );
      expect(problems).toEqual([]);
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: manifests, YAML, JSON and HCL are valid',
    async (_, c) => {
      const others = new Map([...files(c)].filter(([p]) => !isWorkflowPath(p)));
      const report = await checkFiles(others, { extraSchemas: extraSchemas() });
      // the semantic rules need the workflows too: they run on the whole
      // tree in their own test below
      const semantic = new Set(SEMANTIC_RULES.map(r => r.check));
      expect(
        formatFindings(report.findings.filter(f => !semantic.has(f.check))),
      ).toBe('');
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: the semantic rules find nothing (required checks report on every pull request)',
    (_, c) => {
      const all = files(c);
      const findings = runSemanticRules({
        files: all,
        manifests: [],
        chartsRendered: false,
      });
      expect(formatFindings(findings)).toBe('');
      const governance = c.payload.governance_context?.enabled !== false;
      expect(all.has('.github/governance.json')).toBe(governance);
    },
  );

  it.each(cases.map(c => [c.name, c] as const))(
    '%s: generates the files its toggles ask for',
    (_, c) => {
      const all = files(c);
      const p = c.payload;
      const gc = p.governance_context ?? {};
      const on = (v: unknown, dflt: boolean) =>
        v === undefined ? dflt : Boolean(v);
      const governance = on(gc.enabled, true);
      const terraform = governance && !p.existing_cluster;
      const has = (path: string) => all.has(path);

      expect(has('.github/workflows/helm-lint.yml')).toBe(governance);
      expect(has('.github/workflows/infra-plan.yml')).toBe(terraform);
      expect(has('.github/workflows/infra-apply.yml')).toBe(terraform);
      expect(has('.github/workflows/infra-drift-detection.yml')).toBe(
        terraform && on(gc.drift_detection_enabled, true),
      );
      expect(has('policies/terraform/deny.rego')).toBe(
        terraform && on(gc.policy_checks_enabled, true),
      );
      expect(has('.github/scripts/native-checks.sh')).toBe(
        terraform && Boolean(p.enable_native_checks),
      );
      expect(has('.github/dependabot.yml')).toBe(
        governance && on(gc.dependabot_enabled, true),
      );
      expect(has('.tflint.hcl')).toBe(terraform);
      for (const doc of [
        '.github/CODEOWNERS',
        '.github/pull_request_template.md',
        'docs/OIDC_SETUP.md',
        'docs/INFRA_GOVERNANCE_AND_ORCHESTRATION.md',
      ]) {
        expect(has(doc)).toBe(governance);
      }
      const gitops = Boolean(p.gitops_context?.enabled);
      expect(has('.github/workflows/promote.yml')).toBe(gitops);
      expect(has('gitops/apps/releases.yaml')).toBe(gitops);
      expect(has('gitops/apps/canary.yaml')).toBe(
        gitops && on(p.gitops_context?.canary_enabled, true),
      );
      expect(has('gitops/infrastructure/terraform/terraform.yaml')).toBe(
        Boolean(p.reconciliation_context?.enabled),
      );
    },
  );

  const terraformCases = cases.filter(
    c =>
      !c.payload.existing_cluster &&
      c.payload.governance_context?.enabled !== false,
  );
  it.each(terraformCases.map(c => [c.name, c] as const))(
    '%s: plan, policy, apply and drift as asked',
    (_, c) => {
      const all = files(c);
      const gc = c.payload.governance_context ?? {};
      const on = (v: unknown, dflt: boolean) =>
        v === undefined ? dflt : Boolean(v);
      const plan = parseWorkflow(all.get('.github/workflows/infra-plan.yml')!);
      const uses = Object.values(plan.jobs).flatMap(j =>
        (j.steps ?? []).map((s: any) => String(s.uses ?? '').split('@')[0]),
      );
      expect(uses).toContain(OIDC_ACTIONS[c.cloud]);
      const text = all.get('.github/workflows/infra-plan.yml')!;
      expect(text).toContain('-detailed-exitcode');
      expect(text).toContain('show -json tfplan');
      expect(text.includes('conftest test terraform/tfplan.json')).toBe(
        on(gc.policy_checks_enabled, true),
      );
      expect(text.includes('conftest verify')).toBe(
        on(gc.policy_checks_enabled, true),
      );
      expect(text.includes('issues.updateComment')).toBe(true);
      expect(Boolean(plan.jobs.plan.permissions['pull-requests'])).toBe(
        on(gc.plan_comment, true),
      );
      const apply = parseWorkflow(
        all.get('.github/workflows/infra-apply.yml')!,
      );
      expect(apply.concurrency['cancel-in-progress']).toBe(false);
      expect(apply.jobs.apply.environment.name).toBe(
        gc.apply_environment ?? 'production',
      );
      expect(Object.keys(apply.on).includes('push')).toBe(
        on(gc.apply_on_merge, true),
      );
      expect(all.get('.github/workflows/infra-apply.yml')).toMatch(
        /apply -input=false -lock-timeout=10m -no-color tfplan/,
      );
    },
  );

  // shellcheck is a Debian package (scripts/ensure-debian-packages.sh
  // installs it): where it is missing this test fails, it is never skipped.
  describe('shellcheck', () => {
    it('finds nothing in any run: script or shell script', () => {
      const scripts = new Map<string, { where: string; script: string }>();
      for (const c of cases) {
        for (const [p, s] of files(c)) {
          const found = isWorkflowPath(p) ? runScripts(p, s) : [];
          if (p.endsWith('.sh'))
            found.push({ where: p, script: s, shell: 'bash' });
          for (const x of found)
            scripts.set(x.script, {
              where: `${c.name}: ${x.where}`,
              script: x.script,
            });
        }
      }
      expect(scripts.size).toBeGreaterThan(20);
      expect(shellcheck([...scripts.values()])).toEqual([]);
    });
  });

  it('names the owner in CODEOWNERS and requires code owner review only then', () => {
    const withOwner = renderOwn(
      basePayload('aws', {
        governance_context: {
          owner: 'group:default/platform-team',
          github_org: 'acme',
        },
      }),
    );
    const owners = withOwner.get('.github/CODEOWNERS')!;
    expect(owners).toMatch(/^\* @acme\/platform-team$/m);
    expect(owners).toMatch(/^\/terraform\/ @acme\/platform-team$/m);
    const settings = (out: Map<string, string>) =>
      JSON.parse(out.get('.github/governance.json')!).branch_protection
        .required_pull_request_reviews.require_code_owner_reviews;
    expect(settings(withOwner)).toBe(true);

    const withoutOwner = renderOwn(basePayload('aws'));
    expect(withoutOwner.get('.github/CODEOWNERS')).not.toMatch(/^[^#\s]/m);
    expect(settings(withoutOwner)).toBe(false);
  });

  it('renders every case to the same bytes twice', () => {
    for (const c of cases) {
      const again = renderOwn(c.payload);
      expect([...again.entries()]).toEqual([...files(c).entries()]);
    }
  });
});
