/*
 * A task recovered after its repository was pushed but before the publish
 * step's checkpoint was saved runs the step again: the same files give the
 * same repository back (no second one, no error); other files still get
 * "already exists".
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createPublishLocalAction } from './publishLocal';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

function workspace(files: Record<string, string>): string {
  const dir = tmp('iacforge-ws-');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

function outputOf(ctx: { output: unknown }, name: string): unknown {
  return (ctx.output as jest.Mock).mock.calls.find(([n]) => n === name)?.[1];
}

describe('iac:publish:local after a task recovery', () => {
  const directory = tmp('iacforge-git-');
  const action = createPublishLocalAction({
    directory,
    baseUrl: 'http://localhost:7007/api/iac/git',
  });
  const files = {
    'catalog-info.yaml': 'kind: Component\n',
    'charts/orders/Chart.yaml': 'name: orders\n',
  };

  it('the same files: the existing repository is the step result, nothing pushed again', async () => {
    const input = { repoUrl: 'localhost?owner=team&repo=orders' };
    const first = createMockActionContext({
      input,
      workspacePath: workspace(files),
    });
    await action.handler(first as any);
    // the recovered step: a fresh context (no saved checkpoint), the files
    // of the completed generate step in the shared working directory
    const again = createMockActionContext({
      input,
      workspacePath: workspace(files),
    });
    await action.handler(again as any);
    expect(outputOf(again, 'commitHash')).toBe(outputOf(first, 'commitHash'));
    const bare = path.join(directory, 'team/orders.git');
    expect(
      execFileSync('git', ['--git-dir', bare, 'rev-list', '--count', 'main'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('1');
    expect(fs.readdirSync(path.join(directory, 'team'))).toEqual([
      'orders.git',
    ]);
  });

  it('other files under that name: "already exists", the repository untouched', async () => {
    const ctx = createMockActionContext({
      input: { repoUrl: 'localhost?owner=team&repo=orders' },
      workspacePath: workspace({ ...files, 'extra.txt': 'not the same\n' }),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Repository team/orders already exists',
    );
  });
});
