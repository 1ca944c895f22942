import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/** `ui:field: IacCloudPicker` */
export const iacCloudPickerFormField = FormFieldBlueprint.make({
  name: 'iac-cloud-picker',
  params: {
    field: () => import('./definitions').then(m => m.iacCloudPickerField),
  },
});

/** `ui:field: IacRegionPicker` */
export const iacRegionPickerFormField = FormFieldBlueprint.make({
  name: 'iac-region-picker',
  params: {
    field: () => import('./definitions').then(m => m.iacRegionPickerField),
  },
});

/** `ui:field: IacNodePool` */
export const iacNodePoolFormField = FormFieldBlueprint.make({
  name: 'iac-node-pool',
  params: {
    field: () => import('./definitions').then(m => m.iacNodePoolField),
  },
});

/** `ui:field: IacPreview` */
export const iacPreviewFormField = FormFieldBlueprint.make({
  name: 'iac-preview',
  params: {
    field: () => import('./definitions').then(m => m.iacPreviewField),
  },
});

/** `ui:field: IacFeatures` */
export const iacFeaturesFormField = FormFieldBlueprint.make({
  name: 'iac-features',
  params: {
    field: () => import('./definitions').then(m => m.iacFeaturesField),
  },
});

/** `ui:field: IacUpgradePreview` */
export const iacUpgradePreviewFormField = FormFieldBlueprint.make({
  name: 'iac-upgrade-preview',
  params: {
    field: () => import('./definitions').then(m => m.iacUpgradePreviewField),
  },
});
