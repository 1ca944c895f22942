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
