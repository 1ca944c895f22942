/*
 * A value the contract accepts but a filter refuses is the input's fault: a
 * 400 issue at the value's field path, never a 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IacEngine } from '@iacforge/plugin-iac-node';
import { renderPreview } from './preview';

const CHART_ONE = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic/helm/chart-one',
);

describe('filter errors', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-filter-'));
  const tree = path.join(root, 'helm', 'chart-one');
  fs.cpSync(CHART_ONE, tree, { recursive: true });
  // a tree that prints the image tag as a number: "1.27-alpine" is refused
  fs.writeFileSync(
    path.join(tree, 'NOTES.txt.njk'),
    'tag: {= helm_context.image_tag | num =}\n',
  );
  const engine = IacEngine.fromRoots([root]);

  it('are a 400 issue at the field path of the refused value', () => {
    const outcome = renderPreview(engine, 'helm', {
      helm_template: 'chart-one',
      helm_context: {
        chart_name: 'payments',
        chart_version: '0.1.0',
        app_version: '1.0.0',
        namespace: 'payments',
        image_repository: 'nginx',
        image_tag: '1.27-alpine',
      },
    });
    expect(outcome).toEqual({
      type: 'issues',
      issues: [
        {
          path: 'helm_context.image_tag',
          message: expect.stringMatching(
            /^Cannot be rendered into NOTES\.txt\.njk: num: expected a finite number/,
          ),
        },
      ],
    });
  });
});
