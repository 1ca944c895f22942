/*
 * Hostile request bodies at the API boundary: each gets a short 400 (or
 * 413) naming the limit, the same on validate, preview and download, and
 * never a 500.
 */
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { iacPlugin } from './plugin';

const FIXTURE_ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);

const ROUTES = [
  '/api/iac/validate/platform',
  '/api/iac/generate/platform/preview',
  '/api/iac/generate/platform/preview?checks=true',
  '/api/iac/generate/platform/download',
];

async function start() {
  const { server } = await startTestBackend({
    features: [
      iacPlugin,
      mockServices.rootConfig.factory({
        data: { iac: { templateRoots: [FIXTURE_ROOT] } },
      }),
    ],
  });
  return server;
}

// checked previews and downloads start a preview worker of their own on
// first use: it loads the TypeScript sources, seconds on a busy machine
jest.setTimeout(60_000);

function nested(depth: number): string {
  return `{"cloud":"aws","helm_context":${'{"a":'.repeat(depth)}1${'}'.repeat(
    depth,
  )}}`;
}

describe('hostile request bodies', () => {
  let server: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    server = await start();
  });

  it('too many fields in one object: 400 naming the limit, before any validation work', async () => {
    const keys = Object.fromEntries(
      Array.from({ length: 4000 }, (_, i) => [`unknown_field_${i}`, i]),
    );
    for (const route of ROUTES) {
      const res = await request(server)
        .post(route)
        .send({ cloud: 'aws', helm_context: keys });
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        {
          path: 'helm_context',
          message: expect.stringMatching(/4000 fields.*at most 500/),
        },
      ]);
    }
  });

  it('a body over the size limit: 413 with a short message', async () => {
    const res = await request(server)
      .post('/api/iac/validate/platform')
      .set('Content-Type', 'application/json')
      .send(`{"cloud":"${'a'.repeat(1_100_000)}"}`);
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/larger than 1mb/);
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|\/work\//);
  });

  it('JSON nested 6 000 levels: 400 naming the depth limit on every route', async () => {
    for (const route of ROUTES) {
      const res = await request(server)
        .post(route)
        .set('Content-Type', 'application/json')
        .send(nested(6000));
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/nested deeper than 64 levels/),
        }),
      ]);
    }
  });

  it('malformed JSON: a short 400 with the position, no body echo, no stack trace', async () => {
    const body =
      '{"cloud": "aws", "helm_context": {"chart_name": SECRET_TOKEN_123}}';
    for (const route of ROUTES) {
      const res = await request(server)
        .post(route)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          name: 'InputError',
          message: 'The request body is not valid JSON at position 48',
        },
      });
    }
  });

  it('"__proto__" as a key inside a map: 400 at its field path, not dropped', async () => {
    const body = `{"cloud":"aws","helm_context":{"chart_name":"a","service_account_annotations":{"__proto__":{"x":"y"}}}}`;
    for (const route of ROUTES) {
      const res = await request(server)
        .post(route)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(route.includes('validate') ? 200 : 400);
      expect(res.body.issues).toEqual(
        expect.arrayContaining([
          {
            path: 'helm_context.service_account_annotations.__proto__',
            message: expect.stringMatching(/"__proto__" is not allowed/),
          },
        ]),
      );
    }
  });
});
