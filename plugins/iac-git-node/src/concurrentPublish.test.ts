/*
 * Several publishers racing for the same new repository: exactly one wins,
 * the others fail with "already exists" and leave the winner's repository
 * (and its commit) alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitRepositories, RepositoryError } from './LocalGitRepositories';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function sourceWith(content: string): string {
  const dir = tmp('iacforge-src-');
  fs.writeFileSync(path.join(dir, 'who.txt'), content);
  return dir;
}

describe('concurrent publishes of one repository', () => {
  it('exactly one of five wins; the others fail cleanly; the winner commit stays', async () => {
    const repos = new LocalGitRepositories(tmp('iacforge-race-'));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        repos.createAndPush({
          owner: 'team',
          repo: 'payments',
          sourceDir: sourceWith(`task ${i}\n`),
        }),
      ),
    );
    const won = results.flatMap((r, i) =>
      r.status === 'fulfilled' ? [{ i, commit: r.value.commit }] : [],
    );
    const lost = results.flatMap(r =>
      r.status === 'rejected' ? [r.reason as Error] : [],
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const error of lost) {
      expect(error).toBeInstanceOf(RepositoryError);
      expect(error.message).toBe('Repository team/payments already exists');
    }
    // the winner's commit is the branch head, with the winner's files
    expect(await repos.resolveRef('team', 'payments', 'main')).toBe(
      won[0].commit,
    );
    expect(
      (await repos.readFile('team', 'payments', 'main', 'who.txt'))?.toString(),
    ).toBe(`task ${won[0].i}\n`);
    // nothing else left in the owner's folder
    expect(
      fs.readdirSync(path.dirname(repos.repoDir('team', 'payments'))),
    ).toEqual(['payments.git']);
  });

  it('a failed publish removes only what it created itself', async () => {
    const repos = new LocalGitRepositories(tmp('iacforge-race-'));
    await repos.createAndPush({
      owner: 'team',
      repo: 'orders',
      sourceDir: sourceWith('first\n'),
    });
    const before = await repos.resolveRef('team', 'orders', 'main');
    // a push that fails (missing source folder) under another name ...
    await expect(
      repos.createAndPush({
        owner: 'team',
        repo: 'broken',
        sourceDir: path.join(tmp('iacforge-gone-'), 'missing'),
      }),
    ).rejects.toThrow();
    expect(repos.exists('team', 'broken')).toBe(false);
    // ... and one under the existing name: the existing repository stays
    await expect(
      repos.createAndPush({
        owner: 'team',
        repo: 'orders',
        sourceDir: sourceWith('second\n'),
      }),
    ).rejects.toThrow(/already exists/);
    expect(await repos.resolveRef('team', 'orders', 'main')).toBe(before);
    expect(
      execFileSync(
        'git',
        ['--git-dir', repos.repoDir('team', 'orders'), 'fsck'],
        {
          encoding: 'utf8',
        },
      ),
    ).toBe('');
  });
});
