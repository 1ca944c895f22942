import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { getJsonSchema } from '@iacforge/plugin-iac-common';
import { EditorView } from '@uiw/react-codemirror';
import { iacApiRef } from '../../api/IacApi';
import { fakeIacApi, file, previewOf } from '../../__testUtils__/fakeApi';
import { PlaygroundPage } from './PlaygroundPage';

function editor(): EditorView {
  const dom = document.querySelector('.cm-editor') as HTMLElement;
  return EditorView.findFromDOM(dom)!;
}

function typeText(text: string) {
  const view = editor();
  act(() => {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
    });
  });
}

function renderPage() {
  const api = fakeIacApi({
    getSchema: jest.fn(async (name: string) => getJsonSchema(name as any)),
    preview: jest.fn(async (kind: string, payload: any) => ({
      ok: true as const,
      preview: previewOf([
        file(
          kind === 'helm' ? 'Chart.yaml' : 'terraform/main.tf',
          JSON.stringify(payload),
        ),
      ]),
    })),
  });
  renderInTestApp(<PlaygroundPage />, { apis: [[iacApiRef, api]] });
  return api;
}

// a full page with CodeMirror and MUI renders slowly in jsdom on small machines
jest.setTimeout(30_000);
const slow = { timeout: 10_000 };

describe('PlaygroundPage', () => {
  it('previews the example payload and lists the schema fields of its branch', async () => {
    const api = renderPage();
    expect(
      await screen.findByRole('heading', { name: 'Payload' }, slow),
    ).toBeInTheDocument();
    expect(await screen.findByText('main.tf', {}, slow)).toBeInTheDocument();
    expect(api.preview).toHaveBeenCalledWith(
      'platform',
      expect.objectContaining({ cloud: 'aws' }),
      expect.objectContaining({ checks: true }),
    );
    const fields = await screen.findByRole(
      'list',
      { name: 'Schema fields' },
      slow,
    );
    expect(
      within(fields).getByText('terraform_context.aws_region'),
    ).toBeInTheDocument();
    expect(within(fields).queryByText('terraform_context.location')).toBeNull();

    // search narrows the list
    fireEvent.change(screen.getByLabelText('Search schema fields'), {
      target: { value: 'hpa_max' },
    });
    expect(
      within(fields).getByText('helm_context.hpa_max_replicas'),
    ).toBeInTheDocument();
    expect(
      within(fields).queryByText('terraform_context.aws_region'),
    ).toBeNull();
  });

  it('switches the request kind and loads its schema and example', async () => {
    const api = renderPage();
    await screen.findByText('main.tf', {}, slow);
    fireEvent.click(screen.getByRole('tab', { name: 'helm' }));
    expect(await screen.findByText('Chart.yaml', {}, slow)).toBeInTheDocument();
    expect(api.getSchema).toHaveBeenCalledWith('helm', expect.anything());
    expect(api.preview).toHaveBeenLastCalledWith(
      'helm',
      { helm_context: expect.objectContaining({ chart_name: 'orders' }) },
      expect.anything(),
    );
  });

  it('pauses on invalid JSON and resumes, 400 ms after the last change, when it parses', async () => {
    // fake timers: the debounce is checked by the clock, not by sleeping
    jest.useFakeTimers();
    try {
      const api = renderPage();
      await screen.findByText('main.tf', {}, slow);
      const calls = api.preview.mock.calls.length;
      typeText('{ "cloud": "aws", ');
      expect(
        await screen.findByTestId('iac-json-error', {}, slow),
      ).toHaveTextContent('The preview resumes when the JSON parses');
      // far past the debounce: still no request for the broken JSON
      act(() => {
        jest.advanceTimersByTime(10_000);
      });
      expect(api.preview).toHaveBeenCalledTimes(calls);

      typeText('{ "cloud": "gcp", "helm_context": { "chart_name": "x" } }');
      act(() => {
        jest.advanceTimersByTime(399);
      });
      expect(api.preview).toHaveBeenCalledTimes(calls);
      act(() => {
        jest.advanceTimersByTime(1);
      });
      expect(api.preview).toHaveBeenCalledTimes(calls + 1);
      expect(api.preview).toHaveBeenLastCalledWith(
        'platform',
        { cloud: 'gcp', helm_context: { chart_name: 'x' } },
        expect.anything(),
      );
      await waitFor(
        () => expect(screen.queryByTestId('iac-json-error')).toBeNull(),
        slow,
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('marks API issues inline at their field paths', async () => {
    const api = renderPage();
    api.validate.mockResolvedValue({
      ok: false,
      issues: [
        {
          path: 'helm_context.replica_count',
          message: 'Must be at least 1 (got 0)',
        },
      ],
    });
    api.preview.mockResolvedValue({
      ok: false,
      message: 'Invalid',
      issues: [],
    });
    typeText(
      JSON.stringify(
        {
          cloud: 'aws',
          existing_cluster: true,
          helm_context: { replica_count: 0 },
        },
        null,
        2,
      ),
    );
    expect(await screen.findByTestId('iac-issues', {}, slow)).toHaveTextContent(
      'helm_context.replica_count: Must be at least 1 (got 0)',
    );
    await waitFor(
      () =>
        expect(document.querySelector('.cm-lintRange-error')).toHaveTextContent(
          '"replica_count": 0',
        ),
      slow,
    );
  });

  it('offers the examples of each kind', async () => {
    const api = renderPage();
    await screen.findByText('main.tf', {}, slow);
    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Start from an example/ }),
    );
    fireEvent.click(
      await screen.findByRole('option', { name: 'Azure AKS + chart' }, slow),
    );
    await waitFor(
      () =>
        expect(api.preview).toHaveBeenLastCalledWith(
          'platform',
          expect.objectContaining({ cloud: 'azure' }),
          expect.anything(),
        ),
      slow,
    );
    expect(editor().state.doc.toString()).toContain('"location": "westeurope"');
  });
});
