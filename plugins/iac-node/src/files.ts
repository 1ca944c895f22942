import fs from 'node:fs/promises';
import path from 'node:path';
import { normalizeOutputPath } from './render/paths';

/** A file to write: a path relative to the output folder, bytes, a unix mode. */
export type FileToWrite = {
  path: string;
  content: Buffer | string;
  mode?: number;
};

/**
 * Writes files under a folder, creating parent folders, with their modes
 * (default 0644) set explicitly, so the umask cannot drop an executable bit.
 * Every path is normalised first: none can leave the folder.
 */
export async function writeFiles(
  dir: string,
  files: FileToWrite[],
): Promise<void> {
  for (const file of files) {
    const target = path.join(dir, normalizeOutputPath(file.path));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
    await fs.chmod(target, file.mode ?? 0o644);
  }
}
