import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import yauzl from 'yauzl';
import { IacEngine } from '@iacforge/plugin-iac-node';
import { iacPlugin } from './plugin';

const FIXTURE_ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);

const payload = {
  cloud: 'aws',
  terraform_template: 'tf-one',
  helm_template: 'chart-one',
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27',
  },
};

// a preview worker loads the TypeScript sources through the transform:
// seconds on a busy 2-core machine
jest.setTimeout(60_000);

// previews render in one worker thread in every test (whatever the cores of
// the machine): a worker that cannot start shows as X-Iac-Preview-Source
// "http-thread" and fails the tests that expect a worker
async function start(iac: Record<string, unknown> = {}) {
  const { server } = await startTestBackend({
    features: [
      iacPlugin,
      mockServices.rootConfig.factory({
        data: {
          iac: {
            templateRoots: [FIXTURE_ROOT],
            preview: { workers: 1 },
            shippedTemplates: false,
            ...iac,
          },
        },
      }),
    ],
  });
  return server;
}

/** The thread id of the preview worker that rendered an answer. */
function workerThread(res: request.Response): number {
  const source = String(res.headers['x-iac-preview-source']);
  expect(source).toMatch(/^worker [1-9]\d*$/);
  return Number(source.split(' ')[1]);
}

function zipEntries(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(err);
        return;
      }
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.readEntry();
    });
  });
}

