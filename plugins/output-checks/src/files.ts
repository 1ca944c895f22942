import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FileInput } from './types';

/** File contents by normalised relative path (`a/b.yaml`). */
export type FileMap = Map<string, string>;

/** Extensions whose files are read in directory mode. */
const READ_EXTENSIONS = ['.yaml', '.yml', '.json', '.tf', '.tfvars', '.hcl'];

export const DEFAULT_IGNORED_DIRECTORIES = [
  '.git',
  'node_modules',
  '.terraform',
  '.terragrunt-cache',
];

/** Files larger than this are not read (generated output is small). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function normalizePath(file: string): string {
  const posix = file.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  const trimmed = posix.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
  return path.posix.normalize(trimmed || '.');
}

export function toFileMap(input: FileInput): FileMap {
  const entries: Array<[string, string | Buffer]> =
    input instanceof Map ? [...input.entries()] : Object.entries(input);
  const map: FileMap = new Map();
  for (const [file, content] of entries) {
    map.set(
      normalizePath(file),
      typeof content === 'string' ? content : content.toString('utf8'),
    );
  }
  return map;
}

export function hasExtension(file: string, ...extensions: string[]): boolean {
  const lower = file.toLowerCase();
  return extensions.some(ext => lower.endsWith(ext));
}

export function isYamlFile(file: string): boolean {
  return hasExtension(file, '.yaml', '.yml');
}

export function isWorkflowFile(file: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(file);
}

/** Directory of a file (`.` for top-level files). */
export function dirOf(file: string): string {
  return path.posix.dirname(file);
}

/** Joins a chart-relative path onto a chart directory. */
export function joinRel(dir: string, file: string): string {
  return normalizePath(dir === '.' ? file : `${dir}/${file}`);
}

/**
 * Chart directories (those holding a `Chart.yaml`), outermost first. Charts
 * nested in another chart (its `charts/` dependencies) are included.
 */
export function findChartDirs(files: Iterable<string>): string[] {
  const dirs: string[] = [];
  for (const file of files) {
    if (path.posix.basename(file) === 'Chart.yaml') {
      dirs.push(dirOf(file));
    }
  }
  return dirs.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

function depth(dir: string): number {
  return dir === '.' ? 0 : dir.split('/').length;
}

export function isInside(file: string, dir: string): boolean {
  return dir === '.' || file === dir || file.startsWith(`${dir}/`);
}

/** The innermost chart directory containing `file`, if any. */
export function chartOf(file: string, chartDirs: string[]): string | undefined {
  let best: string | undefined;
  for (const dir of chartDirs) {
    if (isInside(file, dir) && (!best || depth(dir) > depth(best))) {
      best = dir;
    }
  }
  return best;
}

/** Charts that are not inside another chart: those helm is run on. */
export function topLevelCharts(chartDirs: string[]): string[] {
  return chartDirs.filter(
    dir => !chartDirs.some(other => other !== dir && isInside(dir, other)),
  );
}

/**
 * Calls `visit` for every entry under `root` that is not a directory (files,
 * symbolic links), with its absolute and relative path; directories named in
 * `ignoredDirectories` are not entered.
 */
async function walkTree(
  root: string,
  ignoredDirectories: string[],
  visit: (abs: string, rel: string, entry: Dirent) => Promise<void>,
): Promise<void> {
  const ignored = new Set(ignoredDirectories);
  async function walk(dir: string, rel: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    await Promise.all(
      entries.map(async entry => {
        const abs = path.join(dir, entry.name);
        const relPath = rel ? `${rel}/${entry.name}` : entry.name;
        if (!entry.isDirectory()) {
          await visit(abs, relPath, entry);
        } else if (!ignored.has(entry.name)) {
          await walk(abs, relPath);
        }
      }),
    );
  }
  await walk(root, '');
}

/** Reads the checkable files of a directory tree into a {@link FileMap}. */
export async function readDirectory(
  root: string,
  ignoredDirectories: string[] = DEFAULT_IGNORED_DIRECTORIES,
): Promise<FileMap> {
  const files: FileMap = new Map();
  await walkTree(root, ignoredDirectories, async (abs, rel, entry) => {
    if (!entry.isFile() || !hasExtension(entry.name, ...READ_EXTENSIONS)) {
      return;
    }
    const stat = await fs.stat(abs);
    if (stat.size <= MAX_FILE_BYTES) {
      files.set(rel, await fs.readFile(abs, 'utf8'));
    }
  });
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * sha256 of every file under `root` (all files, not only the checkable
 * ones: a chart's `_helpers.tpl` or `NOTES.txt` changes what helm reports),
 * by relative path, sorted. Symbolic links count by their target path.
 */
export async function digestTree(
  root: string,
  ignoredDirectories: string[] = DEFAULT_IGNORED_DIRECTORIES,
): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  await walkTree(root, ignoredDirectories, async (abs, rel, entry) => {
    if (entry.isSymbolicLink()) {
      digests.set(rel, `link:${await fs.readlink(abs).catch(() => '?')}`);
    } else if (entry.isFile()) {
      digests.set(
        rel,
        createHash('sha256')
          .update(await fs.readFile(abs))
          .digest('hex'),
      );
    }
  });
  return new Map([...digests.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
