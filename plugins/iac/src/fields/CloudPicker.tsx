import { useEffect } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { CLOUD_CATALOG } from '@iacforge/plugin-iac-common';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { CloudChoice } from '../lib/payload';

/** What each choice creates, shown on its card. */
export const CLOUD_CHOICES: ReadonlyArray<{
  value: CloudChoice;
  title: string;
  subtitle: string;
  creates: string[];
  templates: string;
}> = [
  {
    value: 'aws',
    title: CLOUD_CATALOG.aws.label,
    subtitle: CLOUD_CATALOG.aws.service,
    creates: [
      'EKS cluster with a private API endpoint',
      'Managed node group (autoscaling tags)',
      'VPC across availability zones, NAT',
      'S3 state backend with native locking',
    ],
    templates: 'Terraform aws-eks · Helm basic',
  },
  {
    value: 'azure',
    title: CLOUD_CATALOG.azure.label,
    subtitle: CLOUD_CATALOG.azure.service,
    creates: [
      'Private AKS cluster with Azure RBAC',
      'System node pool with the cluster autoscaler',
      'VNet with Azure CNI Overlay',
      'azurerm state backend, maintenance window',
    ],
    templates: 'Terraform azure-aks · Helm aks-basic',
  },
  {
    value: 'gcp',
    title: CLOUD_CATALOG.gcp.label,
    subtitle: CLOUD_CATALOG.gcp.service,
    creates: [
      'Regional GKE cluster, private endpoint',
      'Node pool with autoscaling',
      'VPC-native network with secondary ranges',
      'GCS state backend, maintenance window',
    ],
    templates: 'Terraform gcp-gke · Helm gke-basic',
  },
  {
    value: 'existing',
    title: 'Existing cluster',
    subtitle: 'Deploy to a cluster you already run',
    creates: [
      'No Terraform: nothing is provisioned',
      'Helm chart for the workload',
      'Deploy workflows, policies and CODEOWNERS',
      'Optional GitOps (Flux) manifests',
    ],
    templates: 'Helm chart of the cluster’s cloud',
  },
];

const useStyles = makeStyles(theme => ({
  group: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
  },
  card: {
    margin: 0,
    alignItems: 'flex-start',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius * 2,
    padding: theme.spacing(1, 1.5, 1.5, 0.5),
    background: theme.palette.background.paper,
    transition: theme.transitions.create(['border-color', 'box-shadow']),
    '&:hover': { borderColor: theme.palette.text.secondary },
  },
  checked: {
    borderColor: theme.palette.primary.main,
    boxShadow: `0 0 0 1px ${theme.palette.primary.main}`,
  },
  disabled: { opacity: 0.6 },
  title: { fontWeight: 600, marginTop: theme.spacing(1) },
  list: {
    margin: theme.spacing(0.5, 0, 0.5),
    paddingLeft: theme.spacing(2),
    color: theme.palette.text.secondary,
    fontSize: theme.typography.body2.fontSize,
  },
  templates: { fontFamily: 'monospace', fontSize: 11.5 },
}));

export interface CloudPickerUiOptions {
  /** Choices offered (default: aws, azure, gcp, existing). */
  clouds?: CloudChoice[];
  /** Alias of `clouds`. */
  only?: CloudChoice[];
  /** Offer "Existing cluster" (default true). */
  allowExisting?: boolean;
}

/** Choices offered by a field, from its ui:options. */
export function offeredChoices(options: CloudPickerUiOptions | undefined) {
  const list = options?.clouds?.length ? options.clouds : options?.only;
  const wanted = list?.length ? list : undefined;
  return CLOUD_CHOICES.filter(
    c =>
      (!wanted || wanted.includes(c.value)) &&
      (c.value !== 'existing' || options?.allowExisting !== false),
  );
}

/** IacCloudPicker: cards (a radio group) for AWS EKS, Azure AKS, GCP GKE or an existing cluster. */
export const CloudPicker = (
  props: FieldExtensionComponentProps<string, CloudPickerUiOptions>,
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
    idSchema,
  } = props;
  const classes = useStyles();
  const options = uiSchema?.['ui:options'];
  const choices = offeredChoices(options);
  const title = schema?.title ?? 'Where does it run?';
  const id = idSchema?.$id ?? 'iac-cloud';
  const hasError = Boolean(rawErrors?.length);

  // a single choice needs no click
  useEffect(() => {
    if (!formData && choices.length === 1) onChange(choices[0].value);
  }, [formData, choices, onChange]);

  return (
    <FormControl
      component="fieldset"
      required={required}
      error={hasError}
      disabled={disabled || readonly}
      fullWidth
      margin="normal"
    >
      <FormLabel component="legend" id={`${id}-label`}>
        {title}
      </FormLabel>
      {schema?.description && (
        <FormHelperText style={{ marginTop: 4 }}>
          {schema.description}
        </FormHelperText>
      )}
      <RadioGroup
        aria-labelledby={`${id}-label`}
        name={id}
        value={formData ?? ''}
        onChange={(_e, value) => onChange(value)}
        className={classes.group}
      >
        {choices.map(choice => {
          const checked = formData === choice.value;
          return (
            <FormControlLabel
              key={choice.value}
              value={choice.value}
              className={`${classes.card} ${checked ? classes.checked : ''} ${
                disabled || readonly ? classes.disabled : ''
              }`}
              control={
                <Radio
                  color="primary"
                  inputProps={{
                    'aria-describedby': `${id}-${choice.value}-creates`,
                  }}
                />
              }
              label={
                <div>
                  <Typography variant="subtitle1" className={classes.title}>
                    {choice.title}
                  </Typography>
                  <Typography variant="body2" color="textSecondary">
                    {choice.subtitle}
                  </Typography>
                  <ul
                    className={classes.list}
                    id={`${id}-${choice.value}-creates`}
                  >
                    {choice.creates.map(item => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    className={classes.templates}
                  >
                    {choice.templates}
                  </Typography>
                </div>
              }
            />
          );
        })}
      </RadioGroup>
    </FormControl>
  );
};

/** Validation: the value must be one of the offered choices. */
export function validateCloudChoice(
  value: string | undefined,
  validation: { addError(message: string): void },
  context: { uiSchema?: { 'ui:options'?: CloudPickerUiOptions } },
): void {
  if (value === undefined || value === '') return; // "required" is the schema's job
  const offered = offeredChoices(context.uiSchema?.['ui:options']).map(
    c => c.value,
  );
  if (!offered.includes(value as CloudChoice)) {
    validation.addError(`Choose one of: ${offered.join(', ')}`);
  }
}
