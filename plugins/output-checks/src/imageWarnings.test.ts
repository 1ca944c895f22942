import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { imageWarnings, imageWarningsInDirectory } from './imageWarnings';

const chart = (repository: string) => ({
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'charts/web/values.yaml': `image:\n  repository: ${repository}\n  tag: "1.27"\n`,
});

describe('imageWarnings', () => {
  it('warns (not errs) on a root-only image in a chart, at its values file', () => {
    expect(imageWarnings(chart('docker.io/library/nginx'))).toEqual([
      {
        check: 'pod-security',
        severity: 'warning',
        file: 'charts/web/values.yaml',
        message: expect.stringMatching(
          /^image\.repository: "docker\.io\/library\/nginx" will not become Ready .*nginx-unprivileged/,
        ),
      },
    ]);
  });

  it('says nothing for an image that runs as non-root, or without a chart', () => {
    expect(imageWarnings(chart('nginxinc/nginx-unprivileged'))).toEqual([]);
    expect(
      imageWarnings({ 'values.yaml': 'image:\n  repository: nginx\n' }),
    ).toEqual([]);
  });

  it('reads a directory', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-warnings-'));
    try {
      for (const [file, text] of Object.entries(chart('postgres'))) {
        await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await fs.writeFile(path.join(dir, file), text);
      }
      const findings = await imageWarningsInDirectory(dir);
      expect(findings.map(f => [f.file, f.severity])).toEqual([
        ['charts/web/values.yaml', 'warning'],
      ]);
      expect(findings[0].message).toContain('postgres');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
