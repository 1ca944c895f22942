/*
 * Golden files (OUTPUT-QUALITY 26): for each Helm tree and a representative
 * payload (defaults, everything on), the generated file list with hashes,
 * the rendered files (Chart.yaml, values.yaml, README.md) in full and the
 * manifests `helm template` renders from the default values. Any change to
 * the output shows up as a diff of src/lib/helm/golden/ and needs an explicit
 * update:
 *
 *   UPDATE_HELM_GOLDEN=1 yarn backstage-cli package test src/helm-golden --no-watch
 *
 * (outside CI only; see lib/golden.ts)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expectGolden } from './lib/golden';
import { representativeCases } from './lib/helm/cases';
import {
  helmTemplate,
  renderChart,
  tempDir,
  writeTree,
} from './lib/helm/chart';

// test code runs from source, never from a production build
// eslint-disable-next-line no-restricted-syntax
const GOLDEN_DIR = path.join(__dirname, 'lib', 'helm', 'golden');

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

describe('golden files of the Helm trees', () => {
  it.each(representativeCases().map(c => [c.name, c] as const))(
    '%s',
    async (name, helmCase) => {
      const chart = renderChart(helmCase);
      const lines = [
        `# golden: ${name}`,
        '# update: UPDATE_HELM_GOLDEN=1 yarn backstage-cli package test src/helm-golden --no-watch',
        '',
        '## files (path, mode, sha256)',
        ...chart.result.files.map(
          f =>
            `${f.path} ${f.mode.toString(8)} ${createHash('sha256')
              .update(f.content)
              .digest('hex')}`,
        ),
      ];
      for (const rel of ['Chart.yaml', 'values.yaml', 'README.md']) {
        lines.push(
          '',
          `## ${chart.chartDir}/${rel}`,
          chart.files.get(rel)!.toString('utf8'),
        );
      }
      const dir = tempDir('helm-golden-');
      try {
        writeTree(dir, chart.files);
        lines.push(
          '',
          '## helm template orders <chart> --namespace orders (helm v3, default values)',
          await helmTemplate(dir),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const actual = `${lines.join('\n').trimEnd()}\n`;
      const file = path.join(GOLDEN_DIR, `${slug(name)}.golden.txt`);
      expectGolden(file, actual, 'UPDATE_HELM_GOLDEN');
    },
    60_000,
  );
});
