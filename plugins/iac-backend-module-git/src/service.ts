/*
 * The embedded git host as a Backstage service: its settings read once from
 * `iac.localGit.*` and `backend.baseUrl`, and its repositories. The git
 * routes, the URL reader, the `iac` plugin's upgrade previews and the
 * scaffolder's `iac:publish:local` / `iac:upgrade` all use this one.
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  LocalGitRepositories,
  localGitBaseUrl,
  LocalGitSettings,
} from '@iacforge/plugin-iac-git-node';
import path from 'node:path';

/**
 * The embedded git host: its settings and, whether or not it is enabled,
 * its repositories (nothing touches the disk until they are used).
 *
 * @public
 */
export type LocalGitService = LocalGitSettings & {
  repositories: LocalGitRepositories;
};

/**
 * Reads `iac.localGit`: off unless enabled; repositories under
 * `iac.localGit.directory` (default ../../data/git, relative to the backend's
 * working directory, i.e. <repo>/data/git); the public URL below
 * `backend.baseUrl`.
 *
 * @public
 */
export function readLocalGitSettings(config: Config): LocalGitSettings {
  return {
    enabled: config.getOptionalBoolean('iac.localGit.enabled') ?? false,
    directory: path.resolve(
      config.getOptionalString('iac.localGit.directory') ?? '../../data/git',
    ),
    baseUrl: localGitBaseUrl(
      config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007',
    ),
    allowRemoteClones:
      config.getOptionalBoolean('iac.localGit.allowRemoteClones') ?? false,
  };
}

/**
 * The embedded git host, shared by every plugin of the backend. Its default
 * implementation reads the config; nothing needs to be added for it.
 *
 * @public
 */
export const localGitServiceRef = createServiceRef<LocalGitService>({
  id: 'iac.localGit',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory({ config }) {
        const settings = readLocalGitSettings(config);
        return {
          ...settings,
          repositories: new LocalGitRepositories(settings.directory),
        };
      },
    }),
});
