/*
 * The template folder as one JSON file, for the published package.
 *
 * `yarn pack` (and `npm pack`) always leave out `.github` folders and
 * `.gitignore` files, and honour nested `.gitignore` files as ignore rules.
 * The trees hold exactly such files (workflows, Terraform's .gitignore), so
 * the package ships them as a bundle written at prepack and unpacked once,
 * on first use, into a folder named by the bundle's content hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Format tag of the bundle file. */
export const BUNDLE_FORMAT = 'iacforge-templates-bundle/1';

export type BundleEntry = {
  /** Relative path, `/`-separated. */
  path: string;
  /** 0o755 for executable files, else 0o644. */
  mode: number;
  encoding: 'utf8' | 'base64';
  content: string;
};

export type TemplateBundle = {
  format: typeof BUNDLE_FORMAT;
  /** sha256 over every entry's path, mode and bytes. */
  hash: string;
  files: BundleEntry[];
};

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = fs
    .readdirSync(path.join(root, rel), { withFileTypes: true })
    .sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name));
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      out.push(...listFiles(root, child));
    } else if (entry.isFile()) {
      out.push(child);
    } else {
      throw new Error(
        `${path.join(root, child)}: only files and folders can be bundled`,
      );
    }
  }
  return out;
}

/** Reads every file under `root` into a bundle (sorted, deterministic). */
export function createBundle(root: string): TemplateBundle {
  const hash = createHash('sha256');
  const files = listFiles(root).map((rel): BundleEntry => {
    const abs = path.join(root, rel);
    const bytes = fs.readFileSync(abs);
    const mode = fs.statSync(abs).mode & 0o111 ? 0o755 : 0o644;
    hash.update(`${rel}\0${mode}\0${bytes.length}\0`).update(bytes);
    const text = bytes.toString('utf8');
    return Buffer.from(text, 'utf8').equals(bytes)
      ? { path: rel, mode, encoding: 'utf8', content: text }
      : {
          path: rel,
          mode,
          encoding: 'base64',
          content: bytes.toString('base64'),
        };
  });
  return { format: BUNDLE_FORMAT, hash: hash.digest('hex'), files };
}

/** Parses a bundle file, refusing anything that is not one. */
export function readBundle(file: string): TemplateBundle {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateBundle;
  if (bundle?.format !== BUNDLE_FORMAT || !Array.isArray(bundle.files)) {
    throw new Error(
      `${file} is not an IaC Forge template bundle (${BUNDLE_FORMAT})`,
    );
  }
  return bundle;
}

function safeTarget(dir: string, rel: string): string {
  const target = path.resolve(dir, ...rel.split('/'));
  if (!target.startsWith(dir + path.sep) || rel.includes('\\')) {
    throw new Error(
      `template bundle entry ${JSON.stringify(rel)} leaves its folder`,
    );
  }
  return target;
}

/**
 * Unpacks the bundle into `<parent>/iacforge-templates-<hash>` unless that
 * folder exists already, and returns the folder. Writes into a temporary
 * sibling first and renames it, so the folder is either complete or absent
 * (several processes may start at once).
 */
export function unpackBundle(bundle: TemplateBundle, parent: string): string {
  const dir = path.join(
    path.resolve(parent),
    `iacforge-templates-${bundle.hash.slice(0, 16)}`,
  );
  if (fs.existsSync(dir)) {
    return dir;
  }
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  try {
    for (const entry of bundle.files) {
      const target = safeTarget(tmp, entry.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, Buffer.from(entry.content, entry.encoding), {
        mode: entry.mode === 0o755 ? 0o755 : 0o644,
      });
    }
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      if (!fs.existsSync(dir)) {
        throw error;
      }
      // another process unpacked the same bundle first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
