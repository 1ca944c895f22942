/** Where the embedded git host keeps its repositories and how it serves them. */
export type LocalGitSettings = {
  enabled: boolean;
  /** Folder of the bare repositories (absolute). */
  directory: string;
  /** Public base URL of the git host, e.g. `http://localhost:7007/api/iac/git`. */
  baseUrl: string;
  /** Serve anonymous clones to other machines too (default false: loopback only). */
  allowRemoteClones: boolean;
};

/** The path of the git host below the backend's base URL. */
export const LOCAL_GIT_PATH = '/api/iac/git';

/** The git host's public base URL for a backend base URL. */
export function localGitBaseUrl(backendBaseUrl: string): string {
  return `${backendBaseUrl.replace(/\/+$/, '')}${LOCAL_GIT_PATH}`;
}
