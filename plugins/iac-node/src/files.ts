import fs from 'node:fs/promises';
import path from 'node:path';
import { normalizeOutputPath } from './render/paths';

/** A file to write: a path relative to the output folder, bytes, a unix mode. */
export type FileToWrite = {
  path: string;
  content: Buffer | string;
  mode?: number;
};

/** How many files are written at once. */
const WRITE_CONCURRENCY = 32;

/** The process umask, read without changing it. */
function currentUmask(): number {
  // process.umask() with no argument reads it; it is allowed in workers
  return process.umask();
}

/**
 * Writes files under a folder, creating parent folders, with their modes
 * (default 0644). Every path is normalised (none can leave the folder)
 * before anything is written. Each folder is created once, files are
 * written in parallel with their mode at creation, and a mode the umask
 * would narrow (e.g. 0755 under umask 077) is set explicitly after.
 */
export async function writeFiles(
  dir: string,
  files: FileToWrite[],
): Promise<void> {
  const targets = files.map(file => ({
    file,
    target: path.join(dir, normalizeOutputPath(file.path)),
  }));
  const folders = new Set(targets.map(t => path.dirname(t.target)));
  // deepest folders only: `mkdir -p` creates their parents
  const leaves = [...folders].filter(
    folder =>
      ![...folders].some(
        other => other !== folder && other.startsWith(`${folder}${path.sep}`),
      ),
  );
  await Promise.all(leaves.map(f => fs.mkdir(f, { recursive: true })));

  const umask = currentUmask();
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const { file, target } = targets[next++];
      const mode = file.mode ?? 0o644;
      // a new file gets its mode at creation; an existing one keeps its old
      // mode, and the umask may narrow a new one: both are set explicitly
      let handle = await fs.open(target, 'wx', mode).catch(error => {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return undefined;
        }
        throw error;
      });
      const existed = !handle;
      handle ??= await fs.open(target, 'w', mode);
      try {
        await handle.writeFile(file.content);
        if (existed || (mode & ~umask) !== mode) {
          await handle.chmod(mode);
        }
      } finally {
        await handle.close();
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(WRITE_CONCURRENCY, targets.length) }, worker),
  );
}
