/*
 * Backend replicas of the production profile, and the load balancer in
 * front of them. Each replica is packages/backend from source with
 * app-config.yaml + app-config.production.yaml (PostgreSQL, the portal's
 * permission policy, task recovery) and an override: its own port, the
 * shared local git folder and scaffolder working directory, no GitHub.
 * `backend.baseUrl` is the load balancer's URL, as behind a real one.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort, repoRoot } from '@iacforge/e2e-tests/src/lib/portal';
import type { Postgres } from './postgres';

export type Replica = {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  /** Resident memory of the process (KiB), from /proc. */
  rssKiB(): number;
  /** The replica's log so far. */
  log(): string;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<void>;
};

export type Shared = {
  /** The load balancer's URL (backend.baseUrl of every replica). */
  baseUrl: string;
  postgres: Postgres;
  gitDir: string;
  workDir: string;
  resultsDir: string;
};

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

function overrideConfig(shared: Shared, port: number): string {
  return [
    'app:',
    `  baseUrl: ${shared.baseUrl}`,
    'backend:',
    `  baseUrl: ${shared.baseUrl}`,
    '  listen:',
    `    port: ${port}`,
    '    host: 127.0.0.1',
    // the scaffolder's workspaces survive a replica: a recovered task
    // finds the files of its completed steps (docs/production.md)
    `  workingDirectory: ${JSON.stringify(shared.workDir)}`,
    'auth:',
    '  providers:',
    '    guest:',
    '      dangerouslyAllowOutsideDevelopment: true',
    'scaffolder:',
    '  taskRecovery:',
    '    enabled: true',
    '    staleTimeout: { seconds: 10 }',
    'iac:',
    '  localGit:',
    '    enabled: true',
    `    directory: ${JSON.stringify(shared.gitDir)}`,
    // IACFORGE_PREVIEW_WORKERS compares preview worker counts
    ...(process.env.IACFORGE_PREVIEW_WORKERS
      ? [
          '  preview:',
          `    workers: ${Number(process.env.IACFORGE_PREVIEW_WORKERS)}`,
        ]
      : []),
    // the catalog keeps app-config.production.yaml's processing interval
    // (Backstage's default): registered repositories are processed as
    // often as in a real portal while the preview load runs
    'catalog:',
    '  locations:',
    '    - type: file',
    `      target: ${JSON.stringify(
      path.join(repoRoot, 'test', 'production', 'fixtures', 'catalog.yaml'),
    )}`,
    '      rules:',
    '        - allow: [Template, Group]',
    '',
  ].join('\n');
}

/** Starts a replica; resolves when it reports ready. */
export async function startReplica(
  name: string,
  shared: Shared,
): Promise<Replica> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configFile = path.join(shared.resultsDir, `app-config.${name}.yaml`);
  fs.writeFileSync(configFile, overrideConfig(shared, port));
  const logFile = path.join(shared.resultsDir, `backend-${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const backendDir = path.join(repoRoot, 'packages', 'backend');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
        paths: [backendDir],
      }),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      path.join(repoRoot, 'app-config.production.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
        APP_BASE_URL: shared.baseUrl,
        POSTGRES_HOST: shared.postgres.host,
        POSTGRES_PORT: String(shared.postgres.port),
        POSTGRES_USER: shared.postgres.user,
        POSTGRES_PASSWORD: '',
        BACKEND_SECRET: 'production-test-secret-0123456789abcdef',
        GITHUB_TOKEN: 'unused-without-github',
      },
    },
  );
  let exit: string | undefined;
  child.once('exit', (code, signal) => {
    exit = `code ${code}, signal ${signal}`;
  });
  const stopOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', stopOnExit);
  const replica: Replica = {
    name,
    url,
    pid: child.pid!,
    logFile,
    rssKiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    },
    log: () => fs.readFileSync(logFile, 'utf8'),
    alive: () => exit === undefined,
    async kill(signal) {
      if (exit !== undefined) {
        return;
      }
      const gone = new Promise(r => child.once('exit', r));
      killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
      process.removeListener('exit', stopOnExit);
      fs.closeSync(log);
    },
  };
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exit !== undefined) {
      throw new Error(
        `replica ${name} exited before it was ready (${exit}):\n${replica
          .log()
          .slice(-4000)}`,
      );
    }
    try {
      if ((await fetch(`${url}/.backstage/health/v1/readiness`)).ok) {
        return replica;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await replica.kill('SIGKILL');
      throw new Error(`replica ${name} not ready after 300 s`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * A round-robin load balancer on loopback: each request goes to the next
 * replica that is up (`down()` takes one out, as a health check would).
 */
export async function startLoadBalancer(port: number) {
  const upstreams: Replica[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const live = upstreams.filter(u => u.alive());
    if (!live.length) {
      res.writeHead(503).end('no replica up');
      return;
    }
    const target = new URL(live[next++ % live.length].url);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      up => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502).end('replica gone');
      } else {
        res.destroy();
      }
    });
    req.pipe(upstream);
  });
  await new Promise<void>(resolve =>
    server.listen(port, '127.0.0.1', () => resolve()),
  );
  return {
    add(replica: Replica) {
      upstreams.push(replica);
    },
    close: () =>
      new Promise(resolve => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
