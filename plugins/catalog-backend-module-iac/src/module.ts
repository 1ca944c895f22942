import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { iacTemplateEntitiesLocation } from '@iacforge/plugin-iac-templates';
import { IacTemplatesEntityProvider } from './provider';

/**
 * Catalog module: the IaC Forge Template entities, straight from the
 * installed `@iacforge/plugin-iac-templates` package (no catalog.locations
 * entry, no copied files). `iac.catalog.templates: false` turns it off.
 *
 * @public
 */
export const catalogModuleIacTemplates = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'iac-templates',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        const enabled =
          config.getOptionalBoolean('iac.catalog.templates') ?? true;
        const locationFile = iacTemplateEntitiesLocation();
        logger.info(
          enabled
            ? `Providing the IaC Forge Template entities from ${locationFile}`
            : 'iac.catalog.templates is false: the shipped IaC Forge Template entities are not provided',
        );
        catalog.addEntityProvider(
          new IacTemplatesEntityProvider({ locationFile, enabled }),
        );
      },
    });
  },
});
