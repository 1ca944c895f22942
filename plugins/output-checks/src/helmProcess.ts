/*
 * Running the helm binaries (Helm 3 and 4 from .tools/helm): the process,
 * its environment, the content-keyed cache of runs and the binaries' versions.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cacheDir,
  cacheRoot,
  packageDir,
  readEntry,
  swap,
  writeEntry,
} from './cache';
import { digestTree } from './files';
import { HelmVersion } from './types';
import { errorMessage, oneLine } from './util';
import { ChartTarget } from './helmOutput';

export const HELM_VERSIONS: HelmVersion[] = ['v3', 'v4'];

const HELM_TIMEOUT_MS = 120_000;

/**
 * The repository's `.tools` directory: the nearest ancestor of this package
 * (or of the working directory) that has `.tools/helm` or
 * `scripts/bootstrap.sh`.
 */
function findToolsDir(): string {
  const pkg = packageDir();
  const starts = [pkg, process.cwd()].filter((d): d is string => !!d);
  for (const marker of [path.join('.tools', 'helm'), 'scripts/bootstrap.sh']) {
    for (const start of starts) {
      let dir = path.resolve(start);
      for (;;) {
        if (fs.existsSync(path.join(dir, marker))) {
          return path.join(dir, '.tools');
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
          break;
        }
        dir = parent;
      }
    }
  }
  return path.resolve(pkg ?? process.cwd(), '..', '..', '.tools');
}

/** Where scripts/bootstrap.sh installs helm 3 and helm 4. */
export function defaultHelmBinaries(): Record<HelmVersion, string> {
  const tools = findToolsDir();
  return {
    v3: path.join(tools, 'helm', 'v3', 'helm'),
    v4: path.join(tools, 'helm', 'v4', 'helm'),
  };
}

interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** helm's cache/config/data go to a private temp dir, not the user's home. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = path.join(cacheRoot(), 'helm-home');
  fs.mkdirSync(home, { recursive: true });
  return {
    ...process.env,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
  };
}

function run(
  binary: string,
  args: string[],
  cwd: string,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        cwd,
        env: helmEnv(),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: HELM_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ code: 0, stdout, stderr });
        } else if (typeof error.code === 'number') {
          resolve({ code: error.code, stdout, stderr });
        } else if (error.killed) {
          reject(
            new Error(
              `helm ${args[0]} timed out after ${HELM_TIMEOUT_MS / 1000}s`,
            ),
          );
        } else {
          reject(error);
        }
      },
    );
  });
}

/** The chart folder, as stored in cached helm output. */
const CHART_PLACEHOLDER = '\u0000chart\u0000';

/**
 * Digest of a chart's files as helm sees them: every file under the chart
 * folder (path + content digest, from {@link digestTree}).
 */
export function chartDigest(
  chart: ChartTarget,
  digests: Map<string, string>,
): string {
  const prefix = chart.dir === '.' || chart.dir === '' ? '' : `${chart.dir}/`;
  const hash = createHash('sha256');
  for (const [file, digest] of digests) {
    if (file.startsWith(prefix)) {
      hash.update(file.slice(prefix.length)).update('\0').update(digest);
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/**
 * helm runs are pure functions of the helm version, the arguments and the
 * chart's files, so their results are kept in the `helm` cache (see
 * cache.ts), with the chart folder written as a placeholder: a second check
 * of an unchanged chart, in any folder, does not start helm again.
 */
export async function cachedRun(
  binary: string,
  helmVersion: string,
  args: string[],
  chart: ChartTarget,
  digest: string,
): Promise<ProcessResult> {
  const dir = cacheDir('helm');
  if (!dir) {
    return run(binary, args, chart.absDir);
  }
  // the chart folder and values files outside it are keyed by content and
  // stored as placeholders, so the same check in another folder is a hit
  const places: Array<[string, string]> = [[chart.absDir, CHART_PLACEHOLDER]];
  const hash = createHash('sha256')
    .update(helmVersion)
    .update('\0')
    .update(digest);
  for (const arg of args) {
    if (
      path.isAbsolute(arg) &&
      !arg.startsWith(chart.absDir) &&
      fs.existsSync(arg)
    ) {
      const placeholder = `\u0000file${places.length}\u0000`;
      places.push([arg, placeholder]);
      hash.update('\0').update(placeholder).update(fs.readFileSync(arg));
    } else {
      hash.update('\0').update(swap(arg, chart.absDir, CHART_PLACEHOLDER));
    }
  }
  const toStored = (text: string) =>
    places.reduce((t, [real, placeholder]) => swap(t, real, placeholder), text);
  const fromStored = (text: string) =>
    places.reduce((t, [real, placeholder]) => swap(t, placeholder, real), text);
  const key = hash.digest('hex');
  const cached = readEntry<ProcessResult>(dir, key);
  if (cached) {
    return {
      code: cached.code,
      stdout: fromStored(cached.stdout),
      stderr: fromStored(cached.stderr),
    };
  }
  const result = await run(binary, args, chart.absDir);
  writeEntry(dir, key, {
    code: result.code,
    stdout: toStored(result.stdout),
    stderr: toStored(result.stderr),
  });
  return result;
}

const versionCache = new Map<string, Promise<string>>();

/**
 * The version a helm binary reports (`v3.17.2`), checked against the
 * expected major version. Rejects with a readable message if the binary is
 * missing or broken.
 */
export function helmBinaryVersion(
  version: HelmVersion,
  binary: string,
): Promise<string> {
  const key = `${version}:${binary}`;
  let pending = versionCache.get(key);
  if (!pending) {
    pending = (async () => {
      try {
        fs.accessSync(binary, fs.constants.X_OK);
      } catch {
        throw new Error(
          `helm ${version} is not installed at ${binary}: run scripts/bootstrap.sh (it unpacks helm 3 and helm 4 into .tools/helm) or set options.helmBinaries.${version}`,
        );
      }
      let result: ProcessResult;
      try {
        result = await run(binary, ['version', '--short'], os.tmpdir());
      } catch (error) {
        throw new Error(
          `helm ${version} at ${binary} does not run: ${errorMessage(error)}`,
        );
      }
      const reported = result.stdout.trim().replace(/\+.*$/, '');
      if (result.code !== 0 || !reported.startsWith(`${version}.`)) {
        throw new Error(
          `${binary} reports "${oneLine(
            result.stdout + result.stderr,
          )}", expected helm ${version}.x: run scripts/bootstrap.sh`,
        );
      }
      return reported;
    })();
    versionCache.set(key, pending);
    pending.catch(() => versionCache.delete(key));
  }
  return pending;
}
