import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateAction } from './validate';

const FIXTURES = path.join(
  path.dirname(require.resolve('@iacforge/output-checks/package.json')),
  'src/__fixtures__',
);

function workspaceWith(...folders: [string, string][]) {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-ws-'));
  for (const [from, to] of folders) {
    fs.cpSync(path.join(FIXTURES, from), path.join(ws, to), {
      recursive: true,
    });
  }
  return ws;
}

// real helm and WebAssembly checks (started on the first one), on a machine
// shared with other suites: no 5 s wall-clock bound
jest.setTimeout(120_000);

describe('iac:validate', () => {
  const action = createValidateAction();

  it('passes a clean workspace and reports what it checked', async () => {
    const ctx = createMockActionContext({
      input: {},
      workspacePath: workspaceWith(
        ['good/terraform', 'terraform'],
        ['good/.github', '.github'],
      ),
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('ok', true);
    expect(ctx.output).toHaveBeenCalledWith('findingCount', 0);
    expect(ctx.output).toHaveBeenCalledWith(
      'checkedFiles',
      expect.objectContaining({
        'hcl-parse': expect.any(Number),
        actionlint: 1,
      }),
    );
  });

  it('fails the task with per-file findings', async () => {
    const ctx = createMockActionContext({
      input: {},
      workspacePath: workspaceWith(['broken/terraform', 'terraform']),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /failed validation[\s\S]*terraform\/syntax-error\/main\.tf:\d+/,
    );
  });

  it('runs helm lint and template on Helm 3 and 4 when asked', async () => {
    const ctx = createMockActionContext({
      input: { helm: true, path: 'charts' },
      workspacePath: workspaceWith(['good/charts', 'charts']),
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'checkedFiles',
      expect.objectContaining({
        'helm-lint': expect.any(Number),
        'kubernetes-schema': expect.any(Number),
      }),
    );
  }, 120_000);

  it('reports a chart image that needs root as a warning, without failing', async () => {
    const ws = workspaceWith(['good/charts', 'charts']);
    const values = path.join(ws, 'charts/web/values.yaml');
    fs.writeFileSync(
      values,
      fs
        .readFileSync(values, 'utf8')
        .replace('repository: ghcr.io/example/web', 'repository: nginx'),
    );
    const ctx = createMockActionContext({ input: {}, workspacePath: ws });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('ok', true);
    expect(ctx.output).toHaveBeenCalledWith('findingCount', 1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /charts\/web\/values\.yaml.*warning.*image\.repository: "nginx" will not become Ready/s,
      ),
    );
  });

  it('refuses paths outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { path: '../..' },
      workspacePath: workspaceWith(),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(/outside/i);
  });
});
