import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBundle, unpackBundle } from './bundle';

// this package's own folder: src/ in the repository, dist/ when installed
// eslint-disable-next-line no-restricted-syntax
const packageDir = path.resolve(__dirname, '..');

/** Where the published package keeps its bundle (see bundle.ts). */
export const BUNDLE_FILE = path.join('bundle', 'templates.json');

let cached: string | undefined;

/**
 * The folder holding `iac/`, `scaffolder/` and `catalog-info.yaml`: this
 * package's `templates/` in the repository; when installed from the
 * registry, the shipped bundle unpacked (once) into
 * `$IACFORGE_TEMPLATES_CACHE` (default: the OS temporary folder).
 *
 * @public
 */
export function iacTemplatesDir(): string {
  if (cached) {
    return cached;
  }
  const source = path.join(packageDir, 'templates');
  const bundleFile = path.join(packageDir, BUNDLE_FILE);
  if (fs.existsSync(path.join(source, 'iac'))) {
    cached = source;
  } else if (fs.existsSync(bundleFile)) {
    cached = unpackBundle(
      readBundle(bundleFile),
      process.env.IACFORGE_TEMPLATES_CACHE || os.tmpdir(),
    );
  } else {
    throw new Error(
      `@iacforge/plugin-iac-templates at ${packageDir} has neither templates/ nor ${BUNDLE_FILE}`,
    );
  }
  return cached;
}

/**
 * The root of the default template trees (the engine's built-in root).
 *
 * @public
 */
export function iacTemplateTreesRoot(): string {
  return path.join(iacTemplatesDir(), 'iac');
}

/**
 * The catalog `Location` file listing the shipped Template entities.
 *
 * @public
 */
export function iacTemplateEntitiesLocation(): string {
  return path.join(iacTemplatesDir(), 'catalog-info.yaml');
}
