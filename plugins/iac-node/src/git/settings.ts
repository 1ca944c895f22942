import path from 'node:path';

/** The part of Backstage's Config this needs (kept structural: no Backstage dependency). */
export type ConfigLike = {
  getOptionalString(key: string): string | undefined;
  getOptionalBoolean(key: string): boolean | undefined;
};

export type LocalGitSettings = {
  enabled: boolean;
  /** Folder of the bare repositories. */
  directory: string;
  /** Public base URL of the git host: `${backend.baseUrl}/api/iac/git`. */
  baseUrl: string;
  /** Serve anonymous clones to other machines too (default false: loopback only). */
  allowRemoteClones: boolean;
};

/**
 * Reads `iac.localGit`: off unless enabled; repositories under
 * `iac.localGit.directory` (default ../../data/git, relative to the backend's
 * working directory, i.e. <repo>/data/git).
 */
export function localGitSettings(config: ConfigLike): LocalGitSettings {
  const backendBaseUrl = (
    config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007'
  ).replace(/\/+$/, '');
  return {
    enabled: config.getOptionalBoolean('iac.localGit.enabled') ?? false,
    directory: path.resolve(
      config.getOptionalString('iac.localGit.directory') ?? '../../data/git',
    ),
    baseUrl: `${backendBaseUrl}/api/iac/git`,
    allowRemoteClones:
      config.getOptionalBoolean('iac.localGit.allowRemoteClones') ?? false,
  };
}
