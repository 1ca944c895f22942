/*
 * Template trees registered by URL, read through Backstage's own Gitea URL
 * reader from a real git repository served over HTTP (the two Gitea API
 * calls the reader makes: the branch's last commit and the archive, made
 * with `git archive`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { requireGenerated } from '../engine';
import { shippedTemplateRoot } from '../roots';
import { TemplateTrees, TreeReader } from './TemplateTrees';

jest.setTimeout(60_000);

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A git repository of template trees, served like a Gitea host. */
class TreesHost {
  readonly repo: string;
  archives = 0;
  private server?: http.Server;
  baseUrl = '';

  constructor(tmp: string, name: string) {
    this.repo = path.join(tmp, name);
    fs.mkdirSync(this.repo, { recursive: true });
    git(this.repo, 'init', '-q', '-b', 'main');
    git(this.repo, 'config', 'user.email', 'platform@example.com');
    git(this.repo, 'config', 'user.name', 'Platform');
  }

  commit(files: Record<string, string | null>) {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(this.repo, rel);
      if (content === null) {
        fs.rmSync(file, { force: true });
      } else {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
      }
    }
    git(this.repo, 'add', '-A');
    git(this.repo, 'commit', '-q', '-m', 'trees');
    return git(this.repo, 'rev-parse', 'HEAD');
  }

  async start() {
    this.server = http.createServer((req, res) => {
      const url = req.url ?? '';
      const commit = /^\/api\/v1\/repos\/acme\/repo\/git\/commits\/main$/;
      if (commit.test(url)) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ sha: git(this.repo, 'rev-parse', 'main') }));
      } else if (
        /^\/api\/v1\/repos\/acme\/repo\/archive\/main\.tar\.gz$/.test(url)
      ) {
        this.archives += 1;
        res.setHeader('content-type', 'application/gzip');
        res.end(
          execFileSync(
            'git',
            ['archive', '--format=tar.gz', '--prefix=repo/', 'main'],
            { cwd: this.repo },
          ),
        );
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  url(repoName: string, folder: string) {
    return `${this.baseUrl}/acme/${repoName}/src/branch/main/${folder}`;
  }

  /** Backstage's URL readers with this host as a Gitea integration. */
  reader(): TreeReader {
    return UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        integrations: {
          gitea: [{ host: new URL(this.baseUrl).host, baseUrl: this.baseUrl }],
        },
      }),
    });
  }

  stop() {
    return new Promise(resolve => this.server?.close(resolve));
  }
}

const chart = (name: string, marker: string) => ({
  [`trees/helm/${name}/template.yaml`]: [
    `name: ${name}`,
    'kind: helm',
    'version: 1.0.0',
    'description: A platform team chart',
    'clouds: [aws, azure, gcp]',
    'target: "charts/{= helm_context.chart_name | ident =}"',
    '',
  ].join('\n'),
  [`trees/helm/${name}/Chart.yaml.njk`]: [
    'apiVersion: v2',
    'name: {= helm_context.chart_name | yaml_str =}',
    `description: ${marker}`,
    '',
  ].join('\n'),
});

const payload = (helmTemplate: string) => ({
  cloud: 'aws',
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
  helm_template: helmTemplate,
});

class Logged {
  errors: string[] = [];
  infos: string[] = [];
  info = (m: string) => this.infos.push(m);
  error = (m: string) => this.errors.push(m);
}

