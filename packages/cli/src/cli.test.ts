import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  getJsonSchema,
  SEED_PLATFORM_EXISTING_CLUSTER,
} from '@iacforge/plugin-iac-common';
import { runCli } from './cli';

const pkgDir = (name: string) =>
  path.dirname(require.resolve(`${name}/package.json`));
const ROOTS = path.join(
  pkgDir('@iacforge/plugin-iac-node'),
  'src/__fixtures__/roots/basic',
);
const CHECK_FIXTURES = path.join(
  pkgDir('@iacforge/output-checks'),
  'src/__fixtures__',
);

const payload = {
  cloud: 'aws',
  terraform_template: 'tf-one',
  helm_template: 'chart-one',
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
};

async function run(args: string[], stdin?: string) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-cli-'));
  fs.writeFileSync(path.join(cwd, 'payload.json'), JSON.stringify(payload));
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    stdout: s => {
      stdout += s;
    },
    stderr: s => {
      stderr += s;
    },
    stdin: async () => stdin ?? '',
  });
  return { code, stdout, stderr, cwd };
}

describe('iacforge', () => {
  it('lists templates', async () => {
    const r = await run(['templates', '--roots', ROOTS, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((t: { name: string }) => t.name)).toEqual([
      'gov',
      'chart-one',
      'tf-one',
    ]);
  });

  it('uses the shipped trees outside any repository (no --roots, no templates/iac above)', async () => {
    const r = await run(
      ['render', '-', '-o', 'out'],
      JSON.stringify(SEED_PLATFORM_EXISTING_CLUSTER),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rendered \d+ files from helm\/gke-basic@/);
    expect(
      fs.existsSync(path.join(r.cwd, 'out/charts/orders/Chart.yaml')),
    ).toBe(true);
    const list = await run(['templates', '--json']);
    expect(
      JSON.parse(list.stdout).map((t: { name: string }) => t.name),
    ).toEqual(expect.arrayContaining(['basic', 'aws-eks', 'github-actions']));
  });

  it('prints a schema, exit 2 for an unknown one', async () => {
    const ok = await run(['schema', 'helm_context']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual(getJsonSchema('helm_context'));
    const bad = await run(['schema', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown schema "nope"/);
  });

  it('renders a payload into a folder, keeping modes', async () => {
    const r = await run([
      'render',
      'payload.json',
      '-o',
      'out',
      '--roots',
      ROOTS,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Rendered 9 files from terraform\/tf-one@1.0.0, helm\/chart-one@0.2.0, governance\/gov@1.0.0/,
    );
    const script = path.join(r.cwd, 'out/terraform/bootstrap.sh');
    expect(fs.statSync(script).mode & 0o777).toBe(0o755);
    expect(
      fs.readFileSync(
        path.join(r.cwd, 'out/charts/payments/Chart.yaml'),
        'utf8',
      ),
    ).toContain('name: "payments"');
  });

  it('reads the payload from stdin and renders only the requested part', async () => {
    const r = await run(
      ['render', '-', '-o', 'out', '--kind', 'helm', '--roots', ROOTS],
      JSON.stringify({
        helm_template: 'chart-one',
        helm_context: payload.helm_context,
      }),
    );
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(r.cwd, 'out'))).toEqual(['charts']);
  });

  it('refuses to write into a non-empty folder without --force', async () => {
    const r = await run([
      'render',
      'payload.json',
      '-o',
      '.',
      '--roots',
      ROOTS,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
  });

  it('writes a ZIP', async () => {
    const r = await run([
      'zip',
      'payload.json',
      '-o',
      'out/x.zip',
      '--roots',
      ROOTS,
    ]);
    expect(r.code).toBe(0);
    const zip = fs.readFileSync(path.join(r.cwd, 'out/x.zip'));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
  });

  it('exit 1 with every field path for an invalid payload', async () => {
    const r = await run(
      ['render', '-', '-o', 'out', '--roots', ROOTS],
      JSON.stringify({ ...payload, cloud: 'mars' }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^iacforge: Invalid payload \(1 problem\):\n {2}- cloud: Must be one of /,
    );
  });

  it('exit 1 with the field path for a value a template filter refuses', async () => {
    // chart-one with a file that prints the image tag as a number
    const roots = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-roots-'));
    fs.cpSync(ROOTS, roots, { recursive: true });
    fs.writeFileSync(
      path.join(roots, 'helm', 'chart-one', 'NOTES.txt.njk'),
      'tag: {= helm_context.image_tag | num =}\n',
    );
    const r = await run([
      'render',
      'payload.json',
      '-o',
      'out',
      '--roots',
      roots,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'iacforge: Invalid payload (1 problem):\n' +
        '  - helm_context.image_tag: Cannot be rendered into NOTES.txt.njk: num: expected a finite number, got "1.27"\n',
    );
    expect(fs.existsSync(path.join(r.cwd, 'out'))).toBe(false);
  });

  it('exit 2 for usage and I/O errors', async () => {
    expect(
      (await run(['render', 'missing.json', '-o', 'out', '--roots', ROOTS]))
        .code,
    ).toBe(2);
    expect(
      (await run(['render', '-', '-o', 'out', '--roots', ROOTS], '{not json'))
        .code,
    ).toBe(2);
    expect(
      (
        await run([
          'render',
          'payload.json',
          '-o',
          'o',
          '-k',
          'x',
          '--roots',
          ROOTS,
        ])
      ).code,
    ).toBe(2);
    expect((await run(['bogus'])).code).toBe(2);
    expect((await run(['templates', '--roots', '/nonexistent'])).code).toBe(2);
  });

  it('validates folders: 0 when clean, 1 with findings', async () => {
    const good = await run([
      'validate',
      path.join(CHECK_FIXTURES, 'good/terraform'),
      '--no-helm',
    ]);
    expect(good.stderr).toMatch(/^OK: 0 finding/);
    expect(good.code).toBe(0);
    const broken = await run([
      'validate',
      path.join(CHECK_FIXTURES, 'broken/terraform'),
      '--no-helm',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/syntax-error\/main\.tf:\d+/);
  });

  it('validate prints a chart image that needs root as a warning and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-cli-chart-'));
    fs.cpSync(path.join(CHECK_FIXTURES, 'good/charts'), dir, {
      recursive: true,
    });
    const values = path.join(dir, 'web/values.yaml');
    fs.writeFileSync(
      values,
      fs
        .readFileSync(values, 'utf8')
        .replace('repository: ghcr.io/example/web', 'repository: postgres'),
    );
    const r = await run(['validate', dir, '--no-helm']);
    expect(r.stdout).toMatch(
      /^web\/values\.yaml: \[pod-security\] warning: image\.repository: "postgres" will not become Ready/,
    );
    expect(r.stderr).toMatch(/^OK: 1 finding/);
    expect(r.code).toBe(0);
  });

  it('validates charts with the real helm binaries', async () => {
    const r = await run(['validate', path.join(CHECK_FIXTURES, 'good/charts')]);
    expect(r.stderr).toMatch(/^OK/);
    expect(r.code).toBe(0);
  }, 120_000);
});
