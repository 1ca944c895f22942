import { requiredChecksRule } from './requiredChecks';
import { jobCheckNames } from './workflowChecks';

const settings = (contexts: string[] | null, branch = 'main') =>
  JSON.stringify({
    default_branch: branch,
    branch_protection: {
      required_status_checks: contexts && { strict: true, contexts },
      enforce_admins: true,
      required_pull_request_reviews: {
        required_approving_review_count: 1,
        require_code_owner_reviews: false,
        dismiss_stale_reviews: true,
      },
      restrictions: null,
    },
  });

/** A workflow filtering inside its jobs, with one always-run verdict job. */
const GOOD = `
name: infra-plan
on:
  pull_request:
    branches: [main]
  workflow_dispatch: {}
jobs:
  changes:
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
  validate:
    needs: changes
    if: needs.changes.outputs.terraform == 'true'
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
  result:
    name: infra-plan result
    needs: [changes, validate]
    if: \${{ always() }}
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
`;

/** The defect: the workflow only starts when some paths change. */
const PATH_FILTERED = `
name: infra-plan
on:
  pull_request:
    branches: [main]
    paths: ["terraform/**"]
jobs:
  validate:
    name: validate
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
  plan:
    name: plan
    needs: validate
    if: github.event.pull_request.head.repo.full_name == github.repository
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
`;

const HELM = `
on:
  pull_request: {}
jobs:
  lint:
    name: helm \${{ matrix.helm }}
    strategy:
      matrix:
        helm: [v3.17.2, v4.1.4]
    runs-on: ubuntu-24.04
    steps: [{ run: 'true' }]
`;

function run(files: Record<string, string>) {
  return requiredChecksRule.run({
    files: new Map(Object.entries(files)),
    manifests: [],
    chartsRendered: false,
  });
}

describe('required-checks', () => {
  it('accepts checks from jobs that run on every pull request', () => {
    expect(
      run({
        '.github/governance.json': settings([
          'infra-plan result',
          'helm v3.17.2',
          'helm v4.1.4',
        ]),
        '.github/workflows/infra-plan.yml': GOOD,
        '.github/workflows/helm-lint.yml': HELM,
      }),
    ).toEqual([]);
  });

  it('has nothing to check without governance settings', () => {
    expect(run({ '.github/workflows/x.yml': PATH_FILTERED })).toEqual([]);
  });

  it('accepts no required checks', () => {
    expect(run({ '.github/governance.json': settings(null) })).toEqual([]);
  });

  it('reports checks of a path-filtered workflow and of skippable jobs', () => {
    const messages = run({
      '.github/governance.json': settings(['validate', 'plan']),
      '.github/workflows/infra-plan.yml': PATH_FILTERED,
    }).map(f => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^required check "validate" \(job validate of \.github\/workflows\/infra-plan\.yml\) can be skipped .*paths filter/,
    );
    expect(messages[1]).toMatch(/"plan".*job-level if: .*needs validate/);
  });

  it('reports a required check no workflow reports (plan without Terraform)', () => {
    const findings = run({
      '.github/governance.json': settings(['plan', 'helm v3.17.2']),
      '.github/workflows/helm-lint.yml': HELM,
    });
    expect(findings).toEqual([
      {
        check: 'required-checks',
        severity: 'error',
        file: '.github/governance.json',
        message:
          'required check "plan" is not reported by any job of .github/workflows on pull requests into main: the pull request waits for it forever',
      },
    ]);
  });

  it('reports a branches filter that leaves out the protected branch', () => {
    const messages = run({
      '.github/governance.json': settings(['infra-plan result'], 'release'),
      '.github/workflows/infra-plan.yml': GOOD,
    }).map(f => f.message);
    expect(messages).toEqual([
      expect.stringContaining('branches filter does not include release'),
    ]);
  });

  it('reports an unreadable settings file', () => {
    expect(
      run({ '.github/governance.json': '{"default_branch": 1}' })[0].message,
    ).toBe('default_branch: must be a branch name');
  });

  it('names matrix jobs the way GitHub does', () => {
    const matrix = { strategy: { matrix: { os: ['a', 'b'], v: [1] } } };
    expect(jobCheckNames('lint', matrix)).toEqual([
      'lint (a, 1)',
      'lint (b, 1)',
    ]);
    expect(
      jobCheckNames('lint', { ...matrix, name: 'on ${{ matrix.os }}' }),
    ).toEqual(['on a', 'on b']);
    expect(jobCheckNames('x', { name: '${{ github.ref }}' })).toBeUndefined();
  });
});
