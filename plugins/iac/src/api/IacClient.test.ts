import {
  answersUrls,
  filenameFromDisposition,
  IacClient,
  IacRequestError,
} from './IacClient';

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function setup(res: Response | (() => Response)) {
  const fetch = jest.fn(async () => (typeof res === 'function' ? res() : res));
  const client = new IacClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/iac' },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('IacClient', () => {
  it('posts payloads to the kind routes through the fetchApi', async () => {
    const { client, fetch } = setup(() =>
      response(200, { ok: true, issues: [] }),
    );
    const controller = new AbortController();
    await expect(
      client.validate(
        'platform',
        { cloud: 'aws' },
        { signal: controller.signal },
      ),
    ).resolves.toEqual({ ok: true, issues: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/iac/validate/platform',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"cloud":"aws"}',
        signal: controller.signal,
      },
    );
  });

  it('asks for the checks and returns the preview', async () => {
    const body = {
      kind: 'helm',
      files: [],
      file_count: 0,
      total_size: 0,
      templates: [],
      content_hash: 'h',
    };
    const { client, fetch } = setup(response(200, body));
    await expect(client.preview('helm', {}, { checks: true })).resolves.toEqual(
      {
        ok: true,
        preview: body,
      },
    );
    expect((fetch.mock.calls[0] as any)[0]).toBe(
      'http://backend/api/iac/generate/helm/preview?checks=true',
    );
  });

  it('turns a 400 into issues', async () => {
    const { client } = setup(
      response(400, {
        error: {
          name: 'ValidationError',
          message: 'Invalid payload: 1 problem',
        },
        issues: [{ path: 'helm_context.chart_name', message: 'Required' }],
      }),
    );
    await expect(client.preview('platform', {})).resolves.toEqual({
      ok: false,
      message: 'Invalid payload: 1 problem',
      issues: [{ path: 'helm_context.chart_name', message: 'Required' }],
    });
  });

  it('throws IacRequestError for server errors', async () => {
    const { client } = setup(response(500, { error: { message: 'boom' } }));
    await expect(client.preview('platform', {})).rejects.toEqual(
      expect.objectContaining({
        name: 'IacRequestError',
        status: 500,
        message: 'boom',
      }),
    );
    await expect(client.validate('platform', {})).rejects.toBeInstanceOf(
      IacRequestError,
    );
  });

  it('downloads the ZIP as a blob with the server file name', async () => {
    const { client, fetch } = setup(
      () =>
        new Response(new Blob(['PK']), {
          status: 200,
          headers: {
            'Content-Type': 'application/zip',
            'Content-Disposition': 'attachment; filename="orders-platform.zip"',
          },
        }),
    );
    const archive = await client.download('platform', { cloud: 'aws' });
    expect(archive.filename).toBe('orders-platform.zip');
    expect(archive.blob.size).toBe(2);
    expect((fetch.mock.calls[0] as any)[0]).toBe(
      'http://backend/api/iac/generate/platform/download',
    );
  });

  it('caches schemas, but not failures', async () => {
    let n = 0;
    const { client, fetch } = setup(() =>
      ++n === 1
        ? response(503, { error: 'down' })
        : response(200, { title: 'platform' }),
    );
    await expect(client.getSchema('platform')).rejects.toThrow('down');
    await expect(client.getSchema('platform')).resolves.toEqual({
      title: 'platform',
    });
    await expect(client.getSchema('platform')).resolves.toEqual({
      title: 'platform',
    });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('lists templates', async () => {
    const { client } = setup(response(200, { items: [{ name: 'basic' }] }));
    await expect(client.listTemplates()).resolves.toEqual([{ name: 'basic' }]);
  });

  it('reads answers.json when reachable and gives up quietly otherwise', async () => {
    const ok = setup(response(200, { content_hash: 'abc' }));
    await expect(
      ok.client.readAnswers('url:https://github.com/acme/orders/tree/main/'),
    ).resolves.toEqual({ content_hash: 'abc' });
    expect((ok.fetch.mock.calls[0] as any)[0]).toBe(
      'https://raw.githubusercontent.com/acme/orders/main/.iacforge/answers.json',
    );
    const missing = setup(response(404, 'Not Found'));
    await expect(
      missing.client.readAnswers(
        'url:https://github.com/acme/orders/tree/main/',
      ),
    ).resolves.toBeUndefined();
    const offline = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(
      offline.client.readAnswers('url:https://git.example.com/r/'),
    ).resolves.toBeUndefined();
    await expect(ok.client.readAnswers('file:/tmp/x')).resolves.toBeUndefined();
  });
});

describe('answersUrls', () => {
  it('maps GitHub, GitLab and plain URLs', () => {
    expect(answersUrls('url:https://github.com/acme/orders')).toEqual([
      'https://raw.githubusercontent.com/acme/orders/HEAD/.iacforge/answers.json',
    ]);
    expect(
      answersUrls('url:https://github.com/acme/orders/tree/main/infra'),
    ).toEqual([
      'https://raw.githubusercontent.com/acme/orders/main/infra/.iacforge/answers.json',
    ]);
    expect(
      answersUrls('url:https://gitlab.com/acme/orders/-/tree/main/'),
    ).toEqual([
      'https://gitlab.com/acme/orders/-/raw/main/.iacforge/answers.json',
    ]);
    expect(answersUrls('url:http://127.0.0.1:7007/git/orders/')).toEqual([
      'http://127.0.0.1:7007/git/orders/.iacforge/answers.json',
    ]);
    expect(answersUrls('not a url')).toEqual([]);
  });
});

describe('filenameFromDisposition', () => {
  it('keeps a safe base name', () => {
    expect(filenameFromDisposition('attachment; filename="a.zip"')).toBe(
      'a.zip',
    );
    expect(
      filenameFromDisposition("attachment; filename*=UTF-8''b%20c.zip"),
    ).toBe('b-c.zip');
    expect(
      filenameFromDisposition('attachment; filename="../../etc/x.zip"'),
    ).toBe('x.zip');
    expect(filenameFromDisposition(null)).toBe('iacforge.zip');
  });
});
