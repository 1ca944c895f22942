export interface Config {
  /** IaC Forge */
  iac?: {
    /**
     * More folders holding template trees, relative to the backend's working
     * directory, loaded after the shipped ones (see
     * `@iacforge/plugin-iac-backend`'s config).
     */
    templateRoots?: string[];
    /** Load the template trees shipped in `@iacforge/plugin-iac-templates` (default true). */
    shippedTemplates?: boolean;
    /**
     * The embedded git host written by `iac:publish:local` (registered only
     * when enabled).
     */
    localGit?: {
      /** Default false. */
      enabled?: boolean;
      /** Folder of the repositories, relative to the backend's working directory. Default ../../data/git. */
      directory?: string;
    };
    /**
     * Where `iac:publish` publishes the generated repositories. The same
     * Template entities work on every target.
     */
    publish?: {
      /**
       * `local` (default): the embedded git host (`iac.localGit.enabled`
       * must be true). `github`: Backstage's publish:github with the
       * `integrations.github` credentials; the Templates' governance step
       * then applies and verifies branch protection and the apply
       * environment.
       */
      target?: 'local' | 'github';
      /** GitHub settings (target `github`). */
      github?: {
        /** Host of an `integrations.github` entry. Default github.com. */
        host?: string;
        /**
         * Organisation (or user) every repository is created under. When
         * unset, the Template's owner answer is used.
         */
        owner?: string;
        /** Default private. */
        visibility?: 'private' | 'internal' | 'public';
        /** Default main. */
        defaultBranch?: string;
      };
    };
    /** Settings of the iac:validate scaffolder action. */
    validate?: {
      /**
       * Also run helm lint --strict and helm template (Helm 3 and 4) on the
       * generated charts. Needs the helm binaries (scripts/bootstrap.sh).
       * Default: false (fast in-process checks only).
       */
      helm?: boolean;
    };
  };
}
