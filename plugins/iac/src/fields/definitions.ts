/*
 * The form fields, as scaffolder FormFields. Loaded lazily by the
 * FormFieldBlueprint extensions (see ./extensions.tsx).
 */
import {
  CustomFieldValidator,
  FieldExtensionComponentProps,
  FieldSchema,
  makeFieldSchema,
} from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { nodePoolBounds, NodePoolValue } from '@iacforge/plugin-iac-common';
import {
  CloudPicker,
  CloudPickerUiOptions,
  validateCloudChoice,
} from './CloudPicker';
import {
  FeaturesField,
  FeaturesUiOptions,
  validateFeatures,
} from './FeaturesField';
import { NodePool, NodePoolUiOptions, validateNodePool } from './NodePool';
import {
  PreviewField,
  PreviewUiOptions,
  validatePreview,
} from './PreviewField';
import {
  UpgradePreviewField,
  UpgradePreviewUiOptions,
} from './UpgradePreviewField';
import {
  RegionPicker,
  RegionPickerUiOptions,
  validateRegion,
} from './RegionPicker';

/** createFormField with the value and ui:options types of our components. */
function formField<TValue, TUiOptions>(opts: {
  name: string;
  component: (
    props: FieldExtensionComponentProps<TValue, TUiOptions>,
  ) => JSX.Element | null;
  validation?: CustomFieldValidator<TValue, TUiOptions>;
  schema?: FieldSchema<TValue, TUiOptions>;
}) {
  return createFormField(
    opts as unknown as Parameters<typeof createFormField>[0],
  );
}

const cloudField = (z: any) =>
  z
    .string()
    .optional()
    .describe('Form field holding the IacCloudPicker value (default "cloud")');

export const iacCloudPickerField = formField<string, CloudPickerUiOptions>({
  name: 'IacCloudPicker',
  component: CloudPicker,
  validation: (value, validation, context) =>
    validateCloudChoice(value, validation, context),
  schema: makeFieldSchema({
    output: z => z.enum(['aws', 'azure', 'gcp', 'existing']),
    uiOptions: z =>
      z.object({
        clouds: z
          .array(z.enum(['aws', 'azure', 'gcp', 'existing']))
          .optional()
          .describe('Choices offered (default: all four)'),
        only: z
          .array(z.enum(['aws', 'azure', 'gcp', 'existing']))
          .optional()
          .describe('Alias of clouds'),
        allowExisting: z
          .boolean()
          .optional()
          .describe('Offer "Existing cluster" (default true)'),
      }),
  }) as unknown as FieldSchema<string, CloudPickerUiOptions>,
});

export const iacRegionPickerField = formField<string, RegionPickerUiOptions>({
  name: 'IacRegionPicker',
  component: RegionPicker,
  validation: (value, validation, context) =>
    validateRegion(value, validation, context),
  schema: makeFieldSchema({
    output: z => z.string(),
    uiOptions: z => z.object({ cloudField: cloudField(z) }),
  }) as unknown as FieldSchema<string, RegionPickerUiOptions>,
});

export const iacNodePoolField = formField<NodePoolValue, NodePoolUiOptions>({
  name: 'IacNodePool',
  component: NodePool,
  validation: (value, validation, context) =>
    validateNodePool(value, validation, context),
  schema: makeFieldSchema({
    output: z =>
      z.object({
        instance_type: z
          .string()
          .describe(
            'Node size: node_pool_instance_type (aws), vm_size (azure), machine_type (gcp)',
          ),
        ...Object.fromEntries(
          Object.entries(nodePoolBounds()).map(([count, b]) => [
            count,
            z.number().int().min(b.min).max(b.max),
          ]),
        ),
      }),
    uiOptions: z => z.object({ cloudField: cloudField(z) }),
  }) as unknown as FieldSchema<NodePoolValue, NodePoolUiOptions>,
});

export const iacPreviewField = formField<string, PreviewUiOptions>({
  name: 'IacPreview',
  component: PreviewField,
  validation: (value, validation, context) =>
    validatePreview(value, validation, context),
  schema: makeFieldSchema({
    output: z =>
      z
        .string()
        .describe('Content hash of the last valid preview ("" while invalid)'),
    uiOptions: z =>
      z.object({
        kind: z
          .enum(['platform', 'cluster', 'terraform', 'helm'])
          .optional()
          .describe('Request kind (default platform)'),
        mapping: z
          .record(z.any())
          .optional()
          .describe('Form field → payload path overrides (null removes one)'),
        extra: z
          .record(z.any())
          .optional()
          .describe('Static payload parts, deep-merged under the form values'),
        cloudField: cloudField(z),
        existingCloudField: z.string().optional(),
        regionField: z.string().optional(),
        nodePoolField: z.string().optional(),
        featuresField: z
          .string()
          .optional()
          .describe(
            'Form field holding the IacFeatures value (default "features")',
          ),
        debounceMs: z.number().optional(),
        checks: z.boolean().optional(),
        blockOn: z.enum(['all', 'entered', 'none']).optional(),
        title: z.string().optional(),
        height: z.number().optional(),
      }),
  }) as unknown as FieldSchema<string, PreviewUiOptions>,
});

export const iacFeaturesField = formField<
  Record<string, unknown>,
  FeaturesUiOptions
>({
  name: 'IacFeatures',
  component: FeaturesField,
  validation: (value, validation, context) =>
    validateFeatures(value, validation, context),
  schema: makeFieldSchema({
    output: z =>
      z
        .record(z.any())
        .describe(
          'helm_context fields of the feature groups, merged into helm_context by formToPayload',
        ),
    uiOptions: z =>
      z.object({
        groups: z
          .array(z.string())
          .optional()
          .describe('Feature group ids to offer (default: all)'),
        exclude: z
          .array(z.string())
          .optional()
          .describe('Feature group ids not to offer'),
        kind: z
          .enum(['platform', 'cluster', 'terraform', 'helm'])
          .optional()
          .describe('Request kind validated against (default platform)'),
        extra: z
          .record(z.any())
          .optional()
          .describe('Static payload parts (as in IacPreview)'),
        mapping: z.record(z.any()).optional(),
        cloudField: cloudField(z),
        existingCloudField: z.string().optional(),
        featuresField: z.string().optional(),
        debounceMs: z.number().optional(),
      }),
  }) as unknown as FieldSchema<Record<string, unknown>, FeaturesUiOptions>,
});

/** Every IaC Forge form field. */
export const iacFormFields = [
  iacCloudPickerField,
  iacRegionPickerField,
  iacNodePoolField,
  iacFeaturesField,
  iacPreviewField,
];

export const iacUpgradePreviewField = formField<
  string,
  UpgradePreviewUiOptions
>({
  name: 'IacUpgradePreview',
  component: UpgradePreviewField,
  schema: makeFieldSchema({
    output: z => z.string().optional().describe('Not used'),
    uiOptions: z =>
      z.object({
        componentField: z
          .string()
          .optional()
          .describe(
            'Form field with the component entity ref (default "component")',
          ),
        helmFields: z
          .array(z.string())
          .optional()
          .describe('Form fields that change helm_context answers'),
      }),
  }) as unknown as FieldSchema<string, UpgradePreviewUiOptions>,
});
