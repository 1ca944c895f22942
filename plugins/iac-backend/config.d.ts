export interface Config {
  /** IaC Forge */
  iac?: {
    // iac.templateRoots, iac.shippedTemplates, iac.templateSources:
    // declared by @iacforge/plugin-iac-node (the shared engine reads them)
    /**
     * Allow calls without Backstage credentials (e.g. from CI or curl).
     * Off by default: every route needs a user or service token.
     */
    allowUnauthenticated?: boolean;
    /** Largest accepted request body, e.g. "1mb" (default "1mb"). */
    maxBodySize?: string;
    /** Read by the portal's permission policy (docs/permissions.md). */
    permissions?: {
      /**
       * Owner namespaces anyone may publish under (iac.publish), besides
       * their own user name and groups; '*' allows any owner.
       */
      publishOwners?: string[];
    };
    preview?: {
      /**
       * Worker threads that render previews, so the HTTP thread stays free
       * (default 1 on machines with 2+ cores, else 0 = render in-process).
       */
      workers?: number;
      /**
       * Worker threads for previews with output checks (?checks=true) and
       * ZIP downloads (default 1 when `workers` is above 0, else 0).
       */
      heavyWorkers?: number;
      /**
       * CPU priority (Linux nice value, 0-19) of those workers: default 10,
       * so they yield the CPU to the HTTP thread and plain previews.
       */
      heavyNice?: number;
      /**
       * Checked previews and downloads rendering at once (default 2); up to
       * 100 more wait their turn, beyond that the answer is 503.
       */
      heavyConcurrency?: number;
      /**
       * Start the preview workers with the backend instead of on the first
       * request (default false; this repository's app-config.yaml sets it).
       */
      warmUp?: boolean;
      /** Bytes of preview answers kept in memory (default 67108864 = 64 MiB). */
      cacheBytes?: number;
    };
  };
}
