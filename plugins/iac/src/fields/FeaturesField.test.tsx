import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FEATURE_GROUPS } from '@iacforge/plugin-iac-common';
import { iacApiRef } from '../api/IacApi';
import { fakeIacApi } from '../__testUtils__/fakeApi';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { FeaturesField, validateFeatures } from './FeaturesField';

const form = {
  cloud: 'existing',
  existing_cluster_cloud: 'gcp',
  chart_name: 'orders',
  namespace: 'orders',
  image_repository: 'nginx',
  image_tag: '1.27',
};

function value() {
  return JSON.parse(screen.getByTestId('harness-value').textContent ?? 'null');
}

function renderField(api = fakeIacApi(), initial?: Record<string, unknown>) {
  renderInTestApp(
    <FieldHarness
      Field={FeaturesField}
      forms={[form]}
      initial={initial}
      uiOptions={{ debounceMs: 0 }}
    />,
    { apis: [[iacApiRef, api]] },
  );
  return api;
}

describe('IacFeatures', () => {
  it('shows every feature group of the contract, with the contract defaults', async () => {
    renderField();
    for (const group of FEATURE_GROUPS) {
      expect(
        await screen.findByTestId(`iac-feature-${group.id}`),
      ).toBeInTheDocument();
    }
    // topology spread is on by default in the contract, KEDA off
    const spread = screen.getByTestId('iac-feature-topology-spread');
    expect(within(spread).getAllByRole('checkbox')[0]).toBeChecked();
    const keda = screen.getByTestId('iac-feature-keda');
    expect(within(keda).getByRole('checkbox')).not.toBeChecked();
    expect(within(keda).queryByLabelText(/Query/)).not.toBeInTheDocument();
  });

  it('reveals the fields of a switched-on group, built from the JSON Schema', async () => {
    renderField();
    const keda = await screen.findByTestId('iac-feature-keda');
    fireEvent.click(within(keda).getByRole('checkbox'));
    expect(value()).toEqual({ keda_enabled: true, hpa_enabled: false });
    // integer with bounds and default from the schema
    const max = await within(keda).findByLabelText('Max replicas');
    expect(max).toHaveAttribute('type', 'number');
    expect(max).toHaveAttribute('min', '1');
    expect(max).toHaveAttribute('max', '1000');
    expect(max).toHaveAttribute('placeholder', '10');
    fireEvent.change(max, { target: { value: '20' } });
    fireEvent.change(within(keda).getByLabelText('Query'), {
      target: { value: 'sum(rate(http_requests_total[1m]))' },
    });
    expect(value()).toEqual({
      keda_enabled: true,
      hpa_enabled: false,
      keda_max_replicas: 20,
      keda_query: 'sum(rate(http_requests_total[1m]))',
    });
  });

  it('turns on what a feature requires (throttling needs Istio)', async () => {
    renderField();
    const throttling = await screen.findByTestId('iac-feature-throttling');
    expect(throttling).toHaveTextContent('turns on istio_enabled');
    fireEvent.click(within(throttling).getByRole('checkbox'));
    expect(value()).toEqual({ throttle_enabled: true, istio_enabled: true });
    const istio = screen.getByTestId('iac-feature-istio');
    expect(within(istio).getAllByRole('checkbox')[0]).toBeChecked();
  });

  it('edits lists and maps, and leaves secrets and other clouds out', async () => {
    renderField();
    const identity = await screen.findByTestId('iac-feature-identity');
    fireEvent.click(
      within(identity).getByRole('button', { name: 'Customize' }),
    );
    // gcp: only the GCP identity
    expect(
      await within(identity).findByLabelText('Service account email'),
    ).toBeInTheDocument();
    expect(
      within(identity).queryByLabelText(/IAM role ARN/),
    ).not.toBeInTheDocument();
    fireEvent.change(within(identity).getByLabelText('Annotations'), {
      target: { value: 'example.com/team=shop' },
    });
    expect(value()).toEqual({
      service_account_annotations: { 'example.com/team': 'shop' },
    });
    const logs = screen.getByTestId('iac-feature-logs');
    fireEvent.click(within(logs).getAllByRole('checkbox')[0]);
    expect(within(logs).queryByLabelText(/token$/i)).not.toBeInTheDocument();
    expect(await within(logs).findByLabelText('Provider')).toBeInTheDocument();
  });

  it('shows the contract issues of the live validation at their input', async () => {
    const api = fakeIacApi({
      validate: jest.fn().mockResolvedValue({
        ok: false,
        issues: [
          {
            path: 'helm_context.keda_query',
            message: 'Required when keda_enabled is true',
          },
        ],
      }),
    });
    renderField(api, { keda_enabled: true, hpa_enabled: false });
    const keda = await screen.findByTestId('iac-feature-keda');
    await waitFor(() =>
      expect(
        within(keda).getByText('Required when keda_enabled is true'),
      ).toBeInTheDocument(),
    );
    // the field sent the whole form with its value merged into helm_context
    const [kind, payload] = api.validate.mock.calls[0];
    expect(kind).toBe('platform');
    expect(payload.helm_context).toMatchObject({
      chart_name: 'orders',
      keda_enabled: true,
      hpa_enabled: false,
    });
  });

  it('blocks Next with the issues of its groups only, named by group and input', async () => {
    const api = fakeIacApi({
      validate: jest.fn().mockResolvedValue({
        ok: false,
        issues: [
          { path: 'helm_context.keda_query', message: 'Required' },
          { path: 'helm_context.chart_name', message: 'Bad name' },
        ],
      }),
    });
    const errors: string[] = [];
    await validateFeatures(
      { keda_enabled: true },
      { addError: m => errors.push(m) },
      { apiHolder: { get: () => api } as any, formData: form },
    );
    expect(errors).toEqual(['KEDA autoscaling › Query: Required']);
  });
});
