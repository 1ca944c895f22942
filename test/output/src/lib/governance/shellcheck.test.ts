import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shellcheck } from './shellcheck';

describe('shellcheck', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-fake-shellcheck-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeShellcheck(body: string): string {
    const file = path.join(dir, `shellcheck-${Math.random()}`);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  }

  it('finds nothing in a clean script', () => {
    expect(shellcheck([{ where: 'clean', script: 'echo "hello"\n' }])).toEqual(
      [],
    );
  });

  it('reports each finding with the place of the script', () => {
    const found = shellcheck([
      { where: 'wf.yml: job a step 1 (x)', script: 'echo $UNSET_THING\n' },
    ]);
    expect(found).toEqual([
      'wf.yml: job a step 1 (x): 3:6: note: Double quote to prevent globbing and word splitting. [SC2086]',
    ]);
  });

  it('fails with its message when shellcheck crashes, never "no findings"', () => {
    const bin = fakeShellcheck('echo "shellcheck: out of memory" >&2; exit 3');
    expect(() =>
      shellcheck([{ where: 'clean', script: 'echo "hello"\n' }], bin),
    ).toThrow(/shellcheck exited with 3: shellcheck: out of memory/);
  });

  it('fails when shellcheck writes an error even with exit status 1', () => {
    const bin = fakeShellcheck('echo "cannot read file" >&2; exit 1');
    expect(() =>
      shellcheck([{ where: 'clean', script: 'echo "hello"\n' }], bin),
    ).toThrow(/shellcheck exited with 1: cannot read file/);
  });

  it('fails when exit status 1 comes with no finding', () => {
    const bin = fakeShellcheck('exit 1');
    expect(() =>
      shellcheck([{ where: 'clean', script: 'echo "hello"\n' }], bin),
    ).toThrow(/shellcheck exited with 1 but reported no finding/);
  });

  it('fails when shellcheck is not installed', () => {
    expect(() =>
      shellcheck(
        [{ where: 'clean', script: 'echo "hello"\n' }],
        path.join(dir, 'no-such-shellcheck'),
      ),
    ).toThrow(/scripts\/ensure-debian-packages\.sh/);
  });
});
