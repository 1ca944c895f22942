/*
 * Template trees discovered from configured roots. A tree is a folder with a
 * `template.yaml` (or `template.json`) manifest at its root; everything else
 * in the folder is the tree's content, except its `_partials/` folder:
 * sources that the tree's templates `{% include %}` and that are never
 * written themselves. Trees are read once into memory and their `.njk` files
 * precompiled; partials are checked like templates when the tree is loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import YAML from 'yaml';
import {
  TemplateManifest,
  templateManifestSchema,
} from '@iacforge/plugin-iac-common';
import { createEnvironment, findUnescapedPrints } from '../render/environment';
import { comparePaths, normalizeOutputPath } from '../render/paths';

export const MANIFEST_FILES = ['template.yaml', 'template.json'] as const;
export const TEMPLATE_SUFFIX = '.njk';
/** The folder, at a tree's root, of sources included by its templates and never written. */
export const PARTIALS_DIR = '_partials';

/** A file of a template tree. */
export type TreeFile = {
  /** POSIX path relative to the tree root, as stored (with `.njk`). */
  source: string;
  /** Output path relative to the tree's target (without `.njk`). */
  output: string;
  /** 0o755 for executables, else 0o644. */
  mode: number;
  /** Raw bytes (copied as is when `template` is undefined). */
  content: Buffer;
  /** Precompiled template for `.njk` files. */
  template?: nunjucks.Template;
};

/** A loaded template tree. */
export type TemplateTree = {
  manifest: TemplateManifest;
  /** Absolute folder of the tree. */
  dir: string;
  files: TreeFile[];
  /** Paths of the tree's partials, relative to the tree root (`_partials/...`). */
  partials: string[];
  /** Precompiled `target` path template, when the manifest has one. */
  target?: nunjucks.Template;
};

/** A template tree that could not be loaded: where and why. */
export class TemplateLoadError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'TemplateLoadError';
  }
}

function readManifest(
  dir: string,
): { file: string; data: unknown } | undefined {
  for (const name of MANIFEST_FILES) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) {
      const text = fs.readFileSync(file, 'utf8');
      try {
        return {
          file,
          data: name.endsWith('.json') ? JSON.parse(text) : YAML.parse(text),
        };
      } catch (error) {
        throw new TemplateLoadError(
          file,
          `cannot parse: ${(error as Error).message}`,
        );
      }
    }
  }
  return undefined;
}

function listTreeFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => comparePaths(a.name, b.name));
  for (const entry of entries) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (
        entry.name !== '.git' &&
        entry.name !== 'node_modules' &&
        !(rel === '' && entry.name === PARTIALS_DIR)
      ) {
        out.push(...listTreeFiles(dir, relPath));
      }
    } else if (entry.isFile()) {
      if (
        !(
          rel === '' &&
          (MANIFEST_FILES as readonly string[]).includes(entry.name)
        )
      ) {
        out.push(relPath);
      }
    } else if (entry.isSymbolicLink()) {
      throw new TemplateLoadError(
        path.join(dir, relPath),
        'symbolic links are not allowed in template trees',
      );
    }
  }
  return out;
}

function compile(
  env: nunjucks.Environment,
  file: string,
  source: string,
): nunjucks.Template {
  const unescaped = findUnescapedPrints(source);
  if (unescaped.length > 0) {
    const first = unescaped[0];
    throw new TemplateLoadError(
      `${file}:${first.line}`,
      `"{= ${first.expression} =}" prints a value without an escaping filter; ` +
        'end it with | yaml_str, | hcl_str, | json, | yaml, | md, | num, | bool or | ident',
    );
  }
  try {
    return new nunjucks.Template(source, env, file, true);
  } catch (error) {
    throw new TemplateLoadError(file, (error as Error).message);
  }
}

/**
 * Reads and checks a tree's partials: every one is template source (an
 * include renders it, whatever its suffix), so each print must end with an
 * escaping filter and the syntax must compile, at load time. Returns their
 * paths relative to the tree root.
 */
function checkPartials(dir: string, env: nunjucks.Environment): string[] {
  const partialsDir = path.join(dir, PARTIALS_DIR);
  if (!fs.existsSync(partialsDir)) {
    return [];
  }
  if (!fs.lstatSync(partialsDir).isDirectory()) {
    throw new TemplateLoadError(
      partialsDir,
      `${PARTIALS_DIR} must be a folder`,
    );
  }
  return listTreeFiles(partialsDir).map(rel => {
    const abs = path.join(partialsDir, rel);
    compile(env, abs, fs.readFileSync(abs, 'utf8'));
    return `${PARTIALS_DIR}/${rel}`;
  });
}

