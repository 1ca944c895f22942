import { useEffect, useMemo } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  CLOUD_CATALOG,
  CatalogNodeSize,
  nodePoolBounds,
  NodePoolValue,
} from '@iacforge/plugin-iac-common';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  cloudOfNodeSize,
  defaultNodePool,
  NodePoolKey,
  nodePoolProblems,
  nodePoolSummary,
  nodeSizeLabel,
} from '../lib/nodePool';
import {
  catalogCloud,
  cloudChoiceOf,
  formStateOf,
  stringOption,
} from './common';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 2fr) repeat(3, minmax(90px, 1fr))',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
    [theme.breakpoints.down('xs')]: { gridTemplateColumns: '1fr 1fr' },
  },
  summary: { marginTop: theme.spacing(0.5), minHeight: '1.5em' },
}));

export interface NodePoolUiOptions {
  /** Form field holding the cloud (default "cloud"). */
  cloudField?: string;
}

const COUNT_FIELDS: Array<{
  key: Exclude<NodePoolKey, 'instance_type'>;
  label: string;
}> = [
  { key: 'min_size', label: 'Minimum' },
  { key: 'desired_size', label: 'Desired' },
  { key: 'max_size', label: 'Maximum' },
];

/**
 * IacNodePool: node size from the cloud's catalog plus min / desired / max
 * node counts, with the cross-field rules shown while typing.
 */
export const NodePool = (
  props: FieldExtensionComponentProps<NodePoolValue, NodePoolUiOptions>,
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
  const classes = useStyles();
  const cloudField =
    stringOption(uiSchema?.['ui:options'], 'cloudField') ?? 'cloud';
  const choice = cloudChoiceOf(formStateOf(formContext), cloudField);
  const cloud = catalogCloud(choice);
  const value: NodePoolValue = useMemo(() => formData ?? {}, [formData]);
  const id = idSchema?.$id ?? 'iac-node-pool';

  // defaults on first use; a size of another cloud is replaced when the cloud changes
  useEffect(() => {
    if (!cloud) return;
    const owner = cloudOfNodeSize(value.instance_type);
    if (!formData) {
      onChange(defaultNodePool(cloud));
    } else if (!value.instance_type || (owner && owner !== cloud)) {
      onChange({
        ...value,
        instance_type: CLOUD_CATALOG[cloud].default_node_size,
      });
    }
  }, [cloud, formData, value, onChange]);

  const sizes = useMemo<CatalogNodeSize[]>(() => {
    const list = cloud ? [...CLOUD_CATALOG[cloud].node_sizes] : [];
    if (value.instance_type && !list.some(s => s.id === value.instance_type)) {
      list.unshift({
        id: value.instance_type,
        label: `${value.instance_type} (not in the catalog)`,
        vcpu: 0,
        memory_gib: 0,
        architecture: 'x86_64',
      });
    }
    return list;
  }, [cloud, value.instance_type]);

  const problems = nodePoolProblems(value, cloud);
  const problemOf = (key: NodePoolKey) =>
    problems
      .filter(p => p.field === key)
      .map(p => p.message)
      .join(' ');
  const inactive = disabled || readonly || !cloud;
  let helper = schema?.description;
  if (!cloud) helper = `Pick a cloud first (field "${cloudField}").`;
  if (choice === 'existing') {
    helper = 'Not used for an existing cluster (no Terraform is generated).';
  }
  const set = (patch: Partial<NodePoolValue>) =>
    onChange({ ...value, ...patch });

  return (
    <FormControl
      component="fieldset"
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(rawErrors?.length)}
    >
      <FormLabel component="legend">{schema?.title ?? 'Node pool'}</FormLabel>
      {(schema?.description || !cloud) && (
        <FormHelperText>{helper}</FormHelperText>
      )}
      <div className={classes.row}>
        <TextField
          select
          id={`${id}-instance-type`}
          label={nodeSizeLabel(cloud)}
          value={value.instance_type ?? ''}
          onChange={e => set({ instance_type: e.target.value })}
          disabled={inactive}
          variant="outlined"
          error={Boolean(cloud && problemOf('instance_type'))}
          helperText={cloud ? problemOf('instance_type') || ' ' : ' '}
          SelectProps={{ MenuProps: { style: { maxHeight: 400 } } }}
        >
          {sizes.map(s => (
            <MenuItem key={s.id} value={s.id}>
              {s.label}
            </MenuItem>
          ))}
        </TextField>
        {COUNT_FIELDS.map(({ key, label }) => {
          const problem = cloud ? problemOf(key) : '';
          return (
            <TextField
              key={key}
              id={`${id}-${key}`}
              label={label}
              type="number"
              variant="outlined"
              value={value[key] ?? ''}
              disabled={inactive}
              onChange={e => {
                const raw = e.target.value;
                set({ [key]: raw === '' ? undefined : Number(raw) });
              }}
              inputProps={{
                min: nodePoolBounds()[key].min,
                max: nodePoolBounds()[key].max,
                step: 1,
                inputMode: 'numeric',
                'aria-describedby': `${id}-summary`,
              }}
              error={Boolean(problem)}
              helperText={problem || ' '}
            />
          );
        })}
      </div>
      <Typography
        id={`${id}-summary`}
        variant="body2"
        color="textSecondary"
        className={classes.summary}
        aria-live="polite"
      >
        {cloud && problems.length === 0 ? nodePoolSummary(value) : ''}
      </Typography>
    </FormControl>
  );
};

/** Validation: the same rules as the inputs show. */
export function validateNodePool(
  value: NodePoolValue | undefined,
  validation: { addError(message: string): void },
  context: {
    formData?: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: NodePoolUiOptions };
  },
): void {
  const cloudField = context.uiSchema?.['ui:options']?.cloudField ?? 'cloud';
  const cloud = catalogCloud(cloudChoiceOf(context.formData ?? {}, cloudField));
  if (!cloud) return; // nothing to size for an existing cluster
  for (const problem of nodePoolProblems(value, cloud)) {
    validation.addError(problem.message);
  }
}
