import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createEngine,
  LocalGitRepositories,
  localGitSettings,
} from '@iacforge/plugin-iac-node';
import os from 'node:os';
import { createGitRouter } from './gitHttp';
import { PreviewPool } from './previewPool';
import { createRouter } from './router';

/**
 * The IaC Forge backend plugin: the generator's REST API at /api/iac, and
 * (embedded default, `iac.localGit.enabled`) the local git host at
 * /api/iac/git.
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
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, httpRouter, lifecycle }) {
        const engine = createEngine(
          config.getOptionalStringArray('iac.templateRoots'),
          { shipped: config.getOptionalBoolean('iac.shippedTemplates') },
        );
        logger.info(
          `Loaded ${engine.templates().length} IaC templates from ${
            engine.registry.roots.join(', ') || '(no roots)'
          }`,
        );
        const git = localGitSettings(config);
        if (git.enabled) {
          // the embedded default's git host: clone without credentials
          // (read-only), from this machine only unless allowRemoteClones
          httpRouter.addAuthPolicy({ path: '/git', allow: 'unauthenticated' });
          logger.info(
            `Serving local git repositories from ${git.directory} at ${
              git.baseUrl
            } (${
              git.allowRemoteClones
                ? 'to every client: iac.localGit.allowRemoteClones is set'
                : 'to clients on this machine only'
            })`,
          );
          if (git.allowRemoteClones) {
            logger.warn(
              'iac.localGit.allowRemoteClones is set: every generated repository can be cloned without credentials by anyone who reaches the backend',
            );
          }
        }
        // previews render in worker threads so the HTTP thread stays free
        const workers =
          config.getOptionalNumber('iac.preview.workers') ??
          (os.availableParallelism() > 1 ? 1 : 0);
        const previewPool =
          workers > 0
            ? new PreviewPool({
                size: workers,
                roots: engine.registry.roots,
                logger,
              })
            : undefined;
        if (previewPool) {
          lifecycle.addShutdownHook(() => previewPool.close());
        }
        httpRouter.use(
          await createRouter({
            engine,
            logger,
            previewPool,
            maxBodySize: config.getOptionalString('iac.maxBodySize'),
            gitRouter: git.enabled
              ? createGitRouter(new LocalGitRepositories(git.directory), {
                  allowRemoteClones: git.allowRemoteClones,
                })
              : undefined,
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
