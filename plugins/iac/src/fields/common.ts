import { CLOUDS, Cloud } from '@iacforge/plugin-iac-common';
import type { CloudChoice } from '../lib/payload';

/** The whole form's state, as the scaffolder hands it to every field. */
export function formStateOf(formContext: unknown): Record<string, unknown> {
  const data = (formContext as { formData?: unknown } | undefined)?.formData;
  return data && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

/** The IacCloudPicker value found in the form (ui:options.cloudField, default "cloud"). */
export function cloudChoiceOf(
  form: Record<string, unknown>,
  cloudField = 'cloud',
): CloudChoice | undefined {
  const value = form[cloudField];
  if (value === 'existing') return 'existing';
  return (CLOUDS as readonly unknown[]).includes(value)
    ? (value as Cloud)
    : undefined;
}

/** The cloud whose catalog applies (undefined for none or an existing cluster). */
export function catalogCloud(
  choice: CloudChoice | undefined,
): Cloud | undefined {
  return choice && choice !== 'existing' ? choice : undefined;
}

/** Reads a string option. */
export function stringOption(
  options: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  const value = options?.[key];
  return typeof value === 'string' && value ? value : undefined;
}
