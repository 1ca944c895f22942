/*
 * POST /api/iac/upgrade/preview on the real backend plugin: a repository
 * generated and published with its pristine branch on the local git host,
 * a hand edit on main, then the preview of changed answers: the per-file
 * diff against main and the predicted conflict, and no ref moved.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  answersFile,
  IacEngine,
  requireGenerated,
  writeFiles,
} from '@iacforge/plugin-iac-node';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import request from 'supertest';
import { iacPlugin } from './plugin';

jest.setTimeout(120_000);

const FIXTURE_ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
    },
  });

const payload = {
  helm_template: 'chart-one',
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
};

async function start(
  directory: string,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const { server } = await startTestBackend({
    features: [
      iacPlugin,
      mockServices.permissions.factory({ result }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          iac: {
            templateRoots: [FIXTURE_ROOT],
            shippedTemplates: false,
            preview: { workers: 0 },
            localGit: { enabled: true, directory },
          },
        },
      }),
    ],
  });
  return server;
}

describe('POST /api/iac/upgrade/preview', () => {
  const directory = tmp('iacforge-git-');
  const location =
    'url:http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml';

  beforeAll(async () => {
    const result = requireGenerated(
      IacEngine.fromRoots([FIXTURE_ROOT]).generate('helm', payload),
    );
    const ws = tmp('iacforge-ws-');
    await writeFiles(ws, [
      ...result.files,
      {
        path: '.iacforge/answers.json',
        content: answersFile(result, undefined),
      },
    ]);
    const repos = new LocalGitRepositories(directory);
    await repos.createAndPush({
      owner: 'team',
      repo: 'payments',
      sourceDir: ws,
      pristineBranch: 'iacforge/generated',
    });
    const clone = tmp('iacforge-clone-');
    git(clone, 'clone', '--quiet', repos.repoDir('team', 'payments'), '.');
    const values = path.join(clone, 'charts/payments/values.yaml');
    fs.writeFileSync(
      values,
      fs
        .readFileSync(values, 'utf8')
        .replace('tag: "1.27"', 'tag: "1.27-patched"'),
    );
    fs.writeFileSync(path.join(clone, 'NOTES.md'), 'ours\n');
    git(clone, 'commit', '-qam', 'hand edit');
    git(clone, 'add', 'NOTES.md');
    git(clone, 'commit', '-qm', 'notes');
    git(clone, 'push', '--quiet', 'origin', 'main');
  });

  it('answers the diff against main and the predicted conflicts, moving no ref', async () => {
    const server = await start(directory, AuthorizeResult.ALLOW);
    const bare = path.join(directory, 'team/payments.git');
    const refs = git(bare, 'for-each-ref');
    const res = await request(server)
      .post('/api/iac/upgrade/preview')
      .send({ location, answers: { helm_context: { image_tag: '1.28' } } })
      .expect(200);
    expect(res.body.status).toBe('dry-run');
    expect(res.body.answersChanged).toEqual(['helm_context.image_tag']);
    expect(res.body.conflicts).toEqual([
      expect.objectContaining({
        path: 'charts/payments/values.yaml',
        types: ['content'],
        hunks: [
          expect.objectContaining({
            ours: ['  tag: "1.27-patched"'],
            theirs: ['  tag: "1.28"'],
          }),
        ],
      }),
    ]);
    const values = res.body.diff.find(
      (f: { path: string }) => f.path === 'charts/payments/values.yaml',
    );
    expect(values.patch).toContain('+  tag: "1.28"');
    expect(res.body.diff.map((f: { path: string }) => f.path)).not.toContain(
      'NOTES.md',
    );
    expect(res.body.summary).toContain(
      '## Conflicts (1 file(s), 1 hunk(s)): resolve them on the branch',
    );
    expect(git(bare, 'for-each-ref')).toBe(refs);
  });

  it('bad input: a clear 400 (field paths for answers), 404 for an unknown repository, 403 without iac.upgrade', async () => {
    const server = await start(directory, AuthorizeResult.ALLOW);
    const invalid = await request(server)
      .post('/api/iac/upgrade/preview')
      .send({ location, answers: { helm_context: { image_tag: 'latest' } } })
      .expect(400);
    expect(invalid.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'helm_context.image_tag',
    ]);
    const other = await request(server)
      .post('/api/iac/upgrade/preview')
      .send({ location: 'url:https://github.com/acme/x/blob/main/a.yaml' })
      .expect(400);
    expect(other.body.error.message).toMatch(/is not on the portal's git host/);
    await request(server)
      .post('/api/iac/upgrade/preview')
      .send({
        location: 'http://localhost:7007/api/iac/git/team/none/blob/main/x',
      })
      .expect(404);

    const denied = await start(directory, AuthorizeResult.DENY);
    const res = await request(denied)
      .post('/api/iac/upgrade/preview')
      .send({ location })
      .expect(403);
    expect(res.body.error.message).toMatch(/iac\.upgrade/);
  });
});
