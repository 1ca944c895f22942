export interface Config {
  /** IaC Forge */
  iac?: {
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
