import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { iacEngineServiceRef } from '@iacforge/plugin-iac-node';
import { iacTemplateEntitiesLocation } from '@iacforge/plugin-iac-templates';
import { IacTemplatesEntityProvider } from './provider';
import { IacTemplateLagProcessor } from './templateLagProcessor';

/**
 * Catalog module: the IaC Forge Template entities, straight from the
 * installed `@iacforge/plugin-iac-templates` package (no catalog.locations
 * entry, no copied files). `iac.catalog.templates: false` turns it off.
 * Also marks generated components whose templates have newer installed
 * versions (iacforge.io/outdated, iacforge.io/template-lag);
 * `iac.catalog.templateLag: false` turns that off.
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
        iacEngine: iacEngineServiceRef,
      },
      async init({ catalog, config, logger, iacEngine }) {
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
        // outdated generated components: iacforge.io/outdated, template-lag
        if (config.getOptionalBoolean('iac.catalog.templateLag') ?? true) {
          // the versions served now (a URL source may bring newer ones)
          catalog.addProcessor(
            new IacTemplateLagProcessor(() => iacEngine.engine.templates()),
          );
        }
      },
    });
  },
});
