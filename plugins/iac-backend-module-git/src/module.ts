import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { createGitRouter } from './gitHttp';
import { localGitServiceRef } from './service';

/**
 * The embedded git host's routes, a module of the `iac` plugin: read-only
 * git smart HTTP and raw files at `/api/iac/git` when `iac.localGit.enabled`
 * is set (clone without credentials, from this machine only unless
 * `iac.localGit.allowRemoteClones`).
 *
 * @public
 */
export const iacModuleGit = createBackendModule({
  pluginId: 'iac',
  moduleId: 'git',
  register(reg) {
    reg.registerInit({
      deps: {
        localGit: localGitServiceRef,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ localGit, httpRouter, logger }) {
        if (!localGit.enabled) {
          logger.info(
            'The embedded git host is off (iac.localGit.enabled is not set)',
          );
          return;
        }
        httpRouter.addAuthPolicy({ path: '/git', allow: 'unauthenticated' });
        logger.info(
          `Serving local git repositories from ${localGit.directory} at ${
            localGit.baseUrl
          } (${
            localGit.allowRemoteClones
              ? 'to every client: iac.localGit.allowRemoteClones is set'
              : 'to clients on this machine only'
          })`,
        );
        if (localGit.allowRemoteClones) {
          logger.warn(
            'iac.localGit.allowRemoteClones is set: every generated repository can be cloned without credentials by anyone who reaches the backend',
          );
        }
        const router = Router();
        router.use(
          '/git',
          createGitRouter(localGit.repositories, {
            allowRemoteClones: localGit.allowRemoteClones,
          }),
        );
        httpRouter.use(router);
      },
    });
  },
});