/** Loads one tree from its folder. */
export function loadTree(
  dir: string,
  env: nunjucks.Environment,
): TemplateTree | undefined {
  const raw = readManifest(dir);
  if (!raw) {
    return undefined;
  }
  const parsed = templateManifestSchema.safeParse(raw.data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new TemplateLoadError(raw.file, `invalid manifest: ${issues}`);
  }
  const manifest = parsed.data;
  const files: TreeFile[] = listTreeFiles(dir).map(source => {
    const abs = path.join(dir, source);
    const content = fs.readFileSync(abs);
    const mode = fs.statSync(abs).mode & 0o111 ? 0o755 : 0o644;
    const isTemplate = source.endsWith(TEMPLATE_SUFFIX);
    const output = isTemplate
      ? source.slice(0, -TEMPLATE_SUFFIX.length)
      : source;
    try {
      normalizeOutputPath(output);
    } catch (error) {
      throw new TemplateLoadError(abs, (error as Error).message);
    }
    return {
      source,
      output,
      mode,
      content,
      template: isTemplate
        ? compile(env, abs, content.toString('utf8'))
        : undefined,
    };
  });
  const partials = checkPartials(dir, env);
  const target = manifest.target
    ? compile(env, `${raw.file} (target)`, manifest.target)
    : undefined;
  return { manifest, dir, files, partials, target };
}

/** Walks the roots; each folder holding a manifest is a tree (not descended into). */
function discover(root: string): string[] {
  if (!fs.existsSync(root)) {
    return [];
  }
  if (readManifestExists(root)) {
    return [root];
  }
  const dirs: string[] = [];
  const entries = fs
    .readdirSync(root, { withFileTypes: true })
    .filter(
      e =>
        e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'),
    )
    .map(e => e.name)
    .sort();
  for (const name of entries) {
    dirs.push(...discover(path.join(root, name)));
  }
  return dirs;
}

function readManifestExists(dir: string): boolean {
  return MANIFEST_FILES.some(name => fs.existsSync(path.join(dir, name)));
}

/**
 * Applies `extends`: a tree inherits its parent's files (recursively); its
 * own file with the same output path replaces the inherited one. The
 * parent's conditional file rules apply to inherited files, the child's to
 * all. Unknown parents and cycles are load errors.
 */
function resolveExtends(trees: TemplateTree[]): TemplateTree[] {
  const byKey = new Map(
    trees.map(t => [`${t.manifest.kind}/${t.manifest.name}`, t]),
  );
  const resolved = new Map<string, TemplateTree>();
  const resolve = (tree: TemplateTree, chain: string[]): TemplateTree => {
    const key = `${tree.manifest.kind}/${tree.manifest.name}`;
    const done = resolved.get(key);
    if (done) {
      return done;
    }
    if (!tree.manifest.extends) {
      resolved.set(key, tree);
      return tree;
    }
    const parentKey = `${tree.manifest.kind}/${tree.manifest.extends}`;
    if (chain.includes(parentKey)) {
      throw new TemplateLoadError(
        tree.dir,
        `extends cycle: ${[...chain, parentKey].join(' -> ')}`,
      );
    }
    const parentTree = byKey.get(parentKey);
    if (!parentTree) {
      throw new TemplateLoadError(
        tree.dir,
        `extends unknown ${tree.manifest.kind} template "${tree.manifest.extends}"`,
      );
    }
    const parent = resolve(parentTree, [...chain, key]);
    const own = new Set(tree.files.map(f => f.output));
    const merged: TemplateTree = {
      ...tree,
      manifest: {
        ...tree.manifest,
        files: [
          ...(parent.manifest.files ?? []),
          ...(tree.manifest.files ?? []),
        ],
      },
      files: [
        ...parent.files.filter(f => !own.has(f.output)),
        ...tree.files,
      ].sort((a, b) => comparePaths(a.output, b.output)),
      target: tree.target ?? parent.target,
    };
    resolved.set(key, merged);
    return merged;
  };
  return trees.map(t => resolve(t, [`${t.manifest.kind}/${t.manifest.name}`]));
}

/** The set of template trees the engine can render. */
export class TemplateRegistry {
  private readonly trees: Map<string, TemplateTree>;

  private constructor(trees: TemplateTree[], readonly roots: string[] = []) {
    this.trees = new Map(
      trees.map(t => [`${t.manifest.kind}/${t.manifest.name}`, t]),
    );
  }

  /**
   * Loads every tree under the roots. Two trees of the same kind and name
   * are an error (a later root does not silently shadow an earlier one).
   */
  static load(roots: string[]): TemplateRegistry {
    const absRoots = roots.map(r => path.resolve(r));
    const env = createEnvironment(absRoots);
    const trees: TemplateTree[] = [];
    const seen = new Map<string, string>();
    for (const root of absRoots) {
      for (const dir of discover(root)) {
        const tree = loadTree(dir, env);
        if (!tree) {
          continue;
        }
        const key = `${tree.manifest.kind}/${tree.manifest.name}`;
        const previous = seen.get(key);
        if (previous) {
          throw new TemplateLoadError(
            dir,
            `duplicate ${tree.manifest.kind} template "${tree.manifest.name}" (also in ${previous})`,
          );
        }
        seen.set(key, dir);
        trees.push(tree);
      }
    }
    return new TemplateRegistry(resolveExtends(trees), absRoots);
  }

  /** Every tree, sorted by kind then name. */
  list(): TemplateTree[] {
    return [...this.trees.entries()]
      .sort(([a], [b]) => comparePaths(a, b))
      .map(([, tree]) => tree);
  }

  get(kind: string, name: string): TemplateTree | undefined {
    return this.trees.get(`${kind}/${name}`);
  }
}
