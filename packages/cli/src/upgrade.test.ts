/*
 * `iacforge upgrade` on real clones: a repository generated at version A
 * and published with its pristine branch, cloned, edited by hand, then
 * upgraded to a version B of the trees.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  answersFile,
  IacEngine,
  requireGenerated,
  writeFiles,
} from '@iacforge/plugin-iac-node';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { runCli } from './cli';

// real git and real renders: slow on a busy 2-core machine (a limit, not a timing assertion)
jest.setTimeout(120_000);

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const ROOT_A = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);
const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: os.tmpdir(),
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });

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

/** Version B of the fixture trees: tf-one 1.1.0 changes main.tf's first line. */
const ROOT_B = (() => {
  const root = tmp('iacforge-root-b-');
  fs.cpSync(ROOT_A, root, { recursive: true });
  const tf = path.join(root, 'terraform/tf-one');
  const manifest = path.join(tf, 'template.yaml');
  fs.writeFileSync(
    manifest,
    fs
      .readFileSync(manifest, 'utf8')
      .replace('version: 1.0.0', 'version: 1.1.0')
      .concat(
        'changelog:\n  - version: 1.1.0\n    changes:\n      - Versioned state bucket\n',
      ),
  );
  const main = path.join(tf, 'main.tf');
  fs.writeFileSync(
    main,
    fs
      .readFileSync(main, 'utf8')
      .replace(
        'resource "aws_s3_bucket" "state" {',
        'resource "aws_s3_bucket" "state" { # versioned',
      ),
  );
  fs.writeFileSync(path.join(tf, 'versioning.tf'), '# versioning\n');
  return root;
})();

/** Publishes a generated repository (with its pristine branch unless told) and clones it. */
async function generatedClone(options: { pristine?: boolean } = {}) {
  const engine = IacEngine.fromRoots([ROOT_A]);
  const result = requireGenerated(engine.generate('platform', payload));
  const ws = tmp('iacforge-ws-');
  await writeFiles(ws, [
    ...result.files,
    { path: '.iacforge/answers.json', content: answersFile(result, undefined) },
  ]);
  const host = new LocalGitRepositories(tmp('iacforge-host-'));
  await host.createAndPush({
    owner: 'team',
    repo: 'svc',
    sourceDir: ws,
    pristineBranch:
      options.pristine === false ? undefined : 'iacforge/generated',
  });
  const clone = tmp('iacforge-clone-');
  git(clone, 'clone', '--quiet', host.repoDir('team', 'svc'), '.');
  return clone;
}

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd: tmp('iacforge-cwd-'),
    stdout: s => {
      stdout += s;
    },
    stderr: s => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

describe('iacforge upgrade', () => {
  it('creates the upgrade branch in the clone, keeps the hand edit and lists the conflict', async () => {
    const clone = await generatedClone();
    const main = path.join(clone, 'terraform/main.tf');
    const lines = fs.readFileSync(main, 'utf8').split('\n');
    lines[0] = 'resource "aws_s3_bucket" "state" { # ours';
    fs.writeFileSync(main, lines.join('\n'));
    fs.writeFileSync(path.join(clone, 'NOTES.md'), 'team notes\n');
    git(clone, 'add', '-A');
    git(clone, 'commit', '-qm', 'hand edits');

    const r = await run(['upgrade', clone, '--roots', ROOT_B]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const branch = /Upgrade branch (iacforge-upgrade-[0-9a-f]{12})/.exec(
      r.stdout,
    )![1];
    expect(r.stdout).toContain('- terraform/tf-one 1.0.0 → 1.1.0');
    expect(r.stdout).toContain('  - 1.1.0: Versioned state bucket');
    expect(r.stdout).toContain('- A terraform/versioning.tf');
    expect(r.stdout).toContain(
      '## Conflicts (1 file(s), 1 hunk(s)): resolve them on the branch\n- terraform/main.tf (content): lines 1-5',
    );
    expect(r.stdout).toContain(`git push origin iacforge/generated ${branch}`);
    // local branches: the pristine one (from origin's) and the upgrade
    expect(
      git(clone, 'branch', '--format=%(refname:short)').trim().split('\n'),
    ).toEqual([branch, 'iacforge/generated', 'main']);
    expect(git(clone, 'show', `${branch}:NOTES.md`)).toBe('team notes\n');
    expect(git(clone, 'show', `${branch}:terraform/versioning.tf`)).toBe(
      '# versioning\n',
    );
    // the work tree and the checked-out branch are untouched
    expect(git(clone, 'status', '--porcelain')).toBe('');
    expect(git(clone, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');

    // again: nothing new
    const again = await run(['upgrade', clone, '--roots', ROOT_B]);
    expect(again.stdout).toContain('already exists');
    expect(git(clone, 'branch').trim().split('\n')).toHaveLength(3);
  });

  it('--dry-run --diff previews the per-file diff against main and creates nothing', async () => {
    const clone = await generatedClone();
    const r = await run([
      'upgrade',
      clone,
      '--roots',
      ROOT_B,
      '--dry-run',
      '--diff',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would be created (dry run: nothing written)');
    expect(r.stdout).toContain('## Diff against main\n');
    expect(r.stdout).toContain(
      '+resource "aws_s3_bucket" "state" { # versioned',
    );
    expect(r.stdout).toContain(
      '+++ b/terraform/versioning.tf\n@@ -0,0 +1 @@\n+# versioning\n',
    );
    expect(git(clone, 'branch').trim().split('\n')).toHaveLength(1);
  });

  it('is a no-op when the trees have not changed', async () => {
    const clone = await generatedClone();
    const r = await run(['upgrade', clone, '--roots', ROOT_A]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Up to date: main already has this render/);
    expect(git(clone, 'branch').trim().split('\n')).toHaveLength(1);
  });

  it('changed answers: applied when valid, exit 1 with the field path when not', async () => {
    const clone = await generatedClone();
    const dir = tmp('iacforge-answers-');
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify({ helm_context: { image_tag: 'bad tag' } }),
    );
    const bad = await run([
      'upgrade',
      clone,
      '--roots',
      ROOT_A,
      '--answers',
      path.join(dir, 'bad.json'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^iacforge: Invalid answers \(1 problem\):\n {2}- helm_context\.image_tag: /,
    );

    fs.writeFileSync(
      path.join(dir, 'good.json'),
      JSON.stringify({ helm_context: { image_tag: '1.28' } }),
    );
    const good = await run([
      'upgrade',
      clone,
      '--roots',
      ROOT_A,
      '--answers',
      path.join(dir, 'good.json'),
    ]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(
      '## Changed answers\n- helm_context.image_tag',
    );
    expect(good.stdout).toContain('## Conflicts: none');

    fs.writeFileSync(path.join(dir, 'list.json'), '[]');
    const notObject = await run([
      'upgrade',
      clone,
      '--answers',
      path.join(dir, 'list.json'),
    ]);
    expect(notObject.code).toBe(1);
    expect(notObject.stderr).toContain('must be a JSON object');
  });

  it('bad input: not a repository, no pristine branch (with what to do)', async () => {
    const notRepo = await run([
      'upgrade',
      tmp('iacforge-empty-'),
      '--roots',
      ROOT_A,
    ]);
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toContain('is not a git repository');

    const legacy = await generatedClone({ pristine: false });
    const r = await run(['upgrade', legacy, '--roots', ROOT_B]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('has no "iacforge/generated" branch');
    expect(r.stderr).toContain('git branch iacforge/generated ');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