function binary(
  res: request.Response,
  cb: (err: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('iac backend plugin', () => {
  it('lists the templates', async () => {
    const server = await start();
    const res = await request(server).get('/api/iac/templates').expect(200);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual([
      'gov',
      'chart-one',
      'tf-one',
    ]);
  });

  it('serves the shipped trees without configuration, iac.templateRoots adds folders', async () => {
    const server = await start({ shippedTemplates: undefined });
    const res = await request(server).get('/api/iac/templates').expect(200);
    const names = res.body.items.map((t: { name: string }) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['basic', 'aws-eks', 'github-actions', 'tf-one']),
    );
  });

  it('serves the payload JSON schemas, 404 for unknown ones', async () => {
    const server = await start();
    const names = await request(server).get('/api/iac/schemas').expect(200);
    expect(names.body.items).toEqual(
      expect.arrayContaining(['platform', 'helm', 'terraform']),
    );
    const schema = await request(server)
      .get('/api/iac/schemas/platform')
      .expect(200);
    expect(schema.body.$schema).toMatch(/json-schema\.org/);
    expect(JSON.stringify(schema.body)).toContain('"helm_context"');
    const missing = await request(server)
      .get('/api/iac/schemas/nope')
      .expect(404);
    expect(missing.body.error.message).toMatch(
      /Unknown schema "nope"; use one of/,
    );
  });

  it('previews the files that would be generated, deterministically', async () => {
    const server = await start();
    const a = await request(server)
      .post('/api/iac/generate/platform/preview')
      .send(payload)
      .expect(200);
    expect(a.body.kind).toBe('platform');
    expect(a.body.templates.map((t: { name: string }) => t.name)).toEqual([
      'tf-one',
      'chart-one',
      'gov',
    ]);
    const paths = a.body.files.map((f: { path: string }) => f.path);
    expect(paths).toContain('charts/payments/values.yaml');
    const script = a.body.files.find(
      (f: { path: string }) => f.path === 'terraform/bootstrap.sh',
    );
    expect(script).toMatchObject({ mode: '0755', encoding: 'utf-8' });
    expect(a.body.file_count).toBe(paths.length);
    expect(a.body.total_size).toBeGreaterThan(0);
    const b = await request(server)
      .post('/api/iac/generate/platform/preview')
      .send(payload)
      .expect(200);
    expect(b.body.content_hash).toBe(a.body.content_hash);
    expect(b.body.files).toEqual(a.body.files);
  });

  it('renders previews in the worker thread, never silently on the HTTP thread', async () => {
    const server = await start();
    const spy = jest.spyOn(IacEngine.prototype, 'generate');
    try {
      const a = await request(server)
        .post('/api/iac/generate/platform/preview')
        .send(payload)
        .expect(200);
      const thread = workerThread(a);
      // invalid input is answered by the worker too
      const bad = await request(server)
        .post('/api/iac/generate/platform/preview')
        .send({
          ...payload,
          helm_context: { ...payload.helm_context, image_tag: 'latest' },
        })
        .expect(400);
      expect(workerThread(bad)).toBe(thread);
      // this thread's engine rendered nothing
      expect(spy).not.toHaveBeenCalled();
      // and the answer is the one the HTTP thread would give
      const local = await request(await start({ preview: { workers: 0 } }))
        .post('/api/iac/generate/platform/preview')
        .send(payload)
        .expect(200);
      expect(local.headers['x-iac-preview-source']).toBe('http-thread');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(local.text).toBe(a.text);
      expect(local.headers.etag).toBe(a.headers.etag);
    } finally {
      spy.mockRestore();
    }
  });

  it('serves a repeated preview from its content-addressed cache', async () => {
    const server = await start();
    {
      const a = await request(server)
        .post('/api/iac/generate/platform/preview')
        .send(payload);
      const b = await request(server)
        .post('/api/iac/generate/platform/preview')
        .send(payload);
      expect(b.text).toBe(a.text);
      workerThread(a);
      expect(b.headers['x-iac-preview-source']).toBe('cache');
      // the ETag comes from the content, the same for the same answer
      expect(a.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      expect(b.headers.etag).toBe(a.headers.etag);
      expect(a.headers['content-type']).toMatch(/^application\/json/);
      const other = {
        ...payload,
        helm_context: { ...payload.helm_context, image_tag: '1.28' },
      };
      const c = await request(server)
        .post('/api/iac/generate/platform/preview')
        .send(other)
        .expect(200);
      workerThread(c);
      expect(c.headers.etag).not.toBe(a.headers.etag);
    }
  });

  it('runs the fast output checks on request', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/iac/generate/terraform/preview?checks=true')
      .send({
        cloud: 'aws',
        terraform_template: 'tf-one',
        terraform_context: payload.terraform_context,
      })
      .expect(200);
    expect(Array.isArray(res.body.findings)).toBe(true);
    expect(
      res.body.files.every((f: { path: string }) =>
        f.path.startsWith('terraform/'),
      ),
    ).toBe(true);
  });

  it('answers 400 with every field path for an invalid payload', async () => {
    const server = await start();
    const res = await request(server)
      .post('/api/iac/generate/platform/preview')
      .send({
        ...payload,
        helm_context: {
          ...payload.helm_context,
          chart_name: 'Bad Name',
          image_tag: 'latest',
        },
      })
      .expect(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining([
        'helm_context.chart_name',
        'helm_context.image_tag',
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('answers 400 for malformed JSON, 413 for oversized bodies, never 500', async () => {
    const server = await start({ maxBodySize: '2kb' });
    const bad = await request(server)
      .post('/api/iac/generate/platform/preview')
      .set('Content-Type', 'application/json')
      .send('{"cloud": "aws",')
      .expect(400);
    // a short message with the position: no echo of the body, no parser internals
    expect(bad.body.error).toMatchObject({
      name: 'InputError',
      message: 'The request body is not valid JSON at position 16',
    });
    await request(server)
      .post('/api/iac/generate/platform/preview')
      .send({ ...payload, padding: 'x'.repeat(5000) })
      .expect(413);
    const wrongType = await request(server)
      .post('/api/iac/generate/helm/preview')
      .send([1, 2, 3])
      .expect(400);
    expect(wrongType.body.issues.length).toBeGreaterThan(0);
  });

  it('validates without rendering', async () => {
    const server = await start();
    const ok = await request(server)
      .post('/api/iac/validate/platform')
      .send(payload)
      .expect(200);
    expect(ok.body).toEqual({ ok: true, issues: [] });
    const bad = await request(server)
      .post('/api/iac/validate/platform')
      .send({ ...payload, terraform_template: 'nope' })
      .expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.issues[0].path).toBe('terraform_template');
  });

  it('downloads a deterministic ZIP with a sensible name', async () => {
    const server = await start();
    const get = () =>
      request(server)
        .post('/api/iac/generate/platform/download')
        .send(payload)
        .buffer(true)
        .parse(binary)
        .expect(200);
    const a = await get();
    expect(a.headers['content-type']).toBe('application/zip');
    expect(a.headers['content-disposition']).toBe(
      'attachment; filename="payments-platform.zip"',
    );
    const entries = await zipEntries(a.body);
    expect(entries).toContain('payments-platform/charts/payments/Chart.yaml');
    const b = await get();
    expect(Buffer.compare(a.body, b.body)).toBe(0);
  });

  it('answers 404 for unknown generators and routes', async () => {
    const server = await start();
    const kind = await request(server)
      .post('/api/iac/generate/ansible/preview')
      .send(payload)
      .expect(404);
    expect(kind.body.error.message).toMatch(/Unknown generator "ansible"/);
    await request(server).get('/api/iac/nope').expect(404);
  });

  it('requires credentials unless explicitly opened up', async () => {
    const closed = await start();
    const denied = await request(closed)
      .get('/api/iac/templates')
      .set('Authorization', mockCredentials.none.header());
    expect(denied.status).toBe(401);
    const open = await start({ allowUnauthenticated: true });
    const allowed = await request(open)
      .get('/api/iac/templates')
      .set('Authorization', mockCredentials.none.header());
    expect(allowed.status).toBe(200);
  });
});
