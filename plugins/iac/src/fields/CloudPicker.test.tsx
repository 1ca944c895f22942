import { screen, fireEvent } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FieldHarness } from '../__testUtils__/FieldHarness';
import { CloudPicker, validateCloudChoice } from './CloudPicker';

describe('IacCloudPicker', () => {
  it('offers the four choices as a radio group with what each creates', async () => {
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={CloudPicker}
        forms={[{}]}
        onValue={onValue}
        schema={{ title: 'Target' }}
      />,
    );
    const group = await screen.findByRole('radiogroup', { name: 'Target' });
    expect(group).toBeInTheDocument();
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(4);
    expect(screen.getByText('AWS EKS')).toBeInTheDocument();
    expect(screen.getByText('Azure AKS')).toBeInTheDocument();
    expect(screen.getByText('GCP GKE')).toBeInTheDocument();
    expect(screen.getByText('Existing cluster')).toBeInTheDocument();
    expect(screen.getByText('VNet with Azure CNI Overlay')).toBeInTheDocument();
    // the card's description is wired to the radio for screen readers
    const azure = screen.getByRole('radio', { name: /Azure AKS/ });
    expect(azure).toHaveAccessibleDescription(/Private AKS cluster/);
    fireEvent.click(azure);
    expect(onValue).toHaveBeenLastCalledWith('azure');
    expect(azure).toBeChecked();
  });

  it('restricts the choices with ui:options and picks a single choice itself', async () => {
    const onValue = jest.fn();
    renderInTestApp(
      <FieldHarness
        Field={CloudPicker}
        forms={[{}]}
        onValue={onValue}
        uiOptions={{ clouds: ['gcp'], allowExisting: false }}
      />,
    );
    expect(await screen.findAllByRole('radio')).toHaveLength(1);
    expect(onValue).toHaveBeenCalledWith('gcp');
  });

  it('shows the error state (the scaffolder lists the messages)', async () => {
    renderInTestApp(
      <FieldHarness
        Field={CloudPicker}
        forms={[{}]}
        rawErrors={['Pick one']}
        schema={{ title: 'Target' }}
      />,
    );
    expect(await screen.findByText('Target')).toHaveClass('Mui-error');
    expect(screen.queryByText('Pick one')).toBeNull();
  });

  it('validates against the offered choices', () => {
    const addError = jest.fn();
    validateCloudChoice(
      'aws',
      { addError },
      { uiSchema: { 'ui:options': { clouds: ['gcp'] } } },
    );
    expect(addError).toHaveBeenCalledWith('Choose one of: gcp');
    addError.mockClear();
    validateCloudChoice('existing', { addError }, {});
    // "only" is an alias of "clouds"
    validateCloudChoice(
      'existing',
      { addError },
      { uiSchema: { 'ui:options': { only: ['existing'] } } },
    );
    expect(addError).not.toHaveBeenCalled();
    validateCloudChoice(
      'aws',
      { addError },
      { uiSchema: { 'ui:options': { only: ['existing'] } } },
    );
    expect(addError).toHaveBeenCalledWith('Choose one of: existing');
  });
});
