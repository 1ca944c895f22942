/*
 * The API's error model: every problem of the input (a schema or
 * cross-field rule, a value the contract accepts but a filter refuses) is a
 * 400 with the issues at their field paths, on preview, checked preview and
 * download alike; a fault of the template tree itself is a 500.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { IacEngine } from '@iacforge/plugin-iac-node';
import { iacPlugin } from './plugin';
import { renderPreview } from './preview';

const BASIC = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);

/** The basic root, chart-one with one more file `NOTES.txt.njk`. */
function rootWithNotes(notes: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-errors-'));
  fs.cpSync(BASIC, root, { recursive: true });
  fs.writeFileSync(
    path.join(root, 'helm', 'chart-one', 'NOTES.txt.njk'),
    notes,
  );
  return root;
}

// the tree prints the image tag as a number: "1.27-alpine" is refused
const REFUSING = rootWithNotes('tag: {= helm_context.image_tag | num =}\n');
// the tree prints a field the contract does not have: the tree's bug
const FAULTY = rootWithNotes('{= helm_context.no_such_field | md =}\n');

const payload = (context: Record<string, unknown> = {}) => ({
  helm_template: 'chart-one',
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27-alpine',
    ...context,
  },
});

const ROUTES = [
  '/api/iac/generate/helm/preview',
  '/api/iac/generate/helm/preview?checks=true',
  '/api/iac/generate/helm/download',
];

async function start(root: string) {
  const { server } = await startTestBackend({
    features: [
      iacPlugin,
      mockServices.rootConfig.factory({
        data: { iac: { templateRoots: [root] } },
      }),
    ],
  });
  return server;
}

// checked previews and downloads start a preview worker of their own on
// first use: it loads the TypeScript sources, seconds on a busy machine
jest.setTimeout(120_000);

describe('input errors', () => {
  it('a filter refusal is an issues outcome at the field path', () => {
    const outcome = renderPreview(
      IacEngine.fromRoots([REFUSING]),
      'helm',
      payload(),
    );
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

  it('a filter refusal and a cross-field error are 400s with field paths on every route', async () => {
    const server = await start(REFUSING);
    for (const route of ROUTES) {
      const refused = await request(server).post(route).send(payload());
      expect({ route, status: refused.status }).toEqual({ route, status: 400 });
      expect(refused.body).toEqual({
        error: {
          name: 'ValidationError',
          message: 'Invalid payload: 1 problem',
        },
        issues: [
          {
            path: 'helm_context.image_tag',
            message: expect.stringContaining('num: expected a finite number'),
          },
        ],
      });
      const crossField = await request(server)
        .post(route)
        .send(
          payload({
            hpa_enabled: true,
            hpa_min_replicas: 5,
            hpa_max_replicas: 3,
          }),
        );
      expect({ route, status: crossField.status }).toEqual({
        route,
        status: 400,
      });
      expect(crossField.body.issues).toEqual([
        {
          path: 'helm_context.hpa_min_replicas',
          message:
            'hpa_min_replicas (5) must not be greater than hpa_max_replicas (3)',
        },
      ]);
    }
  });

  it("a fault of the template tree is a 500, not the user's error", async () => {
    const server = await start(FAULTY);
    for (const route of ROUTES) {
      const res = await request(server).post(route).send(payload());
      expect({ route, status: res.status }).toEqual({ route, status: 500 });
      expect(res.body.issues).toBeUndefined();
    }
  });
});
