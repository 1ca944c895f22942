import { useEffect, useMemo } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { CLOUD_CATALOG, CatalogRegion } from '@iacforge/plugin-iac-common';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { cloudOfRegion } from '../lib/nodePool';
import {
  catalogCloud,
  cloudChoiceOf,
  formStateOf,
  stringOption,
} from './common';

export interface RegionPickerUiOptions {
  /** Form field holding the cloud (default "cloud"). */
  cloudField?: string;
}

/**
 * IacRegionPicker: the regions of CLOUD_CATALOG for the cloud picked
 * elsewhere in the form. A region of another cloud (left over after the
 * cloud changed) or an empty value is replaced by the cloud's default.
 */
export const RegionPicker = (
  props: FieldExtensionComponentProps<string, RegionPickerUiOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    readonly,
    formContext,
    idSchema,
  } = props;
  const cloudField =
    stringOption(uiSchema?.['ui:options'], 'cloudField') ?? 'cloud';
  const choice = cloudChoiceOf(formStateOf(formContext), cloudField);
  const cloud = catalogCloud(choice);
  const entry = cloud ? CLOUD_CATALOG[cloud] : undefined;

  const options = useMemo<CatalogRegion[]>(() => {
    const regions = entry ? [...entry.regions] : [];
    if (formData && entry && !regions.some(r => r.id === formData)) {
      regions.unshift({ id: formData, label: 'not in the catalog' });
    }
    return regions;
  }, [entry, formData]);

  useEffect(() => {
    if (!cloud) return;
    const owner = cloudOfRegion(formData);
    if (!formData || (owner && owner !== cloud)) {
      onChange(CLOUD_CATALOG[cloud].default_region);
    }
  }, [cloud, formData, onChange]);

  const label = schema?.title ?? 'Region';
  const id = idSchema?.$id ?? 'iac-region';
  let helper: string | undefined = schema?.description;
  if (choice === 'existing') {
    helper = 'Not used for an existing cluster (no Terraform is generated).';
  } else if (!cloud) {
    helper = `Pick a cloud first (field "${cloudField}").`;
  }
  // the scaffolder lists rawErrors under the field: show the error state only
  const hasError = Boolean(rawErrors?.length);
  const value = options.find(o => o.id === formData) ?? null;

  return (
    <Autocomplete<CatalogRegion, false, boolean, false>
      id={id}
      options={options}
      value={value}
      disabled={disabled || readonly || !cloud}
      disableClearable={required}
      getOptionLabel={o => `${o.id} — ${o.label}`}
      getOptionSelected={(o, v) => o.id === v.id}
      onChange={(_e, v) =>
        onChange(v ? v.id : (undefined as unknown as string))
      }
      renderInput={params => (
        <TextField
          {...params}
          label={entry ? `${label} (${entry.label})` : label}
          margin="normal"
          variant="outlined"
          required={required}
          error={hasError}
          helperText={helper}
          inputProps={{
            ...params.inputProps,
            'data-testid': 'iac-region-input',
          }}
        />
      )}
    />
  );
};

const REGION_PATTERNS: Record<string, RegExp> = {
  aws: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
  azure: /^[a-z][a-z0-9]{2,40}$/,
  gcp: /^[a-z]+(-[a-z]+)*\d{1,2}$/,
};

/** Validation: the region must look like a region of the picked cloud. */
export function validateRegion(
  value: string | undefined,
  validation: { addError(message: string): void },
  context: {
    formData?: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: RegionPickerUiOptions };
  },
): void {
  if (!value) return;
  const cloudField = context.uiSchema?.['ui:options']?.cloudField ?? 'cloud';
  const cloud = catalogCloud(cloudChoiceOf(context.formData ?? {}, cloudField));
  if (!cloud) return;
  const owner = cloudOfRegion(value);
  if (owner && owner !== cloud) {
    validation.addError(
      `${value} is a ${CLOUD_CATALOG[owner].label} region; pick a ${CLOUD_CATALOG[cloud].label} region`,
    );
  } else if (!REGION_PATTERNS[cloud].test(value)) {
    validation.addError(
      `"${value}" does not look like a ${CLOUD_CATALOG[cloud].label} region`,
    );
  }
}
