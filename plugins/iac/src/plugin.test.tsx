import { screen } from '@testing-library/react';
import BuildIcon from '@material-ui/icons/Build';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { getJsonSchema } from '@iacforge/plugin-iac-common';
import iacPluginDefault, {
  iacApi,
  iacEntityCard,
  iacPlaygroundPage,
  iacPlugin,
  iacScaffolderModule,
} from './index';
import iacAlphaDefault, {
  iacCloudPickerFormField,
  iacFeaturesFormField,
  iacNodePoolFormField,
  iacPreviewFormField,
  iacRegionPickerFormField,
} from './alpha';
import { iacApiRef } from './api/IacApi';
import { fakeIacApi } from './__testUtils__/fakeApi';

describe('plugin wiring', () => {
  it('exports the plugin and the scaffolder module for feature discovery', () => {
    expect(iacPluginDefault).toBe(iacPlugin);
    expect(iacAlphaDefault).toBe(iacScaffolderModule);
    expect(iacPlugin.id).toBe('iac');
    expect((iacPlugin as any).$$type).toBe('@backstage/FrontendPlugin');
    expect((iacScaffolderModule as any).$$type).toBe(
      '@backstage/FrontendModule',
    );
    expect((iacScaffolderModule as any).pluginId).toBe('scaffolder');
  });

  it('mounts the playground at /iac with a nav title and icon', async () => {
    const tester = createExtensionTester(iacPlaygroundPage, {
      apis: [
        [
          iacApiRef,
          fakeIacApi({
            getSchema: jest.fn(async () => getJsonSchema('platform')),
          }),
        ],
      ],
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/iac');
    expect(tester.get(coreExtensionData.title)).toBe('IaC Playground');
    expect(tester.get(coreExtensionData.icon)).toMatchObject({
      type: BuildIcon,
      props: { fontSize: 'inherit' },
    });
    renderInTestApp(tester.reactElement(), {
      apis: [
        [
          iacApiRef,
          fakeIacApi({
            getSchema: jest.fn(async () => getJsonSchema('platform')),
          }),
        ],
      ],
    });
    // the page layout's header carries the title; the page renders its editor
    await screen.findByRole(
      'heading',
      { name: 'Payload' },
      { timeout: 10_000 },
    );
    expect(screen.getAllByText('IaC Playground').length).toBeGreaterThan(0);
  });

  it('shows the entity card only for entities with iacforge.io/cloud', () => {
    const tester = createExtensionTester(iacEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const entity = (annotations: Record<string, string>) =>
      ({
        apiVersion: 'v1',
        kind: 'Component',
        metadata: { name: 'x', annotations },
      } as any);
    expect(filter(entity({ 'iacforge.io/cloud': 'aws' }))).toBe(true);
    expect(filter(entity({ 'iacforge.io/region': 'eu-west-1' }))).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
  });

  it('registers the IacApi client', () => {
    // the plugin's own extensions, placed in its namespace
    expect(iacPlugin.getExtension('api:iac')).toEqual({
      ...iacApi,
      namespace: 'iac',
    });
    expect(iacPlugin.getExtension('page:iac')).toEqual({
      ...iacPlaygroundPage,
      namespace: 'iac',
    });
    expect(iacPlugin.getExtension('entity-card:iac')).toEqual({
      ...iacEntityCard,
      namespace: 'iac',
    });
  });

  it.each([
    { extension: iacCloudPickerFormField, name: 'IacCloudPicker' },
    { extension: iacRegionPickerFormField, name: 'IacRegionPicker' },
    { extension: iacNodePoolFormField, name: 'IacNodePool' },
    { extension: iacFeaturesFormField, name: 'IacFeatures' },
    { extension: iacPreviewFormField, name: 'IacPreview' },
  ])('loads the form field for ui:field $name', async ({ extension, name }) => {
    const loader = createExtensionTester(
      extension as typeof iacCloudPickerFormField,
    ).get(FormFieldBlueprint.dataRefs.formFieldLoader);
    const field = (await loader()) as any;
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
    // the opaque FormField carries the name the templates use in ui:field
    expect(
      JSON.stringify(Object.values(field).filter(v => typeof v !== 'function')),
    ).toContain(name);
  });
});
