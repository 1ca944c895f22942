import { screen, fireEvent, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { RegionPicker, validateRegion } from './RegionPicker';

async function openOptions() {
  const input = await screen.findByTestId('iac-region-input');
  fireEvent.mouseDown(input);
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  return screen.findByRole('listbox');
}

describe('IacRegionPicker', () => {
  it('offers the regions of the cloud in the form and follows cloud changes', async () => {
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={RegionPicker}
        forms={[{ cloud: 'aws' }, { cloud: 'azure' }]}
        onValue={onValue}
      />,
    );
    // the cloud's default region is preselected
    await waitFor(() => expect(onValue).toHaveBeenCalledWith('us-east-1'));
    expect(screen.getByLabelText(/Region \(AWS EKS\)/)).toBeInTheDocument();
    let list = await openOptions();
    expect(
      within(list).getByText('eu-west-1 — Europe (Ireland)'),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/westeurope/)).toBeNull();
    fireEvent.click(within(list).getByText('eu-west-1 — Europe (Ireland)'));
    expect(onValue).toHaveBeenLastCalledWith('eu-west-1');

    // switching to Azure replaces the AWS region with Azure's default
    fireEvent.click(screen.getByText('Next form state'));
    await waitFor(() => expect(onValue).toHaveBeenLastCalledWith('eastus'));
    list = await openOptions();
    expect(
      within(list).getByText('westeurope — West Europe'),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/eu-west-1/)).toBeNull();
  });

  it('reads the cloud from ui:options.cloudField and keeps custom regions', async () => {
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={RegionPicker}
        forms={[{ provider: 'gcp' }]}
        initial="me-west2"
        onValue={onValue}
        uiOptions={{ cloudField: 'provider' }}
      />,
    );
    const list = await openOptions();
    expect(
      within(list).getByText('me-west2 — not in the catalog'),
    ).toBeInTheDocument();
    expect(
      within(list).getByText('europe-west1 — Belgium (europe-west1)'),
    ).toBeInTheDocument();
    expect(onValue).not.toHaveBeenCalled();
  });

  it('waits for a cloud', async () => {
    renderInTestApp(<FieldHarness Field={RegionPicker} forms={[{}]} />);
    expect(
      await screen.findByText('Pick a cloud first (field "cloud").'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('iac-region-input')).toBeDisabled();
  });

  it('validates that the region belongs to the cloud', () => {
    const addError = jest.fn();
    validateRegion('us-east-1', { addError }, { formData: { cloud: 'gcp' } });
    expect(addError).toHaveBeenCalledWith(
      'us-east-1 is a AWS EKS region; pick a GCP GKE region',
    );
    addError.mockClear();
    validateRegion('nowhere', { addError }, { formData: { cloud: 'aws' } });
    expect(addError).toHaveBeenCalledWith(
      '"nowhere" does not look like a AWS EKS region',
    );
    addError.mockClear();
    validateRegion('me-west2', { addError }, { formData: { cloud: 'gcp' } });
    validateRegion(
      'anything',
      { addError },
      { formData: { cloud: 'existing' } },
    );
    expect(addError).not.toHaveBeenCalled();
  });
});
