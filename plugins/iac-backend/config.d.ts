export interface Config {
  /** IaC Forge */
  iac?: {
    /**
     * Folders holding template trees (see docs/templates.md), relative to the
     * backend's working directory. Default: the `templates/iac` folder of the
     * repository the backend runs in.
     */
    templateRoots?: string[];
    /**
     * Allow calls without Backstage credentials (e.g. from CI or curl).
     * Off by default: every route needs a user or service token.
     */
    allowUnauthenticated?: boolean;
    /** Largest accepted request body, e.g. "1mb" (default "1mb"). */
    maxBodySize?: string;
  };
}
