/**
 * The scaffolder module with the IaC Forge form fields (default export, so
 * `app.packages: all` feature discovery installs it next to the plugin).
 */
export { iacScaffolderModule as default } from './scaffolderModule';
export { iacScaffolderModule } from './scaffolderModule';
export {
  iacCloudPickerFormField,
  iacRegionPickerFormField,
  iacNodePoolFormField,
  iacFeaturesFormField,
  iacPreviewFormField,
  iacUpgradePreviewFormField,
} from './fields/extensions';
