import path from 'node:path';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { defaultTemplateRoots, IacEngine } from '@iacforge/plugin-iac-node';
import { createRouter } from './router';

/**
 * The IaC Forge backend plugin: the generator's REST API at /api/iac.
 *
 * @public
 */
export const iacPlugin = createBackendPlugin({
  pluginId: 'iac',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const configured = config.getOptionalStringArray('iac.templateRoots');
        const roots = configured
          ? configured.map(r => path.resolve(r))
          : defaultTemplateRoots();
        const engine = IacEngine.fromRoots(roots);
        logger.info(
          `Loaded ${engine.templates().length} IaC templates from ${
            roots.join(', ') || '(no roots)'
          }`,
        );
        httpRouter.use(
          await createRouter({
            engine,
            logger,
            maxBodySize: config.getOptionalString('iac.maxBodySize'),
          }),
        );
        if (config.getOptionalBoolean('iac.allowUnauthenticated')) {
          logger.warn(
            'iac.allowUnauthenticated is set: the IaC API accepts anonymous calls',
          );
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        }
      },
    });
  },
});
