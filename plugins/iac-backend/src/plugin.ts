import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { iacEngineServiceRef } from '@iacforge/plugin-iac-node';
import { localGitServiceRef } from '@iacforge/plugin-iac-backend-module-git';
import os from 'node:os';
import {
  iacPermissions,
  iacPublishPermission,
} from '@iacforge/plugin-iac-common';
import { createAuthorize } from './authorize';
import { PreviewPool } from './previewPool';
import { createRouter } from './router';
import { createUpgradeRouter } from './upgradePreview';

/**
 * The IaC Forge backend plugin: the generator's REST API at /api/iac, and
 * (embedded default, `iac.localGit.enabled`) upgrade previews of the
 * repositories on the local git host, whose routes at /api/iac/git are
 * `@iacforge/plugin-iac-backend-module-git`'s.
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
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        iacEngine: iacEngineServiceRef,
        localGit: localGitServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        lifecycle,
        httpAuth,
        permissions,
        permissionsRegistry,
        iacEngine,
        localGit,
      }) {
        // iac.generate, iac.download, iac.upgrade (iac.publish is the
        // scaffolder module's: it owns the iac-repository resource type)
        permissionsRegistry.addPermissions(
          iacPermissions.filter(p => p.name !== iacPublishPermission.name),
        );
        // the backend's one engine (shared with the scaffolder and catalog
        // modules); it reads the template configuration
        const engine = iacEngine.engine;
        // previews render in worker threads so the HTTP thread stays free
        const workers =
          config.getOptionalNumber('iac.preview.workers') ??
          (os.availableParallelism() > 1 ? 1 : 0);
        const previewPool =
          workers > 0
            ? new PreviewPool({
                size: workers,
                roots: iacEngine.roots(),
                logger,
              })
            : undefined;
        // checked previews and downloads: workers of their own, so that a
        // burst of them does not queue in front of plain previews
        const heavyWorkers =
          config.getOptionalNumber('iac.preview.heavyWorkers') ??
          (workers > 0 ? 1 : 0);
        const heavyPool =
          heavyWorkers > 0
            ? new PreviewPool({
                size: heavyWorkers,
                roots: iacEngine.roots(),
                logger,
                // below the HTTP thread and the plain previews
                nice: config.getOptionalNumber('iac.preview.heavyNice') ?? 10,
                name: 'iac-checks',
              })
            : undefined;
        // a URL source changed the trees: the workers render from the new set
        iacEngine.onChange(roots => {
          previewPool?.setRoots(roots);
          heavyPool?.setRoots(roots);
        });
        lifecycle.addShutdownHook(async () => {
          await Promise.all([previewPool?.close(), heavyPool?.close()]);
        });
        if (config.getOptionalBoolean('iac.preview.warmUp')) {
          // the workers start with the backend, not on the first request
          lifecycle.addStartupHook(() => {
            previewPool?.warm();
            heavyPool?.warm();
          });
        }
        const authorize = createAuthorize({ httpAuth, permissions });
        httpRouter.use(
          await createRouter({
            engine,
            logger,
            previewPool,
            heavyPool,
            heavyConcurrency: config.getOptionalNumber(
              'iac.preview.heavyConcurrency',
            ),
            previewCacheBytes: config.getOptionalNumber(
              'iac.preview.cacheBytes',
            ),
            templateSources: () => iacEngine.sources(),
            authorize,
            maxBodySize: config.getOptionalString('iac.maxBodySize'),
            upgradeRouter: localGit.enabled
              ? createUpgradeRouter({
                  engine,
                  repos: localGit.repositories,
                  gitBaseUrl: localGit.baseUrl,
                  authorize,
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
