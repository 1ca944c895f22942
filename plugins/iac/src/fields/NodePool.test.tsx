import { screen, fireEvent, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { NodePool, validateNodePool } from './NodePool';

const value = () =>
  JSON.parse(screen.getByTestId('harness-value').textContent!);

describe('IacNodePool', () => {
  it('starts from the catalog defaults and shows the rules as you type', async () => {
    renderInTestApp(
      <FieldHarness Field={NodePool} forms={[{ cloud: 'aws' }]} />,
    );
    await waitFor(() =>
      expect(value()).toEqual({
        instance_type: 'm6i.large',
        min_size: 1,
        desired_size: 2,
        max_size: 3,
      }),
    );
    expect(screen.getByLabelText('EC2 instance type')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Starts with 2 m6i.large nodes, scales between 1 and 3.',
      ),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Minimum'), {
      target: { value: '5' },
    });
    expect(
      await screen.findByText(
        'Minimum (5) must not be greater than maximum (3)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Desired (2) must be at least the minimum (5)'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Minimum')).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    fireEvent.change(screen.getByLabelText('Maximum'), {
      target: { value: '8' },
    });
    fireEvent.change(screen.getByLabelText('Desired'), {
      target: { value: '6' },
    });
    await waitFor(() =>
      expect(screen.queryByText(/must not be greater/)).toBeNull(),
    );
    expect(value()).toEqual({
      instance_type: 'm6i.large',
      min_size: 5,
      desired_size: 6,
      max_size: 8,
    });
  });

  it('switches labels and sizes with the cloud and applies the AKS rule', async () => {
    renderInTestApp(
      <FieldHarness
        Field={NodePool}
        forms={[{ cloud: 'aws' }, { cloud: 'azure' }]}
        initial={{
          instance_type: 'm6i.large',
          min_size: 0,
          desired_size: 1,
          max_size: 2,
        }}
      />,
    );
    expect(
      await screen.findByLabelText('EC2 instance type'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/AKS needs/)).toBeNull();
    fireEvent.click(screen.getByText('Next form state'));
    expect(await screen.findByLabelText('VM size')).toBeInTheDocument();
    await waitFor(() => expect(value().instance_type).toBe('Standard_D4s_v5'));
    expect(
      screen.getByText('AKS needs at least 1 node in the system node pool'),
    ).toBeInTheDocument();
  });

  it('says when there is nothing to size', async () => {
    renderInTestApp(
      <FieldHarness Field={NodePool} forms={[{ cloud: 'existing' }]} />,
    );
    expect(
      await screen.findByText(
        'Not used for an existing cluster (no Terraform is generated).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Minimum')).toBeDisabled();
  });

  it('validates with the same rules', () => {
    const addError = jest.fn();
    validateNodePool(
      {
        instance_type: 'e2-standard-4',
        min_size: 3,
        desired_size: 2,
        max_size: 2,
      },
      { addError },
      { formData: { cloud: 'gcp' } },
    );
    expect(addError.mock.calls.map(c => c[0])).toEqual([
      'Minimum (3) must not be greater than maximum (2)',
      'Desired (2) must be at least the minimum (3)',
    ]);
    addError.mockClear();
    validateNodePool(
      undefined,
      { addError },
      { formData: { cloud: 'existing' } },
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
