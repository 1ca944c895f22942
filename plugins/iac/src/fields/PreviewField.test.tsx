import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { iacApiRef } from '../api/IacApi';
import { IacClient } from '../api/IacClient';
import type { Finding, PreviewFile, PreviewResult } from '../api/types';
import {
  deferred,
  fakeIacApi,
  file,
  previewOf,
} from '../__testUtils__/fakeApi';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { clearPreviewCache } from '../components/Preview/useLivePreview';
import { PreviewField, validatePreview } from './PreviewField';

const formA = {
  cloud: 'aws',
  region: 'us-east-1',
  project: 'shop',
  cluster_name: 'shop-dev',
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'nginx',
  image_tag: '1.27',
};
const formB = { ...formA, image_tag: '1.28' };

function lastPayload(mock: jest.Mock) {
  return mock.mock.calls[mock.mock.calls.length - 1][1];
}

/** A preview mock answering by image tag; findings only with ?checks=true. */
function previewsByTag(
  files: Record<string, PreviewFile[]>,
  findings: Record<string, Finding[]> = {},
) {
  return jest.fn(
    async (_kind: string, payload: any, options?: { checks?: boolean }) => {
      const tag = payload?.helm_context?.image_tag as string;
      return {
        ok: true as const,
        preview: previewOf(
          files[tag],
          options?.checks && findings[tag] ? { findings: findings[tag] } : {},
        ),
      };
    },
  );
}

