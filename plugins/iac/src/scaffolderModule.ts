import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  iacCloudPickerFormField,
  iacFeaturesFormField,
  iacNodePoolFormField,
  iacPreviewFormField,
  iacRegionPickerFormField,
  iacUpgradePreviewFormField,
} from './fields/extensions';

/**
 * The scaffolder form fields of IaC Forge: `ui:field` IacCloudPicker,
 * IacRegionPicker, IacNodePool, IacFeatures, IacPreview and IacUpgradePreview.
 */
export const iacScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    iacCloudPickerFormField,
    iacRegionPickerFormField,
    iacNodePoolFormField,
    iacFeaturesFormField,
    iacPreviewFormField,
    iacUpgradePreviewFormField,
  ],
});
