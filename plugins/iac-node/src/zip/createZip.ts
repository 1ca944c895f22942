/*
 * Deterministic ZIP archives: entries in path order, one fixed timestamp,
 * unix modes kept (scripts stay executable). The same files give the same
 * bytes, whatever the machine's clock or time zone.
 */
import archiver from 'archiver';
import { comparePaths, normalizeOutputPath } from '../render/paths';

/** The timestamp of every entry: 1980-01-01 00:00, the first DOS date. */
function fixedDate(): Date {
  // ZIP stores local date/time fields: build them from local components so
  // the stored fields do not depend on the time zone.
  return new Date(1980, 0, 1, 0, 0, 0);
}

export type ZipEntry = {
  path: string;
  content: Buffer | string;
  mode?: number;
};

/**
 * Creates a ZIP of the entries. Every path is validated first (archiver only
 * strips a leading `../` or `/`: `a/../../x` would go into the ZIP as is).
 * With `root`, entries are placed under that folder.
 */
export async function createZip(
  entries: ZipEntry[],
  options: { root?: string } = {},
): Promise<Buffer> {
  const root = options.root ? normalizeOutputPath(options.root) : '';
  const files = entries
    .map(e => ({
      name: normalizeOutputPath(root ? `${root}/${e.path}` : e.path),
      content:
        typeof e.content === 'string'
          ? Buffer.from(e.content, 'utf8')
          : e.content,
      mode: e.mode ?? 0o644,
    }))
    .sort((a, b) => comparePaths(a.name, b.name));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) {
      throw new Error(`Duplicate ZIP entry ${JSON.stringify(f.name)}`);
    }
    seen.add(f.name);
  }

  const archive = archiver('zip', { zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('error', reject);
    archive.on('warning', reject);
    archive.on('end', () => resolve(Buffer.concat(chunks)));
  });
  const date = fixedDate();
  for (const f of files) {
    archive.append(f.content, { name: f.name, date, mode: f.mode });
  }
  await archive.finalize();
  return done;
}
