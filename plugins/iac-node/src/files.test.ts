import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFiles } from './files';
import { UnsafePathError } from './render/paths';

describe('writeFiles', () => {
  it('writes nested files with their modes, whatever the umask', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-write-'));
    const umask = process.umask(0o077);
    try {
      await writeFiles(dir, [
        { path: 'a/b/run.sh', content: '#!/bin/sh\n', mode: 0o755 },
        { path: './c.txt', content: Buffer.from('c') },
      ]);
    } finally {
      process.umask(umask);
    }
    expect(fs.readFileSync(path.join(dir, 'a/b/run.sh'), 'utf8')).toBe(
      '#!/bin/sh\n',
    );
    expect(fs.statSync(path.join(dir, 'a/b/run.sh')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(dir, 'c.txt')).mode & 0o777).toBe(0o644);
  });

  it('refuses paths that would leave the folder, writing nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-write-'));
    await expect(
      writeFiles(dir, [{ path: '../escape', content: 'x' }]),
    ).rejects.toThrow(UnsafePathError);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('writeFiles over existing files', () => {
  it('replaces content and mode of files that already exist', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-write-'));
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, 'a/run.sh'), 'old and longer\n');
    fs.chmodSync(path.join(dir, 'a/run.sh'), 0o600);
    await writeFiles(dir, [
      { path: 'a/run.sh', content: 'new\n', mode: 0o755 },
    ]);
    expect(fs.readFileSync(path.join(dir, 'a/run.sh'), 'utf8')).toBe('new\n');
    expect(fs.statSync(path.join(dir, 'a/run.sh')).mode & 0o777).toBe(0o755);
  });

  it('writes many files in many folders, each with its own bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-write-'));
    const files = Array.from({ length: 200 }, (_, i) => ({
      path: `d${i % 7}/e${i % 3}/f${i}.txt`,
      content: `file ${i}\n`,
    }));
    await writeFiles(dir, files);
    for (const file of files) {
      expect(fs.readFileSync(path.join(dir, file.path), 'utf8')).toBe(
        file.content,
      );
    }
  });
});
