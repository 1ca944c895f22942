/*
 * A throwaway PostgreSQL cluster from Debian's package: initdb as the
 * postgres user into a fresh folder, started on a free loopback port with
 * trust authentication for the superuser `backstage`, removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@iacforge/e2e-tests/src/lib/portal';

export type Postgres = {
  host: string;
  port: number;
  user: string;
  dir: string;
  stop(): void;
};

/** The newest installed server's bin folder (/usr/lib/postgresql/<v>/bin). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) {
    throw new Error(
      `no PostgreSQL server under ${root}: run scripts/test-production.sh (it installs Debian's postgresql)`,
    );
  }
  return path.join(root, versions[0], 'bin');
}

/** Runs a server binary as `postgres` when we are root (initdb refuses root). */
function asPostgres(bin: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
    : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  // a folder the postgres user can reach (TMPDIR may be private)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-pg-'));
  fs.chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['postgres', dir]);
  }
  const port = await freePort();
  const data = path.join(dir, 'data');
  asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'backstage',
    '--no-sync',
  ]);
  asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  return {
    host: '127.0.0.1',
    port,
    user: 'backstage',
    dir,
    stop() {
      try {
        asPostgres(path.join(bin, 'pg_ctl'), [
          '-D',
          data,
          '-m',
          'fast',
          'stop',
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
