import type { IacApi } from '../api/IacApi';
import type { PreviewResponse, PreviewFile } from '../api/types';

export function file(
  path: string,
  content: string,
  template = 'basic',
): PreviewFile {
  return {
    path,
    content,
    encoding: 'utf-8',
    size: content.length,
    mode: '0644',
    template,
  };
}

export function previewOf(
  files: PreviewFile[],
  extra: Partial<PreviewResponse> = {},
): PreviewResponse {
  return {
    kind: 'platform',
    templates: [{ name: 'basic', kind: 'helm', version: '0.1.0' }],
    files,
    file_count: files.length,
    total_size: files.reduce((s, f) => s + f.size, 0),
    content_hash: files.map(f => `${f.path}:${f.content}`).join('|'),
    ...extra,
  };
}

/** IacApi methods as loosely typed jest mocks. */
export type FakeIacApi = IacApi & { [K in keyof IacApi]: jest.Mock };

/** An IacApi whose methods are jest mocks with happy defaults. */
export function fakeIacApi(
  overrides: Partial<Record<keyof IacApi, jest.Mock>> = {},
) {
  const api: FakeIacApi = {
    listTemplates: jest.fn().mockResolvedValue([]),
    getSchema: jest.fn().mockResolvedValue({ type: 'object', properties: {} }),
    validate: jest.fn().mockResolvedValue({ ok: true, issues: [] }),
    preview: jest.fn().mockResolvedValue({
      ok: true,
      preview: previewOf([file('README.md', '# hello\n')]),
    }),
    download: jest.fn().mockResolvedValue({
      blob: new Blob(['zip']),
      filename: 'x.zip',
    }),
    readAnswers: jest.fn().mockResolvedValue(undefined),
    previewUpgrade: jest.fn().mockResolvedValue({
      ok: true,
      preview: {
        status: 'up-to-date',
        summary: 'Up to date',
        templates: [],
        answersChanged: [],
        conflicts: [],
        diff: [],
      },
    }),
    ...overrides,
  };
  return api;
}

/** A promise with its resolve function. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
