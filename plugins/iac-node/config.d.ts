export interface Config {
  /** IaC Forge */
  iac?: {
    /**
     * More folders holding template trees (see docs/templates.md), relative
     * to the backend's working directory. They are loaded after the trees
     * shipped in `@iacforge/plugin-iac-templates`; a tree with the kind and
     * name of a loaded one is refused at start.
     */
    templateRoots?: string[];
    /**
     * Load the template trees shipped in `@iacforge/plugin-iac-templates`
     * (default true). Set false to serve only `iac.templateRoots` and
     * `iac.templateSources`.
     */
    shippedTemplates?: boolean;
    /**
     * Template trees kept in a repository and read by URL through the
     * portal's URL readers (its `integrations`: GitHub, GitLab, Bitbucket,
     * Azure DevOps, Gitea, ...), e.g.
     * `https://github.com/acme/iac-trees/tree/main/trees`. Read at start and
     * then every `refresh`; a new version is loaded and checked like a local
     * root (manifests, templates, duplicate kind/name) before it is served,
     * and refused as a whole if anything fails (the previous version stays
     * served). Status: `GET /api/iac/template-sources`.
     */
    templateSources?: Array<{
      /** A folder URL the portal's URL readers can read as a tree. */
      url: string;
      /**
       * Time between two reads, e.g. `{ minutes: 5 }` or `PT5M` (default
       * 30 minutes). A read that finds the same version does nothing.
       */
      refresh?: { [unit: string]: number } | string;
    }>;
  };
}
