/*
 * The backend plugin with the git host module, as a portal installs them:
 * a real clone through /api/iac/git (git's POSTs pass the plugin's JSON
 * body parser untouched) and the API beside it.
 */
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
import gitFeatures from '@iacforge/plugin-iac-backend-module-git';
import { LocalGitRepositories } from '@iacforge/plugin-iac-git-node';
import request from 'supertest';
import { iacPlugin } from './plugin';

const exec = promisify(execFile);
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe('iac plugin with the git host module', () => {
  it('clones over /api/iac/git while the API answers beside it', async () => {
    const directory = tmp('iacforge-git-');
    const source = tmp('iacforge-src-');
    fs.writeFileSync(path.join(source, 'README.md'), '# payments\n');
    await new LocalGitRepositories(directory).createAndPush({
      owner: 'team',
      repo: 'payments',
      sourceDir: source,
    });
    const { server } = await startTestBackend({
      features: [
        iacPlugin,
        gitFeatures,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            iac: {
              shippedTemplates: false,
              templateRoots: [],
              preview: { workers: 0 },
              localGit: { enabled: true, directory },
            },
          },
        }),
      ],
    });
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
      { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
    );
    expect(fs.readFileSync(path.join(dest, 'README.md'), 'utf8')).toBe(
      '# payments\n',
    );
    const templates = await request(server)
      .get('/api/iac/templates')
      .set('Authorization', mockCredentials.user.header());
    expect(templates.status).toBe(200);
    expect(templates.body).toEqual({ items: [] });
  });
});