describe('IacPreview', () => {
  beforeEach(() => clearPreviewCache());
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps the last preview as the diff baseline when the step is left and entered again', async () => {
    const api = fakeIacApi({
      preview: previewsByTag({
        '1.27': [file('values.yaml', 'tag: "1.27"\n')],
        '1.28': [file('values.yaml', 'tag: "1.28"\n')],
      }),
    });
    const first = renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA]}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    expect(
      await screen.findByTestId('iac-file-values.yaml'),
    ).toBeInTheDocument();
    first.unmount();
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formB]}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    // the cached preview shows at once, then the new one diffs against it
    expect(
      await screen.findByTestId('iac-file-values.yaml'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('iac-preview-stats')).toHaveTextContent(
        '1 changed',
      ),
    );
    fireEvent.click(screen.getByRole('tab', { name: /Changes/ }));
    expect(await screen.findByTestId('iac-diff')).toHaveTextContent('+1 −1');
  });

  it('debounces: one request ~400 ms after the last change, with the latest form', async () => {
    jest.useFakeTimers();
    const api = fakeIacApi();
    renderInTestApp(
      <FieldHarness Field={PreviewField} forms={[formA, formB]} />,
      {
        apis: [[iacApiRef, api]],
      },
    );
    await screen.findByTestId('iac-preview');
    act(() => jest.advanceTimersByTime(200));
    expect(api.preview).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('Next form state')); // a change restarts the clock
    act(() => jest.advanceTimersByTime(399));
    expect(api.preview).not.toHaveBeenCalled();
    expect(api.validate).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    // validate and the files (fast), then the files with the output checks
    expect(api.validate).toHaveBeenCalledTimes(1);
    expect(api.preview).toHaveBeenCalledTimes(1);
    await act(async () => {});
    expect(api.preview.mock.calls.map(c => c[2].checks)).toEqual([false, true]);
    const [kind, payload] = api.preview.mock.calls[1];
    expect(kind).toBe('platform');
    expect(api.preview.mock.calls[0][1]).toEqual(payload);
    expect(payload).toMatchObject({
      cloud: 'aws',
      terraform_context: {
        aws_region: 'us-east-1',
        cluster_name: 'shop-dev',
        project: 'shop',
      },
      helm_context: { image_tag: '1.28', chart_name: 'orders' },
    });
    await act(async () => {}); // let the answers land inside act
  });

  it('aborts the request of an outdated form and ignores its answer', async () => {
    jest.useFakeTimers();
    const first = deferred<PreviewResult>();
    const api = fakeIacApi();
    api.preview
      .mockImplementationOnce(() => first.promise)
      .mockResolvedValue({
        ok: true,
        preview: previewOf([
          file('charts/orders/values.yaml', 'image:\n  tag: "1.28"\n'),
        ]),
      });
    renderInTestApp(
      <FieldHarness Field={PreviewField} forms={[formA, formB]} />,
      {
        apis: [[iacApiRef, api]],
      },
    );
    await screen.findByTestId('iac-preview');
    act(() => jest.advanceTimersByTime(400));
    expect(api.preview).toHaveBeenCalledTimes(1);
    const signals = [
      api.validate.mock.calls[0][2].signal,
      api.preview.mock.calls[0][2].signal,
    ] as AbortSignal[];
    expect(signals.map(x => x.aborted)).toEqual([false, false]);

    fireEvent.click(screen.getByText('Next form state'));
    expect(signals.map(x => x.aborted)).toEqual([true, true]);
    act(() => jest.advanceTimersByTime(400));
    expect(api.preview).toHaveBeenCalledTimes(2);
    jest.useRealTimers();

    expect(await screen.findByText('values.yaml')).toBeInTheDocument();
    // the stale answer arrives late and changes nothing
    await act(async () =>
      first.resolve({
        ok: true,
        preview: previewOf([file('STALE.md', 'old')]),
      }),
    );
    expect(screen.queryByText('STALE.md')).toBeNull();
    expect(lastPayload(api.preview)).toMatchObject({
      helm_context: { image_tag: '1.28' },
    });
  });

  it('shows the files, stats, findings and a per-file diff against the previous form state', async () => {
    const main = file(
      'terraform/main.tf',
      'resource "aws_eks_cluster" "this" {\n  name = "shop-dev"\n}\n',
      'aws-eks',
    );
    const api = fakeIacApi({
      preview: previewsByTag(
        {
          '1.27': [
            main,
            file('charts/orders/values.yaml', 'image:\n  tag: "1.27"\n'),
          ],
          '1.28': [
            main,
            file('charts/orders/values.yaml', 'image:\n  tag: "1.28"\n'),
            file(
              'charts/orders/templates/hpa.yaml',
              'kind: HorizontalPodAutoscaler\n',
            ),
          ],
        },
        {
          '1.28': [
            {
              check: 'kubernetes-schema',
              severity: 'error',
              file: 'charts/orders/templates/hpa.yaml',
              line: 1,
              message: 'apiVersion is required',
            },
          ],
        },
      ),
    });
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA, formB]}
        onValue={onValue}
        uiOptions={{ debounceMs: 10 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    expect(await screen.findByText('main.tf')).toBeInTheDocument();
    expect(screen.getByTestId('iac-preview-stats')).toHaveTextContent(
      /^2 files · \d+ B · \d+ ms$/,
    );
    expect(screen.getByText('Up to date')).toBeInTheDocument();
    // the field's value is the preview's content hash
    await waitFor(() =>
      expect(onValue).toHaveBeenLastCalledWith(
        expect.stringContaining('terraform/main.tf'),
      ),
    );

    fireEvent.click(screen.getByText('Next form state'));
    expect(await screen.findByText('hpa.yaml')).toBeInTheDocument();
    expect(screen.getByTestId('iac-preview-stats')).toHaveTextContent(
      '3 files',
    );
    expect(screen.getByTestId('iac-preview-stats')).toHaveTextContent(
      '2 changed',
    );
    expect(await screen.findByTestId('iac-findings')).toHaveTextContent(
      'Output checks: 1 error, 0 warnings in 1 file',
    );
    expect(screen.getByTestId('iac-preview-stats')).toHaveTextContent(
      /· checks \d+ ms/,
    );
    expect(
      screen.getByLabelText('added since the previous preview'),
    ).toBeInTheDocument();
    // the selection stays put; the new file shows its finding when opened
    fireEvent.click(
      screen.getByTestId('iac-file-charts/orders/templates/hpa.yaml'),
    );
    expect(await screen.findByTestId('iac-file-findings')).toHaveTextContent(
      'apiVersion is required',
    );

    fireEvent.click(screen.getByTestId('iac-file-charts/orders/values.yaml'));
    fireEvent.click(screen.getByRole('tab', { name: /Changes/ }));
    const diff = await screen.findByTestId('iac-diff');
    expect(within(diff).getByText('tag: "1.27"')).toBeInTheDocument();
    expect(within(diff).getByText('tag: "1.28"')).toBeInTheDocument();
    expect(diff).toHaveTextContent('+1 −1 since the previous preview');
    expect(diff.querySelector('tr[data-diff="add"]')).toHaveTextContent(
      'tag: "1.28"',
    );
  });

  it('shows the files before the output checks finish', async () => {
    const checks = deferred<PreviewResult>();
    const files = [file('terraform/main.tf', 'terraform {}\n')];
    const api = fakeIacApi({
      preview: jest.fn(
        (_k: string, _p: unknown, options?: { checks?: boolean }) =>
          options?.checks
            ? checks.promise
            : Promise.resolve({ ok: true, preview: previewOf(files) }),
      ),
    });
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA]}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    expect(await screen.findByText('main.tf')).toBeInTheDocument();
    expect(screen.getByText('Running output checks…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download ZIP/ })).toBeEnabled();
    await act(async () =>
      checks.resolve({
        ok: true,
        preview: previewOf(files, {
          findings: [
            {
              check: 'hcl-fmt',
              severity: 'warning',
              file: 'terraform/main.tf',
              message: 'not formatted',
            },
          ],
        }),
      }),
    );
    expect(await screen.findByTestId('iac-findings')).toHaveTextContent(
      'Output checks: 0 errors, 1 warning in 1 file',
    );
    expect(screen.queryByText('Running output checks…')).toBeNull();
  });

  it('shows field-path issues with the form field they belong to', async () => {
    const api = fakeIacApi({
      validate: jest.fn().mockResolvedValue({
        ok: false,
        issues: [
          {
            path: 'terraform_context.node_pool_desired_size',
            message:
              'node_pool_desired_size (5) must lie between node_pool_min_size and node_pool_max_size',
          },
          { path: 'governance_context', message: 'Something global' },
        ],
      }),
      preview: jest.fn().mockResolvedValue({
        ok: false,
        message: 'Invalid payload',
        issues: [],
      }),
    });
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[
          {
            ...formA,
            node_pool: {
              instance_type: 'm6i.large',
              min_size: 1,
              desired_size: 5,
              max_size: 3,
            },
          },
        ]}
        onValue={onValue}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    const issues = await screen.findByTestId('iac-issues');
    expect(issues).toHaveTextContent('The generator refuses 2 values');
    expect(issues).toHaveTextContent(
      'node_pool (terraform_context.node_pool_desired_size): node_pool_desired_size (5) must lie between',
    );
    expect(issues).toHaveTextContent('governance_context: Something global');
    expect(screen.getByText('2 issues')).toBeInTheDocument();
    expect(
      screen.getByText('Fix the values above to see the generated files.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download ZIP/ })).toBeDisabled();
    expect(onValue).toHaveBeenCalledWith('');
  });

  it('explains a failed request and retries on demand', async () => {
    const api = fakeIacApi({
      preview: jest
        .fn()
        .mockRejectedValueOnce(new Error('503 Service Unavailable'))
        .mockResolvedValue({
          ok: true,
          preview: previewOf([file('README.md', '# ok\n')]),
        }),
    });
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA]}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, api]] },
    );
    expect(
      await screen.findByText(
        /The preview could not be rendered: 503 Service Unavailable/,
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('README.md')).toBeInTheDocument();
  });

  it('explains an app without the iac plugin instead of crashing the form', async () => {
    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA]}
        uiOptions={{ debounceMs: 0 }}
      />,
    );
    expect(
      await screen.findByText(/the IaC Forge API \(api:iac\) is not installed/),
    ).toBeInTheDocument();
  });

  it('downloads the ZIP through the fetchApi (not a plain link)', async () => {
    const downloadInits: Array<RequestInit | undefined> = [];
    const fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/validate/platform')) {
        return new Response(JSON.stringify({ ok: true, issues: [] }), {
          status: 200,
        });
      }
      if (url.includes('/generate/platform/preview')) {
        return new Response(
          JSON.stringify(previewOf([file('README.md', '# shop\n')])),
          { status: 200 },
        );
      }
      if (url.endsWith('/generate/platform/download')) {
        downloadInits.push(init);
        return new Response(new Blob(['PK\u0003\u0004']), {
          status: 200,
          headers: {
            'Content-Disposition': 'attachment; filename="orders-platform.zip"',
          },
        });
      }
      return new Response('not found', { status: 404 });
    });
    const client = new IacClient({
      discoveryApi: { getBaseUrl: async () => 'http://localhost:7007/api/iac' },
      fetchApi: { fetch: fetch as any },
    });
    const createObjectURL = jest.fn(() => 'blob:zip');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: Array<{ download: string; href: string }> = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push({ download: this.download, href: this.href });
      });

    renderInTestApp(
      <FieldHarness
        Field={PreviewField}
        forms={[formA]}
        uiOptions={{ debounceMs: 0 }}
      />,
      { apis: [[iacApiRef, client]] },
    );
    const button = await screen.findByRole('button', { name: /Download ZIP/ });
    await waitFor(() => expect(button).toBeEnabled());
    fireEvent.click(button);
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(clicked).toEqual([
      { download: 'orders-platform.zip', href: 'blob:zip' },
    ]);
    expect(downloadInits[0]?.method).toBe('POST');
    const downloadCall = fetch.mock.calls.find(([url]) =>
      url.endsWith('/download'),
    )!;
    expect(JSON.parse(downloadCall[1]!.body as string)).toMatchObject({
      cloud: 'aws',
      helm_context: { chart_name: 'orders' },
    });
    expect((createObjectURL.mock.calls[0] as unknown[])[0]).toBeInstanceOf(
      Blob,
    );
    click.mockRestore();
  });
});

