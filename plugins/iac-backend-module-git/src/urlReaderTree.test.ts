/*
 * Folders of the local repositories read as trees (readTree, `git archive`)
 * through Backstage's URL readers: what `iac.templateSources` uses.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import { LocalGitUrlReader } from './urlReader';

const prefix = 'http://localhost:7007/api/iac/git';

describe('LocalGitUrlReader.readTree', () => {
  let tmp: string;
  let repos: LocalGitRepositories;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-git-tree-'));
    const source = path.join(tmp, 'source');
    fs.mkdirSync(path.join(source, 'trees/helm/team-chart'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(source, 'trees/helm/team-chart/template.yaml'),
      'name: team-chart\n',
    );
    fs.writeFileSync(path.join(source, 'README.md'), 'trees\n');
    repos = new LocalGitRepositories(path.join(tmp, 'git'));
    await repos.createAndPush({
      owner: 'platform',
      repo: 'trees',
      sourceDir: source,
    });
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const reader = () =>
    UrlReaders.default({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
      factories: [
        ({ treeResponseFactory }) => [
          {
            reader: new LocalGitUrlReader(repos, prefix, treeResponseFactory),
            predicate: (url: URL) => url.href.startsWith(`${prefix}/`),
          },
        ],
      ],
    });

  it('reads a folder at a branch, with the commit as its etag', async () => {
    const res = await reader().readTree(
      `${prefix}/platform/trees/tree/main/trees`,
    );
    const commit = await repos.resolveRef('platform', 'trees', 'main');
    expect(res.etag).toBe(commit);
    fs.mkdirSync(path.join(tmp, 'out'));
    const dir = await res.dir({ targetDir: path.join(tmp, 'out') });
    expect(
      fs.readFileSync(path.join(dir, 'helm/team-chart/template.yaml'), 'utf8'),
    ).toBe('name: team-chart\n');
    expect(fs.existsSync(path.join(dir, 'README.md'))).toBe(false);

    const whole = await reader().readTree(`${prefix}/platform/trees/tree/main`);
    expect((await whole.files()).map(f => f.path).sort()).toEqual([
      'README.md',
      'trees/helm/team-chart/template.yaml',
    ]);
  });

  it('answers NotModified for the same commit, NotFound for what is not there', async () => {
    const commit = await repos.resolveRef('platform', 'trees', 'main');
    await expect(
      reader().readTree(`${prefix}/platform/trees/tree/main/trees`, {
        etag: commit,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
    await expect(
      reader().readTree(`${prefix}/platform/trees/tree/main/nope`),
    ).rejects.toThrow('No folder nope at main in platform/trees');
    await expect(
      reader().readTree(`${prefix}/platform/trees/tree/dev/trees`),
    ).rejects.toThrow('No ref dev in platform/trees');
    await expect(
      reader().readTree(`${prefix}/platform/trees/blob/main/README.md`),
    ).rejects.toThrow(/is not a folder URL of the local git host/);
  });
});
