import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishLocalAction, parseRepoUrl } from './publishLocal';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe('iac:publish:local', () => {
  const directory = tmp('iacforge-git-');
  const action = createPublishLocalAction({
    directory,
    baseUrl: 'http://localhost:7007/api/iac/git',
  });

  it('publishes the workspace as a new repository with clone and catalog URLs', async () => {
    const workspacePath = tmp('iacforge-ws-');
    fs.writeFileSync(
      path.join(workspacePath, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=team&repo=payments' },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'http://localhost:7007/api/iac/git/team/payments.git',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml',
    );
    const clone = tmp('iacforge-clone-');
    execFileSync('git', [
      'clone',
      '--quiet',
      path.join(directory, 'team/payments.git'),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8')).toBe(
      'kind: Component\n',
    );
  });

  it('a generated workspace also gets the pristine branch upgrades merge from, at the same commit as main', async () => {
    const workspacePath = tmp('iacforge-ws-');
    fs.mkdirSync(path.join(workspacePath, '.iacforge'));
    fs.writeFileSync(
      path.join(workspacePath, '.iacforge/answers.json'),
      '{}\n',
    );
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=team&repo=generated' },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'pristineBranch',
      'iacforge/generated',
    );
    const bare = path.join(directory, 'team/generated.git');
    const rev = (ref: string) =>
      execFileSync('git', ['--git-dir', bare, 'rev-parse', ref], {
        encoding: 'utf8',
      }).trim();
    expect(rev('iacforge/generated')).toBe(rev('main'));
  });

  it('refuses to overwrite an existing repository, with a clear message', async () => {
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=team&repo=payments' },
      workspacePath: tmp('iacforge-ws-'),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Repository team/payments already exists',
    );
  });

  it('concurrent tasks publishing one new repository: one wins, the others fail with "already exists"', async () => {
    const contexts = [0, 1, 2].map(i => {
      const workspacePath = tmp('iacforge-ws-');
      fs.writeFileSync(path.join(workspacePath, 'task.txt'), `${i}\n`);
      return createMockActionContext({
        input: { repoUrl: 'localhost?owner=team&repo=race' },
        workspacePath,
      });
    });
    const results = await Promise.allSettled(
      contexts.map(ctx => action.handler(ctx as any)),
    );
    const winners = results.flatMap((r, i) =>
      r.status === 'fulfilled' ? [i] : [],
    );
    expect(winners).toHaveLength(1);
    const errors = results.flatMap(r =>
      r.status === 'rejected' ? [`${r.reason.name}: ${r.reason.message}`] : [],
    );
    expect(errors).toEqual([
      'InputError: Repository team/race already exists',
      'InputError: Repository team/race already exists',
    ]);
    const commit = (contexts[winners[0]].output as jest.Mock).mock.calls.find(
      ([name]) => name === 'commitHash',
    )[1];
    expect(
      execFileSync(
        'git',
        [
          '--git-dir',
          path.join(directory, 'team/race.git'),
          'rev-parse',
          'main',
        ],
        { encoding: 'utf8' },
      ).trim(),
    ).toBe(commit);
  });

  it('validates the repository location', async () => {
    expect(parseRepoUrl('localhost?owner=a&repo=b')).toEqual({
      host: 'localhost',
      owner: 'a',
      repo: 'b',
    });
    expect(() => parseRepoUrl('localhost?owner=a')).toThrow(
      /expected "<host>\?owner=<owner>&repo=<repo>"/,
    );
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=a&repo=../../etc' },
      workspacePath: tmp('iacforge-ws-'),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Invalid repository name/,
    );
  });
});