describe('validatePreview', () => {
  const apiHolder = (api: ReturnType<typeof fakeIacApi>) =>
    ({
      get: (ref: unknown) => (ref === iacApiRef ? api : undefined),
    } as any);

  it('adds the API issues (by form field) so the step cannot be left', async () => {
    const api = fakeIacApi({
      preview: jest.fn().mockResolvedValue({
        ok: false,
        message: 'Invalid payload',
        issues: [
          {
            path: 'helm_context.image_tag',
            message: 'Never empty or "latest"',
          },
          {
            path: 'terraform_context.gcp_project_id',
            message: 'Required field is missing',
          },
        ],
      }),
    });
    const addError = jest.fn();
    await validatePreview(
      '',
      { addError },
      {
        apiHolder: apiHolder(api),
        formData: { ...formA, image_tag: 'latest' },
      },
    );
    expect(api.preview.mock.calls[0][1]).toMatchObject({
      helm_context: { image_tag: 'latest' },
    });
    expect(addError.mock.calls.map(c => c[0])).toEqual([
      'image_tag: Never empty or "latest"',
      'terraform_context.gcp_project_id: Required field is missing',
    ]);

    addError.mockClear();
    await validatePreview(
      '',
      { addError },
      {
        apiHolder: apiHolder(api),
        formData: formA,
        uiSchema: { 'ui:options': { blockOn: 'entered' } },
      },
    );
    expect(addError.mock.calls.map(c => c[0])).toEqual([
      'image_tag: Never empty or "latest"',
    ]);
  });

  it('never blocks on network failures, missing APIs or blockOn none', async () => {
    const addError = jest.fn();
    const failing = fakeIacApi({
      preview: jest.fn().mockRejectedValue(new Error('offline')),
    });
    await validatePreview(
      '',
      { addError },
      { apiHolder: apiHolder(failing), formData: formA },
    );
    await validatePreview(
      '',
      { addError },
      { apiHolder: { get: () => undefined } as any, formData: formA },
    );
    await validatePreview(
      '',
      { addError },
      {
        apiHolder: apiHolder(failing),
        formData: formA,
        uiSchema: { 'ui:options': { blockOn: 'none' } },
      },
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
