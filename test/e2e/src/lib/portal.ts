/*
 * Starts the real IaC Forge portal for end-to-end tests: the built frontend
 * served by the backend (app-backend) on a free loopback port, a fresh SQLite
 * data folder, the repository's own app-config.yaml plus a small override.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// test code runs from source, never from a production build
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

export type Portal = {
  baseUrl: string;
  port: number;
  /** The backend's process id (e.g. to read its CPU time from /proc). */
  pid: number;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
};

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function yarnRelease(): string {
  const dir = path.join(repoRoot, '.yarn', 'releases');
  const file = fs.readdirSync(dir).find(f => /^yarn-.*\.cjs$/.test(f));
  if (!file) {
    throw new Error(`no yarn release in ${dir}`);
  }
  return path.join(dir, file);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  if (!fs.statSync(dir).isDirectory()) {
    return [dir];
  }
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') {
        out.push(...listFiles(full));
      }
    } else {
      out.push(full);
    }
  }
  return out.sort();
}

/** Content hash of everything that goes into the frontend bundle. */
function frontendInputsHash(): string {
  const hash = createHash('sha256');
  const roots = [
    path.join(repoRoot, 'packages', 'app'),
    ...fs
      .readdirSync(path.join(repoRoot, 'plugins'))
      .map(p => path.join(repoRoot, 'plugins', p)),
  ];
  const files = [
    ...roots.flatMap(listFiles),
    path.join(repoRoot, 'yarn.lock'),
    path.join(repoRoot, 'app-config.yaml'),
  ];
  for (const file of files) {
    hash.update(path.relative(repoRoot, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Builds packages/app unless its dist was built from the same inputs
 * (a stamp inside dist holds the inputs' hash).
 */
export function ensureFrontendBuilt(): { built: boolean; seconds: number } {
  const started = Date.now();
  const dist = path.join(repoRoot, 'packages', 'app', 'dist');
  const stampFile = path.join(dist, '.iacforge-inputs');
  const wanted = frontendInputsHash();
  if (
    fs.existsSync(path.join(dist, 'index.html')) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === wanted
  ) {
    return { built: false, seconds: 0 };
  }
  const result = spawnSync(
    process.execPath,
    [yarnRelease(), 'workspace', 'app', 'build'],
    // jest sets NODE_ENV=test, which the bundler's browserslist cannot use
    {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (result.status !== 0) {
    throw new Error(`frontend build failed (exit ${result.status})`);
  }
  fs.writeFileSync(stampFile, wanted);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = exited();
    if (exit) {
      throw new Error(`${what}: backend exited early (${exit})`);
    }
    try {
      if (await check()) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Starts the portal and resolves when the backend reports ready. */
export async function startPortal(
  options: {
    extraConfig?: string;
    /** Turn on the local git host with its repositories in this folder. */
    localGitDir?: string;
    /** Extra environment of the backend (e.g. NODE_OPTIONS). */
    env?: Record<string, string>;
  } = {},
): Promise<Portal> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-e2e-'));
  const configFile = path.join(dataDir, 'app-config.e2e.yaml');
  fs.writeFileSync(
    configFile,
    [
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      '  listen:',
      `    port: ${port}`,
      '    host: 127.0.0.1',
      '  cors:',
      `    origin: ${baseUrl}`,
      '  database:',
      '    client: better-sqlite3',
      '    connection:',
      `      directory: ${JSON.stringify(path.join(dataDir, 'sqlite'))}`,
      ...(options.localGitDir
        ? [
            'iac:',
            '  localGit:',
            '    enabled: true',
            `    directory: ${JSON.stringify(options.localGitDir)}`,
          ]
        : []),
      options.extraConfig ?? '',
    ].join('\n'),
  );
  const logFile = path.join(resultsDir, `backend-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const backendDir = path.join(repoRoot, 'packages', 'backend');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [backendDir],
      }),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
        GITHUB_TOKEN: process.env.GITHUB_TOKEN ?? 'unused-in-e2e',
        ...options.env,
      },
    },
  );
  let exitReason: string | undefined;
  child.once('exit', (code, signal) => {
    exitReason = `code ${code}, signal ${signal}; see ${logFile}`;
  });
  const stopOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', stopOnExit);

  const stop = async () => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise(r => child.once('exit', r));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(
      'backend readiness',
      async () => (await fetch(`${baseUrl}/.backstage/health/v1/readiness`)).ok,
      240_000,
      () => exitReason,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, port, pid: child.pid!, dataDir, logFile, stop };
}

/** A guest user token, as the browser's guest sign-in gets it. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  if (!res.ok) {
    throw new Error(`guest sign-in failed: ${res.status}`);
  }
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** Polls the catalog until an entity exists (processing is asynchronous). */
export async function waitForEntity(
  baseUrl: string,
  ref: { kind: string; namespace?: string; name: string },
  timeoutMs = 120_000,
): Promise<unknown> {
  const token = await guestToken(baseUrl);
  const url = `${baseUrl}/api/catalog/entities/by-name/${ref.kind}/${
    ref.namespace ?? 'default'
  }/${ref.name}`;
  let entity: unknown;
  await waitFor(
    `catalog entity ${ref.kind}:${ref.name}`,
    async () => {
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok) {
        entity = await res.json();
        return true;
      }
      return false;
    },
    timeoutMs,
    () => undefined,
  );
  return entity;
}

/** Where globalSetup.ts leaves the shared portal for the suites. */
export const SHARED_PORTAL_ENV = 'IACFORGE_E2E_PORTAL';

/** The portal of this e2e run, with its local git folder. */
export type SharedPortal = {
  baseUrl: string;
  port: number;
  logFile: string;
  /** The local git host's repositories. */
  gitDir: string;
};

/** The portal globalSetup.ts started for this run. */
export function sharedPortal(): SharedPortal {
  const raw = process.env[SHARED_PORTAL_ENV];
  if (!raw) {
    throw new Error(
      `no shared portal (${SHARED_PORTAL_ENV} is unset): run the suites with the e2e package's jest config (yarn test:e2e)`,
    );
  }
  return JSON.parse(raw) as SharedPortal;
}
