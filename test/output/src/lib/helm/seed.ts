/*
 * The generator spec's own JSON examples (the two platform payloads, the
 * only complete helm_context and every helm_context fragment) live in the
 * contract package; the matrix merges the fragments into the complete
 * helm_context (cases.ts).
 */
export {
  SEED_PLATFORM_NEW_CLUSTER,
  SEED_PLATFORM_EXISTING_CLUSTER,
  SEED_HELM_AFFINITY,
  SEED_HELM_FRAGMENTS,
  SEED_HELM_TELEMETRY_SPLUNK,
} from '@iacforge/plugin-iac-common';
