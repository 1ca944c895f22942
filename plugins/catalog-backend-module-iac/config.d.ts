export interface Config {
  /** IaC Forge */
  iac?: {
    catalog?: {
      /**
       * Put the four IaC Forge Template entities shipped in
       * `@iacforge/plugin-iac-templates` into the catalog (default true).
       * Set false to list your own Template entities instead; the shipped
       * ones are then removed from the catalog.
       */
      templates?: boolean;
    };
  };
}
