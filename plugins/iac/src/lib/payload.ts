/*
 * Form → payload mapping: lives in the contract (formToPayload in
 * @iacforge/plugin-iac-common), shared with the iac:*:generate actions.
 * Re-exported here under the frontend's former names.
 */
import {
  defaultMapping,
  formToPayload,
  FormOptions,
} from '@iacforge/plugin-iac-common';

export {
  deepMerge,
  effectiveMapping,
  fieldForIssue,
  formToPayload,
  mapIssues,
  setPath,
} from '@iacforge/plugin-iac-common';
export type {
  BuiltPayload,
  CloudChoice,
  FieldIssue,
  FieldMapping,
  MappingTarget,
  NodePoolValue,
} from '@iacforge/plugin-iac-common';

/** `ui:options` of IacPreview that shape the payload (the contract's FormOptions). */
export type PayloadOptions = FormOptions;

/** The default mapping (derived from the contract's schemas). */
export const DEFAULT_MAPPING = defaultMapping();

/** Former name of formToPayload. */
export const buildPayload = formToPayload;

export { stableStringify } from './stable';
