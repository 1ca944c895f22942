/*
 * A repository generated through the portal, edited by hand, upgraded
 * through the portal (the "Upgrade an IaC repository" Template, REST API):
 * the upgrade branch on the embedded git host keeps the hand edits and
 * brings the changed answer; a second run opens no second branch.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openBrowser } from './lib/browser';
import {
  guestToken,
  SharedPortal,
  sharedPortal,
  waitForEntity,
} from './lib/portal';

const exec = promisify(execFile);
jest.setTimeout(20 * 60_000);

const GIT_ENV = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
};
const git = async (cwd: string, ...args: string[]) =>
  (await exec('git', args, { cwd, env: GIT_ENV })).stdout;

describe('upgrading a generated repository through the portal', () => {
  const portal: SharedPortal = sharedPortal();
  let token: string;

  beforeAll(async () => {
    token = await guestToken(portal.baseUrl);
    await waitForEntity(portal.baseUrl, {
      kind: 'template',
      name: 'iacforge-upgrade',
    });
  });

  async function api(method: string, url: string, body?: unknown) {
    const res = await fetch(`${portal.baseUrl}${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async function runTask(template: string, values: Record<string, unknown>) {
    const { id } = await api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: `template:default/${template}`,
      values,
    });
    for (;;) {
      const task = await api('GET', `/api/scaffolder/v2/tasks/${id}`);
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        const events: {
          type: string;
          body: { message?: string; output?: any };
        }[] = await api('GET', `/api/scaffolder/v2/tasks/${id}/events`);
        if (task.status !== 'completed') {
          const log = events
            .filter(e => e.type === 'log')
            .map(e => e.body.message)
            .join('\n');
          throw new Error(`task ${template} ${task.status}:\n${log}`);
        }
        return events.find(e => e.type === 'completion')!.body.output;
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  it('keeps the hand edits, brings the changed answer, and opens one branch however often it runs', async () => {
    await runTask('iacforge-service-existing-cluster', {
      owner: 'group:default/platform-team',
      repo_owner: 'platform-team',
      repo_name: 'invoices',
      governance_enabled: true,
      enable_native_checks: false,
      cloud: 'existing',
      existing_cluster_cloud: 'aws',
      chart_name: 'invoices',
      namespace: 'invoices',
      image_repository: 'ghcr.io/acme/invoices',
      image_tag: '1.4.2',
      replica_count: 2,
      container_port: 8080,
      service_port: 80,
      load_balancer_type: 'ClusterIP',
    });
    const bare = path.join(portal.gitDir, 'platform-team', 'invoices.git');
    expect(await git(bare, 'branch', '--list', 'iacforge/generated')).toMatch(
      /iacforge\/generated/,
    );

    // hand edits, pushed to the repository on the host's disk (its HTTP
    // side is read-only)
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-e2e-up-'));
    await git(clone, 'clone', '--quiet', bare, '.');
    const values = path.join(clone, 'charts/invoices/values.yaml');
    const text = fs.readFileSync(values, 'utf8');
    expect(text).toMatch(/replicaCount: 2\b/);
    fs.writeFileSync(
      values,
      text.replace(/replicaCount: 2\b/, 'replicaCount: 3'),
    );
    fs.writeFileSync(path.join(clone, 'RUNBOOK.md'), '# Invoices runbook\n');
    await git(clone, 'add', '-A');
    await git(clone, 'commit', '-qm', 'Hand edits');
    await git(clone, 'push', '--quiet', 'origin', 'main');

    await waitForEntity(portal.baseUrl, {
      kind: 'component',
      name: 'invoices',
    });
    const upgrade = {
      component: 'component:default/invoices',
      image_tag: '1.4.3',
    };
    const output = await runTask('iacforge-upgrade', upgrade);
    const summary: string = output.text[0].content;
    // eslint-disable-next-line no-console
    console.log(`upgrade summary:\n${summary}`);
    const branch = /Upgrade branch (iacforge-upgrade-[0-9a-f]{12})/.exec(
      summary,
    )![1];
    expect(summary).toContain('## Changed answers\n- helm_context.image_tag');
    expect(summary).toContain('## Conflicts: none');
    const show = (file: string) => git(bare, 'show', `${branch}:${file}`);
    expect(await show('RUNBOOK.md')).toBe('# Invoices runbook\n');
    const upgraded = await show('charts/invoices/values.yaml');
    expect(upgraded).toMatch(/replicaCount: 3\b/);
    expect(upgraded).toMatch(/tag: "?1\.4\.3"?/);
    expect(output.links.map((l: { url?: string }) => l.url)).toContain(
      `${portal.baseUrl}/api/iac/git/platform-team/invoices/blob/${branch}/.iacforge/answers.json`,
    );

    const again = await runTask('iacforge-upgrade', upgrade);
    expect(again.text[0].content).toContain(
      `Upgrade branch ${branch} from main: already exists`,
    );
    expect(
      (await git(bare, 'branch', '--list', 'iacforge-upgrade-*'))
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('in the browser: the card links to the prefilled upgrade Template, whose last step previews the diff', async () => {
    const session = await openBrowser();
    const page = session.page;
    try {
      await session.signInAsGuest(portal.baseUrl);
      await page.goto(`${portal.baseUrl}/catalog/default/component/invoices`);
      const versions = page.getByLabel('Template versions');
      await versions.waitFor({ timeout: 120_000 });
      await session.screenshot('60-upgrade-entity-card');
      await versions.getByRole('link', { name: 'Change answers' }).click();
      await page
        .getByText('Upgrade an IaC repository')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: /^Next$/ }).click();
      const tag = page.getByLabel('Image tag');
      await tag.waitFor({ timeout: 30_000 });
      // prefilled from the recorded answers
      expect(await tag.inputValue()).toBe('1.4.2');
      await tag.fill('1.4.5');
      await page.getByRole('button', { name: /^Next$/ }).click();
      const preview = page.getByLabel('Upgrade preview');
      await preview.waitFor({ timeout: 120_000 });
      await expect(preview.innerText()).resolves.toMatch(
        /Upgrade branch iacforge-upgrade-[0-9a-f]{12} from main/,
      );
      const diff = page.getByLabel('Diff of charts/invoices/values.yaml');
      await diff.locator('summary').click();
      await expect(diff.innerText()).resolves.toContain('+  tag: "1.4.5"');
      await session.screenshot('61-upgrade-preview');
    } catch (error) {
      await session.screenshot('FAILED-upgrade-preview').catch(() => undefined);
      throw error;
    } finally {
      await session.close();
    }
  });
});
