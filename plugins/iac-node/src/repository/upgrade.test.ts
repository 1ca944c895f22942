/*
 * Upgrades on real git repositories: generated at template version A,
 * edited by hand, upgraded to a version B of the trees (a copy of the
 * shipped trees with a changed, an added, a removed and a renamed file).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  SEED_HELM_FRAGMENTS,
  SEED_PLATFORM_NEW_CLUSTER,
} from '@iacforge/plugin-iac-common';
import { IacEngine, PayloadValidationError, requireGenerated } from '../engine';
import {
  bumpManifest,
  copyShippedRoot,
  editedRoot,
  git,
  publishGenerated,
  pushUserEdits,
  refsOf,
  show,
} from './__testUtils__/generatedRepo';
import { upgradeRepository, UpgradeError } from './upgrade';

// real git and real renders: slow on a busy 2-core machine (a limit, not a timing assertion)
jest.setTimeout(120_000);

const rootA = copyShippedRoot();
const TEMPLATE_LINE = '  description = "Project name (template 1.2.0)."';
const USER_LINE = '  description = "Our project name, edited by hand."';
const NEW_OUTPUT =
  '\noutput "upgrade_marker" {\n  description = "Added in 1.2.0."\n  value       = true\n}\n';

/** Index of the first `description =` line of a file (0-based). */
const firstDescription = (text: string) =>
  text.split('\n').findIndex(l => l.trimStart().startsWith('description ='));

function replaceLine(text: string, index: number, line: string) {
  const lines = text.split('\n');
  lines[index] = line;
  return lines.join('\n');
}

const rootB = editedRoot(rootA, root => {
  const eks = path.join(root, 'terraform', 'aws-eks');
  const vars = path.join(eks, 'variables.tf');
  const text = fs.readFileSync(vars, 'utf8');
  fs.writeFileSync(
    vars,
    replaceLine(text, firstDescription(text), TEMPLATE_LINE),
  );
  fs.appendFileSync(path.join(eks, 'outputs.tf'), NEW_OUTPUT);
  fs.writeFileSync(
    path.join(eks, 'checks.tf'),
    '# Added in 1.2.0: post-apply checks.\n',
  );
  fs.rmSync(path.join(eks, 'eks_addons.tf'));
  fs.renameSync(
    path.join(eks, 'node_group.tf'),
    path.join(eks, 'node_groups.tf'),
  );
  bumpManifest(eks, '1.2.0', [
    {
      version: '1.2.0',
      change: 'Outputs upgrade_marker; node groups file renamed',
    },
    { version: '1.1.0', change: 'Post-apply checks' },
  ]);
});

const engineA = IacEngine.fromRoots([rootA]);
const engineB = IacEngine.fromRoots([rootB]);
const payload = SEED_PLATFORM_NEW_CLUSTER;