describe('TemplateTrees: template trees registered by URL', () => {
  let tmp: string;
  let host: TreesHost;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-trees-'));
    host = new TreesHost(tmp, 'repo');
    await host.start();
  });

  afterEach(async () => {
    await host.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const trees = (urls: string[], logger = new Logged()) =>
    new TemplateTrees({
      localRoots: [shippedTemplateRoot()],
      sources: urls.map(url => ({ url, refreshSeconds: 60 })),
      workdir: path.join(tmp, 'work'),
      logger,
    });

  const chartDescription = (t: TemplateTrees, name: string) => {
    const result = requireGenerated(t.engine.generate('helm', payload(name)));
    const file = result.files.find(
      f => f.path === 'charts/payments/Chart.yaml',
    );
    return file?.content.toString('utf8');
  };

  it('loads a good tree, renders it, and picks up a new commit without a restart', async () => {
    const first = host.commit(chart('team-chart', 'first'));
    const reader = host.reader();
    const t = trees([host.url('repo', 'trees')]);
    const changes: string[][] = [];
    t.onChange(roots => changes.push(roots));
    await t.refreshAll(reader);

    expect(chartDescription(t, 'team-chart')).toContain('description: first');
    const [status] = t.sources();
    expect(status).toMatchObject({
      state: 'loaded',
      etag: first,
      templates: ['helm/team-chart@1.0.0'],
    });
    expect(status.lastError).toBeUndefined();
    // the shipped trees are still served beside it
    expect(t.engine.templates().map(x => x.name)).toContain('basic');

    const second = host.commit(chart('team-chart', 'second'));
    await t.refreshAll(reader);
    expect(chartDescription(t, 'team-chart')).toContain('description: second');
    expect(t.sources()[0].etag).toBe(second);
    // workers are told the new folders: the URL tree's is last
    expect(changes).toHaveLength(2);
    expect(changes[1]).toEqual(t.roots());
    expect(changes[1][0]).toBe(shippedTemplateRoot());
    expect(changes[1][1]).not.toBe(changes[0][1]);
    expect(
      fs.readFileSync(
        path.join(changes[1][1], 'helm/team-chart/Chart.yaml.njk'),
        'utf8',
      ),
    ).toContain('second');
  });

  it('does no work when the host answers that nothing changed', async () => {
    host.commit(chart('team-chart', 'first'));
    const reader = host.reader();
    const t = trees([host.url('repo', 'trees')]);
    await t.refreshAll(reader);
    const generation = t.engine.generation;
    expect(host.archives).toBe(1);

    await t.refreshAll(reader);
    await t.refreshAll(reader);
    expect(host.archives).toBe(1);
    expect(t.engine.generation).toBe(generation);
    expect(t.sources()[0].notModified).toBe(2);
  });

  it('reports a broken version with its error and keeps serving the previous one', async () => {
    const good = host.commit(chart('team-chart', 'good'));
    const reader = host.reader();
    const logger = new Logged();
    const t = trees([host.url('repo', 'trees')], logger);
    await t.refreshAll(reader);

    const broken = host.commit({
      'trees/helm/team-chart/Chart.yaml.njk': 'name: {% if %}\n',
    });
    await t.refreshAll(reader);

    expect(chartDescription(t, 'team-chart')).toContain('description: good');
    const [status] = t.sources();
    expect(status.state).toBe('loaded');
    expect(status.etag).toBe(good);
    expect(status.lastError?.etag).toBe(broken);
    // the file is named by its URL, with the template error
    expect(status.lastError?.message).toContain(
      `${host.url('repo', 'trees')}/helm/team-chart/Chart.yaml.njk`,
    );
    expect(status.lastError?.message).toContain(
      '[Line 1, Column 13]\n  unexpected token: %}',
    );
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toContain(host.url('repo', 'trees'));
    expect(logger.errors[0]).toContain(`Still serving its version ${good}`);

    // the same broken commit is not read again; a fix is picked up
    await t.refreshAll(reader);
    expect(host.archives).toBe(2);
    host.commit(chart('team-chart', 'fixed'));
    await t.refreshAll(reader);
    expect(chartDescription(t, 'team-chart')).toContain('description: fixed');
    expect(t.sources()[0].lastError).toBeUndefined();
  });

  it('serves nothing from a source that never loaded and says why', async () => {
    host.commit({
      ...chart('team-chart', 'good'),
      'trees/helm/team-chart/template.yaml': 'name: team-chart\nkind: helm\n',
    });
    const logger = new Logged();
    const t = trees([host.url('repo', 'trees')], logger);
    await t.refreshAll(host.reader());

    expect(t.engine.templates().map(x => x.name)).not.toContain('team-chart');
    expect(t.engine.validate('helm', payload('team-chart')).ok).toBe(false);
    const [status] = t.sources();
    expect(status.state).toBe('failed');
    expect(status.templates).toEqual([]);
    expect(status.lastError?.message).toContain(
      `${host.url(
        'repo',
        'trees',
      )}/helm/team-chart/template.yaml: invalid manifest`,
    );
    expect(logger.errors[0]).toContain('None of its templates are served');
  });

  it('refuses a tree with the kind and name of a shipped one, naming both', async () => {
    host.commit(chart('basic', 'mine'));
    const t = trees([host.url('repo', 'trees')]);
    await t.refreshAll(host.reader());

    const message = t.sources()[0].lastError?.message ?? '';
    expect(message).toContain(`${host.url('repo', 'trees')}/helm/basic`);
    expect(message).toContain(
      path.join(shippedTemplateRoot(), 'helm', 'basic'),
    );
    expect(message).toContain('duplicate helm template "basic"');
    // the shipped one is the one served
    expect(chartDescription(t, 'basic')).not.toContain('mine');
  });

  it('reports a URL no reader can read', async () => {
    const t = trees([`${host.baseUrl}/acme/missing/src/branch/main/trees`]);
    await t.refreshAll(host.reader());
    expect(t.sources()[0].state).toBe('failed');
    expect(t.sources()[0].lastError?.message).toMatch(/^cannot be read: /);
  });
});
