import fs from 'node:fs';
import path from 'node:path';
import { iacTemplateTreesRoot } from '@iacforge/plugin-iac-templates';
import { IacEngine } from './engine';

/**
 * The default template trees shipped in `@iacforge/plugin-iac-templates`
 * (found through the package, no configuration).
 */
export function shippedTemplateRoot(): string {
  return iacTemplateTreesRoot();
}

/**
 * The nearest `templates/iac/` folder at or above `cwd`, if any: a platform
 * team's own repository of template trees.
 */
export function findTemplateRootAbove(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, 'templates', 'iac');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/**
 * The CLI's roots when none are given: the nearest `templates/iac/` above
 * the working directory, else the shipped trees.
 */
export function defaultTemplateRoots(cwd: string = process.cwd()): string[] {
  return [findTemplateRootAbove(cwd) ?? shippedTemplateRoot()];
}

/**
 * The portal's engine: the shipped trees first (unless `shipped` is false),
 * then the configured roots (`iac.templateRoots`, resolved against the
 * working directory). A root listed twice is loaded once; a tree whose kind
 * and name an earlier root already has is refused (TemplateLoadError naming
 * both folders).
 */
export function createEngine(
  roots: string[] = [],
  options: { shipped?: boolean } = {},
): IacEngine {
  return IacEngine.fromRoots(portalTemplateRoots(roots, options));
}

/**
 * The portal's local roots: the shipped trees first (unless `shipped` is
 * false), then `roots` resolved against the working directory, each once.
 */
export function portalTemplateRoots(
  roots: string[] = [],
  options: { shipped?: boolean } = {},
): string[] {
  const all = [
    ...(options.shipped === false ? [] : [shippedTemplateRoot()]),
    ...roots,
  ].map(r => path.resolve(r));
  return [...new Set(all)];
}
