import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  iacCloudPickerFormField,
  iacFeaturesFormField,
  iacNodePoolFormField,
  iacPreviewFormField,
  iacRegionPickerFormField,
} from './fields/extensions';

/**
 * The scaffolder form fields of IaC Forge: `ui:field` IacCloudPicker,
 * IacRegionPicker, IacNodePool, IacFeatures and IacPreview.
 */
export const iacScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: [
    iacCloudPickerFormField,
    iacRegionPickerFormField,
    iacNodePoolFormField,
    iacFeaturesFormField,
    iacPreviewFormField,
  ],
});
