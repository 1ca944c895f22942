/*
 * Template trees by URL through the whole backend: Backstage's URL readers
 * (a Gitea integration) read a real git repository served over HTTP; the
 * preview workers render from the version served, a refresh reaches them
 * without a restart, and a broken version shows in GET /template-sources.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  IacEngineService,
  iacEngineServiceRef,
} from '@iacforge/plugin-iac-node';
import { iacPlugin } from './plugin';

jest.setTimeout(120_000);

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const chart = (marker: string) => ({
  'trees/helm/team-chart/template.yaml': [
    'name: team-chart',
    'kind: helm',
    'version: 1.0.0',
    'description: A platform team chart',
    'clouds: [aws, azure, gcp]',
    'target: "charts/{= helm_context.chart_name | ident =}"',
    '',
  ].join('\n'),
  'trees/helm/team-chart/Chart.yaml.njk': `name: {= helm_context.chart_name | yaml_str =}\ndescription: ${marker}\n`,
});

const payload = {
  cloud: 'aws',
  helm_template: 'team-chart',
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
};

describe('template trees by URL in the backend', () => {
  let tmp: string;
  let repo: string;
  let server: http.Server;
  let baseUrl: string;

  const commit = (files: Record<string, string>) => {
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), content);
    }
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'trees');
    return git(repo, 'rev-parse', 'HEAD');
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-sources-'));
    repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'platform@example.com');
    git(repo, 'config', 'user.name', 'Platform');
    // the two calls of Backstage's Gitea reader: last commit, archive
    server = http.createServer((req, res) => {
      if (req.url === '/api/v1/repos/acme/repo/git/commits/main') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sha: git(repo, 'rev-parse', 'main') }));
      } else if (req.url === '/api/v1/repos/acme/repo/archive/main.tar.gz') {
        res.end(
          execFileSync(
            'git',
            ['archive', '--format=tar.gz', '--prefix=repo/', 'main'],
            { cwd: repo },
          ),
        );
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('previews from the served version, refreshes without a restart, reports a broken one', async () => {
    const first = commit(chart('first'));
    const url = `${baseUrl}/acme/repo/src/branch/main/trees`;
    // a module of the same plugin gets the very same engine service
    let shared: IacEngineService | undefined;
    const probe = createBackendModule({
      pluginId: 'iac',
      moduleId: 'probe',
      register(env) {
        env.registerInit({
          deps: { iacEngine: iacEngineServiceRef },
          async init({ iacEngine }) {
            shared = iacEngine;
          },
        });
      },
    });
    const { server: backend } = await startTestBackend({
      features: [
        iacPlugin,
        probe,
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: tmp },
            integrations: {
              gitea: [{ host: new URL(baseUrl).host, baseUrl }],
            },
            iac: {
              templateSources: [{ url, refresh: { hours: 1 } }],
              preview: { workers: 1 },
            },
          },
        }),
      ],
    });
    const preview = async (source = /^worker /) => {
      const res = await request(backend)
        .post('/api/iac/generate/helm/preview')
        .send(payload)
        .expect(200);
      expect(String(res.headers['x-iac-preview-source'])).toMatch(source);
      return res.body.files.find(
        (f: { path: string }) => f.path === 'charts/payments/Chart.yaml',
      ).content as string;
    };

    expect(await preview()).toContain('description: first');
    const status = await request(backend)
      .get('/api/iac/template-sources')
      .expect(200);
    expect(status.body.items).toEqual([
      expect.objectContaining({
        url,
        state: 'loaded',
        etag: first,
        templates: ['helm/team-chart@1.0.0'],
        refreshSeconds: 3600,
      }),
    ]);

    const second = commit(chart('second'));
    await shared!.refresh();
    expect(await preview()).toContain('description: second');

    const broken = commit({
      'trees/helm/team-chart/template.yaml': 'name: team-chart\nkind: helm\n',
    });
    await shared!.refresh();
    // nothing was swapped: the cached answer of the served version
    expect(await preview(/^cache$/)).toContain('description: second');
    const after = await request(backend)
      .get('/api/iac/template-sources')
      .expect(200);
    expect(after.body.items[0]).toMatchObject({
      state: 'loaded',
      etag: second,
      lastError: { etag: broken },
    });
    expect(after.body.items[0].lastError.message).toContain(
      `${url}/helm/team-chart/template.yaml: invalid manifest`,
    );
  });
});
