import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@iacforge/plugin-iac-node';
import request from 'supertest';
import { iacPlugin } from './plugin';
import { LocalGitUrlReader, parseLocalGitUrl } from './urlReader';

const exec = promisify(execFile);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

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

  async function start() {
    const { server } = await startTestBackend({
      features: [
        iacPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            iac: { templateRoots: [], localGit: { enabled: true, directory } },
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
});
