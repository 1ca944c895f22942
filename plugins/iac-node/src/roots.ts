import fs from 'node:fs';
import path from 'node:path';
import { IacEngine } from './engine';

/**
 * This repository's `templates/iac/` folder, found by walking up from the
 * working directory (the backend runs in packages/backend, the CLI anywhere
 * inside the repo). Deployments configure their roots explicitly.
 */
export function defaultTemplateRoots(cwd: string = process.cwd()): string[] {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, 'templates', 'iac');
    if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory()) {
      return [candidate];
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return [];
    }
    dir = parent;
  }
}

/**
 * An engine over the given roots (resolved against the working directory),
 * or over defaultTemplateRoots() when none are configured.
 */
export function createEngine(roots?: string[]): IacEngine {
  return IacEngine.fromRoots(
    roots?.length ? roots.map(r => path.resolve(r)) : defaultTemplateRoots(),
  );
}
