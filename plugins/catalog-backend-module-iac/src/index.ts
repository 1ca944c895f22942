/**
 * Catalog module putting the IaC Forge Template entities into the catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleIacTemplates as default } from './module';
export {
  IacTemplatesEntityProvider,
  IAC_TEMPLATES_PROVIDER_NAME,
  readLocationEntities,
} from './provider';
