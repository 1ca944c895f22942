/*
 * A client that leaves in the middle of a git-upload-pack POST must not leave
 * `git http-backend` (or the upload-pack it started) running.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { createGitRouter } from './gitHttp';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** Processes whose parent is `ppid`, with their command lines. */
function childrenOf(ppid: number): { pid: number; args: string }[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(ppid)], {
      encoding: 'utf8',
    });
  } catch {
    return []; // ps exits 1 when there is none
  }
  return out
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean)
    .map(line => {
      const [pid, ...args] = line.split(/\s+/);
      return { pid: Number(pid), args: args.join(' ') };
    });
}

/** The process and all its descendants. */
function treeOf(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(c => treeOf(c.pid))];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie is dead for our purpose
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > end) return value;
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('git host: aborted requests', () => {
  const directory = tmp('iacforge-git-abort-');
  const repos = new LocalGitRepositories(directory);
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    const source = tmp('iacforge-src-');
    fs.writeFileSync(path.join(source, 'README.md'), '# x\n');
    await repos.createAndPush({
      owner: 'team',
      repo: 'app',
      sourceDir: source,
    });
    const app = express();
    app.use('/git', createGitRouter(repos));
    server = http.createServer(app);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise(r => server.close(r));
  });

  it('ends git http-backend and its children when the client aborts a git-upload-pack POST part-way', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise(r => socket.once('connect', r));
    // a body that never arrives in full: no Content-Length, chunked, no end
    socket.write(
      [
        'POST /git/team/app.git/git-upload-pack HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/x-git-upload-pack-request',
        'Transfer-Encoding: chunked',
        '',
        '',
      ].join('\r\n'),
    );
    const part = '0032want 0000000000000000000000000000000000000000\n';
    socket.write(`${part.length.toString(16)}\r\n${part}\r\n`);

    const backend = await waitFor(
      () => childrenOf(process.pid).find(c => /http-backend/.test(c.args)),
      5000,
    );
    expect(backend).toBeDefined();
    await new Promise(r => setTimeout(r, 200));
    const pids = treeOf(backend!.pid);

    socket.destroy();

    const survivors = await waitFor(() => {
      const alive = pids.filter(isAlive);
      return alive.length === 0 ? [] : undefined;
    }, 4000);
    expect(survivors ?? pids.filter(isAlive)).toEqual([]);
  }, 20_000);
});
