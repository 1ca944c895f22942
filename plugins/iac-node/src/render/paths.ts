/*
 * Output paths: POSIX, relative, normalised. Anything that would leave the
 * output root (absolute paths, `..` segments, drive letters, NUL, backslashes)
 * is rejected, whether it comes from a template tree or from a user value
 * rendered into a path.
 */

/** Thrown when a path would escape the output root or is malformed. */
export class UnsafePathError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`Unsafe output path ${JSON.stringify(path)}: ${reason}`);
    this.name = 'UnsafePathError';
    this.path = path;
  }
}

/**
 * Normalises a relative output path: collapses `.` and empty segments and
 * rejects anything that is not a plain relative path inside the root.
 */
export function normalizeOutputPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new UnsafePathError(String(path), 'empty path');
  }
  if (path.length > 1024) {
    throw new UnsafePathError(path.slice(0, 64), 'longer than 1024 characters');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    throw new UnsafePathError(path, 'contains control characters');
  }
  if (path.includes('\\')) {
    throw new UnsafePathError(path, 'contains a backslash');
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new UnsafePathError(path, 'is absolute');
  }
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      throw new UnsafePathError(path, 'contains a ".." segment');
    }
    segments.push(segment);
  }
  if (segments.length === 0) {
    throw new UnsafePathError(path, 'points at the output root itself');
  }
  return segments.join('/');
}

/** Recently joined paths (the same few hundred files render again and again). */
const joined = new Map<string, string>();
const JOINED_MAX = 10_000;

/** Joins a (possibly empty) prefix and a relative path, then normalises. */
export function joinOutputPath(prefix: string, path: string): string {
  const raw = prefix ? `${prefix}/${path}` : path;
  let out = joined.get(raw);
  if (out === undefined) {
    out = normalizeOutputPath(raw); // throws for unsafe paths: never stored
    if (joined.size >= JOINED_MAX) {
      joined.clear();
    }
    joined.set(raw, out);
  }
  return out;
}

/** Orders paths by their UTF-16 code units: stable across machines and locales. */
export function comparePaths(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
