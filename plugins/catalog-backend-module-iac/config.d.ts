export interface Config {
  /** IaC Forge */
  iac?: {
    catalog?: {
      /**
       * Put the five IaC Forge Template entities shipped in
       * `@iacforge/plugin-iac-templates` into the catalog (default true).
       * Set false to list your own Template entities instead; the shipped
       * ones are then removed from the catalog.
       */
      templates?: boolean;
      /**
       * Annotate generated components with iacforge.io/outdated ("true" when
       * a template they were generated from has a newer installed version)
       * and iacforge.io/template-lag (default true).
       */
      templateLag?: boolean;
    };
  };
}
