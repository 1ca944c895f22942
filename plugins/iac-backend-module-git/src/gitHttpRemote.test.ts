/*
 * The git host serves repositories without credentials, so only to clients
 * on this machine (loopback) unless the deployment opts in; and the embedded
 * profile binds the backend to loopback in the first place.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { createGitRouter } from './gitHttp';

const exec = promisify(execFile);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** An address of this machine that is not loopback, if it has one. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find(a => a && a.family === 'IPv4' && !a.internal)?.address;

async function serve(router: express.Router): Promise<http.Server> {
  const app = express();
  app.use('/git', router);
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, '0.0.0.0', r));
  return server;
}

function clone(url: string) {
  return exec('git', ['clone', '--quiet', url, path.join(tmp('c-'), 'x')], {
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
}

describe('git host: who may clone anonymously', () => {
  const repos = new LocalGitRepositories(tmp('iacforge-git-remote-'));
  const servers: http.Server[] = [];

  beforeAll(async () => {
    const source = tmp('iacforge-src-');
    fs.writeFileSync(path.join(source, 'README.md'), '# x\n');
    await repos.createAndPush({
      owner: 'team',
      repo: 'app',
      sourceDir: source,
    });
  });

  afterAll(async () => {
    await Promise.all(servers.map(s => new Promise(r => s.close(r))));
  });

  const start = async (options?: { allowRemoteClones?: boolean }) => {
    const server = await serve(createGitRouter(repos, options));
    servers.push(server);
    return (server.address() as net.AddressInfo).port;
  };

  it('loopback clients clone; other clients get 403 with the reason', async () => {
    const port = await start();
    await clone(`http://127.0.0.1:${port}/git/team/app.git`);
    if (!external) {
      throw new Error('this test needs a non-loopback IPv4 interface');
    }
    const res = await fetch(
      `http://${external}:${port}/git/team/app.git/info/refs?service=git-upload-pack`,
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(
      /only from this machine.*allowRemoteClones/,
    );
    const raw = await fetch(
      `http://${external}:${port}/git/team/app/blob/main/README.md`,
    );
    expect(raw.status).toBe(403);
  });

  it('iac.localGit.allowRemoteClones opens clones to every client', async () => {
    const port = await start({ allowRemoteClones: true });
    await expect(
      clone(`http://${external}:${port}/git/team/app.git`),
    ).resolves.toBeDefined();
  });

  it('the embedded profile binds the backend to loopback', () => {
    const text = fs.readFileSync(
      path.join(__dirname, '../../../app-config.yaml'),
      'utf8',
    );
    const listen =
      /^backend:\n(?: .*\n|\n)*? {2}listen:\n((?: {4}.*\n)+)/m.exec(text);
    expect(listen?.[1]).toMatch(/^ {4}host: 127\.0\.0\.1$/m);
    expect(text).not.toMatch(/allowRemoteClones: true/);
  });
});