describe('upgradeRepository', () => {
  it('keeps every user edit, brings every template change, reports the overlapping edit as the only conflict', async () => {
    const { bare, result } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'payments',
    });
    const varsA = result.files
      .find(f => f.path === 'terraform/variables.tf')!
      .content.toString('utf8');
    const line = firstDescription(varsA);
    pushUserEdits(bare, 'Hand edits', dir => {
      const values = path.join(dir, 'charts/payments/values.yaml');
      const text = fs.readFileSync(values, 'utf8');
      expect(text).toMatch(/replicaCount: 2\b/);
      fs.writeFileSync(
        values,
        text.replace(/replicaCount: 2\b/, 'replicaCount: 5'),
      );
      fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'docs/RUNBOOK.md'), '# Our runbook\n');
      fs.rmSync(path.join(dir, 'terraform/README.md'));
      fs.writeFileSync(
        path.join(dir, 'terraform/variables.tf'),
        replaceLine(varsA, line, USER_LINE),
      );
      const ng = path.join(dir, 'terraform/node_group.tf');
      fs.appendFileSync(ng, '# tuned by the team\n');
    });

    const upgrade = await upgradeRepository({
      repository: bare,
      engine: engineB,
    });

    expect(upgrade.status).toBe('created');
    expect(upgrade.branch).toMatch(/^iacforge-upgrade-[0-9a-f]{12}$/);
    const at = (f: string) => show(bare, upgrade.branch!, f);
    // user edits survive
    expect(at('charts/payments/values.yaml')).toMatch(/replicaCount: 5\b/);
    expect(at('docs/RUNBOOK.md')).toBe('# Our runbook\n');
    expect(at('terraform/README.md')).toBeUndefined();
    // template changes arrive: changed, added, removed, renamed (with the user's edit)
    expect(at('terraform/outputs.tf')).toContain('output "upgrade_marker"');
    expect(at('terraform/checks.tf')).toBe(
      '# Added in 1.2.0: post-apply checks.\n',
    );
    expect(at('terraform/eks_addons.tf')).toBeUndefined();
    expect(at('terraform/node_group.tf')).toBeUndefined();
    expect(at('terraform/node_groups.tf')).toContain('# tuned by the team\n');
    expect(JSON.parse(at('.iacforge/answers.json')!).templates).toContainEqual({
      name: 'aws-eks',
      kind: 'terraform',
      version: '1.2.0',
    });
    expect(at('catalog-info.yaml')).toContain('terraform/aws-eks@1.2.0');

    // exactly one conflict, at the overlapping line, markers committed
    expect(upgrade.conflicts).toEqual([
      {
        path: 'terraform/variables.tf',
        types: ['content'],
        messages: [expect.stringContaining('terraform/variables.tf')],
        hunks: [
          {
            startLine: line + 1,
            endLine: line + 5,
            ours: [USER_LINE],
            theirs: [TEMPLATE_LINE],
          },
        ],
      },
    ]);
    const merged = at('terraform/variables.tf')!.split('\n');
    expect(merged.slice(line, line + 5)).toEqual([
      '<<<<<<< main',
      USER_LINE,
      '=======',
      TEMPLATE_LINE,
      '>>>>>>> iacforge/generated',
    ]);

    // versions compared as semver, changelog quoted
    expect(upgrade.templates.find(t => t.name === 'aws-eks')).toEqual({
      kind: 'terraform',
      name: 'aws-eks',
      from: '1.0.0',
      to: '1.2.0',
      change: 'upgrade',
      changelog: [
        {
          version: '1.2.0',
          changes: ['Outputs upgrade_marker; node groups file renamed'],
        },
        { version: '1.1.0', changes: ['Post-apply checks'] },
      ],
    });
    expect(
      upgrade.templates.filter(t => t.change !== 'same').map(t => t.name),
    ).toEqual(['aws-eks']);
    expect(upgrade.files).toEqual(
      expect.arrayContaining([
        { path: 'terraform/outputs.tf', status: 'modified' },
        { path: 'terraform/variables.tf', status: 'modified' },
        { path: 'terraform/checks.tf', status: 'added' },
        { path: 'terraform/eks_addons.tf', status: 'deleted' },
        {
          path: 'terraform/node_groups.tf',
          status: 'renamed',
          from: 'terraform/node_group.tf',
        },
        { path: '.iacforge/answers.json', status: 'modified' },
      ]),
    );
    expect(upgrade.summary).toContain('terraform/aws-eks 1.0.0 → 1.2.0');
    expect(upgrade.summary).toContain('  - 1.1.0: Post-apply checks');
    expect(upgrade.summary).toContain(
      `- terraform/variables.tf (content): lines ${line + 1}-${line + 5}`,
    );

    // the pristine branch holds exactly the new render, on top of the first one
    const pristineFiles = git(
      bare,
      'ls-tree',
      '-r',
      '--name-only',
      'iacforge/generated',
    )
      .trim()
      .split('\n')
      .sort();
    const render = requireGenerated(engineB.generate('platform', payload));
    expect(pristineFiles).toEqual(
      [
        ...render.files.map(f => f.path),
        '.iacforge/answers.json',
        'catalog-info.yaml',
      ].sort(),
    );
    expect(git(bare, 'rev-list', '--count', 'iacforge/generated').trim()).toBe(
      '2',
    );
    // the upgrade commit merges main and the pristine commit
    expect(
      git(bare, 'rev-list', '--parents', '-n', '1', upgrade.branch!)
        .trim()
        .split(' '),
    ).toEqual([
      upgrade.commit,
      git(bare, 'rev-parse', 'main').trim(),
      upgrade.pristineCommit,
    ]);

    // running it again opens no second branch
    const refs = refsOf(bare);
    const again = await upgradeRepository({
      repository: bare,
      engine: engineB,
      diff: true,
    });
    expect(again.status).toBe('existing');
    // the preview: per-file diff against main, predicted conflict included
    const varsDiff = again.diff!.find(
      f => f.path === 'terraform/variables.tf',
    )!;
    expect(varsDiff.status).toBe('modified');
    expect(varsDiff.patch).toContain(
      `+<<<<<<< main\n ${USER_LINE}\n+=======\n+${TEMPLATE_LINE}\n+>>>>>>> iacforge/generated\n`,
    );
    expect(
      again.diff!.find(f => f.path === 'terraform/checks.tf')!.patch,
    ).toContain('+# Added in 1.2.0: post-apply checks.');
    expect(again.diff!.map(f => f.path)).not.toContain('docs/RUNBOOK.md');
    expect(again.branch).toBe(upgrade.branch);
    expect(refsOf(bare)).toBe(refs);
  });

  it('applies changed answers (KEDA on), validated by the contract, and keeps secrets out of every commit', async () => {
    const { bare } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'keda',
    });
    const token = 'glc_SECRET_TOKEN_never_committed';
    const upgrade = await upgradeRepository({
      repository: bare,
      engine: engineA,
      answers: {
        helm_context: {
          ...SEED_HELM_FRAGMENTS.keda,
          ...SEED_HELM_FRAGMENTS['logs grafana-cloud'],
          logs_grafana_cloud_auth_token: token,
        },
      },
    });
    expect(upgrade.status).toBe('created');
    expect(upgrade.conflicts).toEqual([]);
    expect(upgrade.templates.every(t => t.change === 'same')).toBe(true);
    expect(upgrade.answersChanged).toEqual(
      expect.arrayContaining([
        'helm_context.keda_enabled',
        'helm_context.logs_enabled',
      ]),
    );
    expect(upgrade.answersChanged).not.toContain(
      'helm_context.logs_grafana_cloud_auth_token',
    );
    expect(upgrade.files.map(f => f.path)).toEqual(
      expect.arrayContaining([
        'charts/payments/values.yaml',
        '.iacforge/answers.json',
      ]),
    );
    const values = show(bare, upgrade.branch!, 'charts/payments/values.yaml')!;
    expect(values).toMatch(/keda:\n\s+enabled: true/);
    const answers = JSON.parse(
      show(bare, upgrade.branch!, '.iacforge/answers.json')!,
    );
    expect(answers.payload.helm_context.keda_enabled).toBe(true);
    // no commit of any branch contains the token
    expect(git(bare, 'log', '--all', '-p', '--format=%B')).not.toContain(token);
    expect(git(bare, 'grep', '-c', 'keda', upgrade.branch!)).toBeTruthy();
  });

  it('rejects changed answers the contract refuses, with the field path, and writes nothing', async () => {
    const { bare } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'invalid',
    });
    const refs = refsOf(bare);
    const error = await upgradeRepository({
      repository: bare,
      engine: engineA,
      answers: { helm_context: { replica_count: -1 } },
    }).catch(e => e);
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual([
      'helm_context.replica_count',
    ]);
    expect(refsOf(bare)).toBe(refs);
  });

  it('is a no-op when nothing changed: nothing to do, nothing written', async () => {
    const { bare } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'noop',
    });
    pushUserEdits(bare, 'A user edit', dir =>
      fs.writeFileSync(path.join(dir, 'NOTES.md'), 'ours\n'),
    );
    const refs = refsOf(bare);
    const upgrade = await upgradeRepository({
      repository: bare,
      engine: engineA,
    });
    expect(upgrade.status).toBe('up-to-date');
    expect(upgrade.branch).toBeUndefined();
    expect(upgrade.summary).toMatch(
      /^Up to date: main already has this render/,
    );
    expect(refsOf(bare)).toBe(refs);
  });

  it('dry run: reports the upgrade and moves no ref', async () => {
    const { bare } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'dry',
    });
    const refs = refsOf(bare);
    const upgrade = await upgradeRepository({
      repository: bare,
      engine: engineB,
      dryRun: true,
    });
    expect(upgrade.status).toBe('dry-run');
    expect(upgrade.conflicts).toEqual([]);
    expect(upgrade.files.length).toBeGreaterThan(4);
    expect(refsOf(bare)).toBe(refs);
  });

  it('a repository without the pristine branch gets an error that says what to do', async () => {
    const { bare } = await publishGenerated({
      engine: engineA,
      kind: 'platform',
      payload,
      repo: 'legacy',
      pristine: false,
    });
    const first = git(bare, 'rev-parse', 'main').trim();
    const error = await upgradeRepository({
      repository: bare,
      engine: engineB,
    }).catch(e => e);
    expect(error).toBeInstanceOf(UpgradeError);
    expect(error.code).toBe('no-pristine-branch');
    expect(error.message).toContain('has no "iacforge/generated" branch');
    expect(error.message).toContain(
      `git branch iacforge/generated ${first.slice(
        0,
        12,
      )} && git push origin iacforge/generated`,
    );
    // following the advice makes the upgrade work
    git(bare, 'branch', 'iacforge/generated', first);
    const upgrade = await upgradeRepository({
      repository: bare,
      engine: engineB,
    });
    expect(upgrade.status).toBe('created');
  });

  it('refuses to downgrade when the template roots are older than the repository', async () => {
    const { bare } = await publishGenerated({
      engine: engineB,
      kind: 'platform',
      payload,
      repo: 'newer',
    });
    const error = await upgradeRepository({
      repository: bare,
      engine: engineA,
    }).catch(e => e);
    expect(error).toBeInstanceOf(UpgradeError);
    expect(error.message).toContain('terraform/aws-eks 1.2.0 → 1.0.0');
  });
});
