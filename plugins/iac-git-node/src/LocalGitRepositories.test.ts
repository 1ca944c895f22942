import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitRepositories, RepositoryError } from './LocalGitRepositories';

function tmp(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('LocalGitRepositories', () => {
  const root = tmp('iacforge-repos-');
  const repos = new LocalGitRepositories(root);
  const source = tmp('iacforge-src-');
  fs.mkdirSync(path.join(source, 'scripts'));
  fs.writeFileSync(path.join(source, 'catalog-info.yaml'), 'kind: Component\n');
  fs.writeFileSync(path.join(source, 'scripts/run.sh'), '#!/bin/sh\n', {
    mode: 0o755,
  });

  it('creates a bare repository from a folder; a real git clone gets the files', async () => {
    const { commit, branch } = await repos.createAndPush({
      owner: 'team',
      repo: 'payments',
      sourceDir: source,
    });
    expect(branch).toBe('main');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    const clone = tmp('iacforge-clone-');
    execFileSync('git', [
      'clone',
      '--quiet',
      repos.repoDir('team', 'payments'),
      clone,
    ]);
    expect(fs.readFileSync(path.join(clone, 'catalog-info.yaml'), 'utf8')).toBe(
      'kind: Component\n',
    );
    expect(
      fs.statSync(path.join(clone, 'scripts/run.sh')).mode & 0o111,
    ).not.toBe(0);
    expect(await repos.resolveRef('team', 'payments', 'main')).toBe(commit);
  });

  it('reads files at a ref', async () => {
    expect(
      (
        await repos.readFile('team', 'payments', 'main', 'catalog-info.yaml')
      )?.toString(),
    ).toBe('kind: Component\n');
    expect(
      await repos.readFile('team', 'payments', 'main', 'missing.txt'),
    ).toBeUndefined();
    await expect(repos.readFile('team', 'nope', 'main', 'x')).rejects.toThrow(
      /not found/,
    );
    await expect(
      repos.readFile('team', 'payments', '--upload-pack=x', 'x'),
    ).rejects.toThrow(/Invalid ref/);
  });

  it('refuses to overwrite a repository and rejects unsafe names', async () => {
    await expect(
      repos.createAndPush({
        owner: 'team',
        repo: 'payments',
        sourceDir: source,
      }),
    ).rejects.toThrow(/already exists/);
    for (const [owner, repo] of [
      ['..', 'x'],
      ['team', '../x'],
      ['team', 'x.git'],
      ['.hidden', 'x'],
      ['a b', 'x'],
    ]) {
      expect(() => repos.repoDir(owner, repo)).toThrow(RepositoryError);
    }
  });
});
