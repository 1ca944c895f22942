import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  coreServices,
  createBackendPlugin,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import request from 'supertest';
import gitFeatures from './index';
import { LocalGitUrlReader, parseLocalGitUrl } from './urlReader';

const exec = promisify(execFile);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** The status of a GET sent byte for byte (no path normalisation). */
function rawStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(
        `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      ),
    );
    let head = '';
    socket.on('data', d => {
      head += d.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(head.split(' ')[1])));
  });
}

/**
 * Stands in for the `iac` plugin (the module extends it) and hands out the
 * backend's URL reader, to see the local git reader wired into it.
 */
function iacPluginStandIn(onReader: (reader: UrlReaderService) => void) {
  return createBackendPlugin({
    pluginId: 'iac',
    register(env) {
      env.registerInit({
        deps: { urlReader: coreServices.urlReader },
        async init({ urlReader }) {
          onReader(urlReader);
        },
      });
    },
  });
}

describe('local git host', () => {
  const directory = tmp('iacforge-git-');
  const repos = new LocalGitRepositories(directory);
  const source = tmp('iacforge-src-');

  beforeAll(async () => {
    fs.writeFileSync(
      path.join(source, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.mkdirSync(path.join(source, 'charts'));
    fs.writeFileSync(
      path.join(source, 'charts/values.yaml'),
      'replicaCount: 2\n',
    );
    await repos.createAndPush({
      owner: 'team',
      repo: 'payments',
      sourceDir: source,
    });
  });

  let backendReader: UrlReaderService | undefined;

  async function start(enabled = true) {
    const { server } = await startTestBackend({
      features: [
        iacPluginStandIn(reader => {
          backendReader = reader;
        }),
        gitFeatures,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            iac: { localGit: { enabled, directory } },
          },
        }),
      ],
    });
    return server;
  }

  it('serves a real git clone over smart HTTP without credentials', async () => {
    const server = await start();
    const port = (server.address() as { port: number }).port;
    const dest = path.join(tmp('iacforge-clone-'), 'payments');
    await exec(
      'git',
      [
        'clone',
        '--quiet',
        `http://127.0.0.1:${port}/api/iac/git/team/payments.git`,
        dest,
      ],
      {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
    );
    expect(fs.readFileSync(path.join(dest, 'charts/values.yaml'), 'utf8')).toBe(
      'replicaCount: 2\n',
    );
  });

  it('refuses pushes', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/iac/git/team/payments.git/info/refs?service=git-receive-pack')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(403);
  });

  it('serves raw files, 404 for missing repositories and files, 400 for bad names', async () => {
    const server = await start();
    const raw = await request(server)
      .get('/api/iac/git/team/payments/blob/main/catalog-info.yaml')
      .set('Authorization', mockCredentials.none.header());
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('kind: Component\n');
    const none = await request(server)
      .get('/api/iac/git/team/nope/blob/main/x')
      .expect(404);
    expect(none.text).toMatch(/not found/);
    await request(server)
      .get('/api/iac/git/team/payments/blob/main/missing.txt')
      .expect(404);
    await request(server)
      .get('/api/iac/git/team/nope.git/info/refs')
      .expect(404);
  });

  it('traversal attempts on the clone and raw paths: 400 or 404, never 500', async () => {
    const server = await start();
    const port = (server.address() as { port: number }).port;
    const paths = [
      '/team/payments.git/../../../etc/passwd',
      '/team/payments.git/%2e%2e/%2e%2e/x',
      '/team/payments.git/info/../../../x',
      '/team/payments.git/objects/../../../../etc/passwd',
      '/team/payments.git/config',
      '/..%2f..%2fetc/passwd.git/info/refs',
      '/team/payments/blob/main/..%2f..%2fetc%2fpasswd',
      '/team/payments/blob/..%2f..%2f/catalog-info.yaml',
    ];
    for (const p of paths) {
      // sent as is (an HTTP client would normalise the dots away)
      const status = await rawStatus(port, `/api/iac/git${p}`);
      expect([p, [400, 404].includes(status)]).toEqual([p, true]);
    }
  });

  it('reads catalog files through the URL reader, with etags', async () => {
    const prefix = 'http://localhost:7007/api/iac/git';
    expect(
      parseLocalGitUrl(`${prefix}/team/payments/blob/main/a/b.yaml`, prefix),
    ).toEqual({
      owner: 'team',
      repo: 'payments',
      ref: 'main',
      path: 'a/b.yaml',
    });
    expect(
      parseLocalGitUrl('https://github.com/x/y/blob/main/a', prefix),
    ).toBeUndefined();
    const reader = new LocalGitUrlReader(repos, prefix);
    const url = `${prefix}/team/payments/blob/main/catalog-info.yaml`;
    const res = await reader.readUrl(url);
    expect((await res.buffer()).toString()).toBe('kind: Component\n');
    expect(res.etag).toMatch(/^[0-9a-f]{40}$/);
    // unchanged since the ETag: Backstage's NotModifiedError
    await expect(reader.readUrl(url, { etag: res.etag })).rejects.toMatchObject(
      { name: 'NotModifiedError' },
    );
    const found = await reader.search(url);
    expect(found.files).toHaveLength(1);
    expect(
      (await reader.search(`${prefix}/team/payments/blob/main/nope.yaml`))
        .files,
    ).toEqual([]);
    await expect(
      reader.readUrl(`${prefix}/team/payments/blob/main/nope.yaml`),
    ).rejects.toThrow(/No nope.yaml/);
  });

  it("adds its reader to the backend's URL readers (one backend.add)", async () => {
    await start();
    const url =
      'http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml';
    const res = await backendReader!.readUrl(url);
    expect((await res.buffer()).toString()).toBe('kind: Component\n');
  });

  it('serves nothing and reads nothing unless iac.localGit.enabled', async () => {
    const server = await start(false);
    await request(server)
      .get('/api/iac/git/team/payments/blob/main/catalog-info.yaml')
      .set('Authorization', mockCredentials.user.header())
      .expect(404);
    await expect(
      backendReader!.readUrl(
        'http://localhost:7007/api/iac/git/team/payments/blob/main/catalog-info.yaml',
      ),
    ).rejects.toThrow();
  });
});
