/**
 * The embedded git host's repositories: bare repositories on local disk,
 * created and pushed by the scaffolder, read by the catalog and served over
 * git's smart HTTP protocol by `@iacforge/plugin-iac-backend-module-git`.
 * Reads no configuration: the caller builds the settings. Also the git
 * command helper the engine's upgrades use.
 *
 * @packageDocumentation
 */
export { LocalGitRepositories, RepositoryError } from './LocalGitRepositories';
export type { PushOptions } from './LocalGitRepositories';
export { localGitBaseUrl, LOCAL_GIT_PATH } from './settings';
export type { LocalGitSettings } from './settings';
export { GitCommandError, runGit } from './exec';
export type { GitRun } from './exec';
