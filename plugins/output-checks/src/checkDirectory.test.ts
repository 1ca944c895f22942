import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CheckReport,
  checkDirectory,
  defaultHelmBinaries,
  formatFindings,
  helmBinaryVersion,
} from './index';
import { Finding } from './types';

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, '__fixtures__');
const INSTALL_SCRIPT = path.resolve(__dirname, '../scripts/install-tools.mjs');

/**
 * The tests run the real helm binaries. They are installed by
 * scripts/bootstrap.sh; if they are missing, run the same install script
 * (idempotent, ~2 s) instead of skipping.
 */
async function ensureHelm(): Promise<void> {
  const binaries = defaultHelmBinaries();
  if (Object.values(binaries).every(b => fs.existsSync(b))) {
    return;
  }
  try {
    await promisify(execFile)(process.execPath, [INSTALL_SCRIPT], {
      timeout: 110_000,
    });
  } catch (error) {
    throw new Error(
      `helm 3 and helm 4 are required for these tests and could not be installed (${
        (error as Error).message
      }); run scripts/bootstrap.sh`,
    );
  }
}

let good: CheckReport;
let broken: CheckReport;

beforeAll(async () => {
  await ensureHelm();
  [good, broken] = await Promise.all([
    checkDirectory(path.join(FIXTURES, 'good')),
    checkDirectory(path.join(FIXTURES, 'broken')),
  ]);
}, 120_000);

const forFile = (report: CheckReport, file: string) =>
  report.findings.filter(f => f.file === file);

describe('checkDirectory', () => {
  it('runs the helm 3 and helm 4 binaries it was given', async () => {
    const binaries = defaultHelmBinaries();
    expect(await helmBinaryVersion('v3', binaries.v3)).toMatch(/^v3\.17\.\d+$/);
    expect(await helmBinaryVersion('v4', binaries.v4)).toMatch(/^v4\.1\.\d+$/);
    expect(good.helmVersions).toEqual({
      v3: expect.stringMatching(/^v3\./),
      v4: expect.stringMatching(/^v4\./),
    });
  });

  it('passes the good fixtures with zero findings', () => {
    expect(formatFindings(good.findings)).toBe('');
    expect(good.ok).toBe(true);
    expect(good.charts).toEqual(['charts/web']);
    expect(good.checkedFiles).toMatchObject({
      'helm-lint': 1,
      'helm-template': 1,
      'hcl-parse': 4,
      'hcl-fmt': 4,
      json: 1,
      actionlint: 1,
      // 3 plain manifest files + 3 rendered templates
      'kubernetes-schema': 6,
    });
    // 4 plain objects; Deployment + Service + HPA (default values) and
    // Deployment + Service (ci/prod-values.yaml) from each helm version
    expect(good.validatedObjects).toBe(4 + 2 * (3 + 2));
  });

  it('catches a chart template error with file and line, on both helm versions', () => {
    const file = 'charts/template-error/templates/configmap.yaml';
    expect(forFile(broken, file)).toEqual([
      {
        check: 'helm-lint',
        severity: 'error',
        file,
        line: 6,
        message:
          'template parse error: function "upperFirstLetter" not defined [helm v3 + v4]',
      },
    ]);
  });

  it('catches an unknown field and a wrong type in a rendered Deployment', () => {
    const file = 'charts/bad-deployment/templates/deployment.yaml';
    expect(forFile(broken, file)).toEqual([
      {
        // the pod has no securityContext: rejected by Pod Security "restricted"
        check: 'pod-security',
        severity: 'error',
        file,
        message: expect.stringContaining(
          'Deployment bad-deployment-api: no namespace in the tree, the charts\' bar is "restricted", the pod is rejected: allowPrivilegeEscalation != false',
        ),
      },
      {
        check: 'kubernetes-schema',
        severity: 'error',
        file,
        line: 10,
        column: 3,
        message:
          'apps/v1 Deployment "bad-deployment-api": spec.replicas: must be integer (got string "2") [helm v3 + v4; values: values.yaml]',
      },
      {
        check: 'kubernetes-schema',
        severity: 'error',
        file,
        line: 10,
        column: 3,
        message:
          'apps/v1 Deployment "bad-deployment-api": spec.replicas: must be integer (got string "4") [helm v3 + v4; values: ci/ha-values.yaml]',
      },
      {
        check: 'kubernetes-schema',
        severity: 'error',
        file,
        line: 12,
        column: 3,
        message:
          'apps/v1 Deployment "bad-deployment-api": spec.revisionHistoryLimt: unknown field — did you mean "revisionHistoryLimit"? [helm v3 + v4; values: values.yaml, ci/ha-values.yaml]',
      },
    ]);
  });

  it('catches the plain-file problems in directory mode too', () => {
    const checks = (file: string) =>
      forFile(broken, file).map((f: Finding) => `${f.check}:${f.line}`);
    expect(checks('manifests/unknown-kind.yaml')).toEqual([
      'kubernetes-schema:9',
    ]);
    expect(checks('terraform/syntax-error/main.tf')).toEqual(['hcl-parse:1']);
    expect(checks('terraform/unformatted/main.tf')).toEqual(['hcl-fmt:2']);
    expect(checks('.github/workflows/release.yaml')).toEqual([
      'actionlint:11',
      'actionlint:16',
    ]);
    expect(broken.ok).toBe(false);
    expect(broken.charts).toEqual([
      'charts/bad-deployment',
      'charts/template-error',
    ]);
  });

  it('reports a missing helm binary as an error pointing at bootstrap.sh', async () => {
    const report = await checkDirectory(path.join(FIXTURES, 'good'), {
      helm: { versions: ['v4'] },
      helmBinaries: { v4: path.join(FIXTURES, 'no-such-helm') },
    });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      {
        check: 'toolchain',
        severity: 'error',
        file: 'charts/web/Chart.yaml',
        message: expect.stringMatching(
          /^helm v4 is not installed at .*no-such-helm: run scripts\/bootstrap\.sh .* — chart not checked with helm v4$/,
        ),
      },
    ]);
    expect(report.helmVersions).toEqual({});
  });
});
