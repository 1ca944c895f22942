export interface Config {
  /** IaC Forge */
  iac?: {
    /**
     * The embedded default's git host: bare repositories on local disk,
     * served read-only (clone) at `${backend.baseUrl}/api/iac/git`, written by
     * the `iac:publish:local` scaffolder action, read by the catalog.
     */
    localGit?: {
      /** Default false; app-config.yaml of this repository turns it on. */
      enabled?: boolean;
      /** Folder of the repositories, relative to the backend's working directory. Default ../../data/git. */
      directory?: string;
      /**
       * Serve the repositories (anonymously, read-only) to clients on other
       * machines too. Default false: only clients on this machine (loopback
       * peer address) may clone; others get 403.
       */
      allowRemoteClones?: boolean;
    };
  };
}
