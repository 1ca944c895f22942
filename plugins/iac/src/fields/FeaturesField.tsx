import { useEffect, useMemo, useState } from 'react';
import type { ApiHolder } from '@backstage/frontend-plugin-api';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  Cloud,
  featureGroupOf,
  formatIssue,
  FormOptions,
  formToPayload,
} from '@iacforge/plugin-iac-common';
import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import { iacApiRef } from '../api/IacApi';
import type { ValidationIssue } from '../api/types';
import {
  FeatureSection,
  featureSections,
  fieldOfIssuePath,
  isShown,
  switchGroup,
  toggleValue,
} from '../lib/featureInputs';
import { stableStringify } from '../lib/stable';
import { FeatureInputField } from './FeatureInput';
import { formStateOf } from './common';

/** ui:options of IacFeatures. */
export interface FeaturesUiOptions extends FormOptions {
  /** Group ids to offer (default: all). */
  groups?: string[];
  /** Group ids not to offer. */
  exclude?: string[];
  /** Debounce of the live validation, ms (default 600). */
  debounceMs?: number;
}

type Value = Record<string, unknown>;

const useStyles = makeStyles(theme => ({
  group: { padding: theme.spacing(1, 2), marginBottom: theme.spacing(1) },
  inputs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0, 1),
  },
  hint: { color: theme.palette.text.secondary },
}));

/** The sections the options offer. */
export function offeredSections(options: FeaturesUiOptions): FeatureSection[] {
  return featureSections().filter(
    s =>
      (!options.groups || options.groups.includes(s.group.id)) &&
      !(options.exclude ?? []).includes(s.group.id),
  );
}

/** The form with this field's value in it, as formToPayload reads it. */
function formWith(
  form: Value,
  value: Value,
  options: FeaturesUiOptions,
): Value {
  return { ...form, [options.featuresField ?? 'features']: value };
}

/** Issues of the Features fields: helm_context field → messages. */
function issuesByField(issues: ValidationIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOfIssuePath(issue.path);
    if (!field) continue;
    out.set(field, [...(out.get(field) ?? []), issue.message]);
  }
  return out;
}

function Section(props: {
  section: FeatureSection;
  value: Value;
  cloud: Cloud | undefined;
  errors: Map<string, string[]>;
  onChange: (value: Value) => void;
  id: string;
}) {
  const { section, value, cloud, errors, onChange, id } = props;
  const classes = useStyles();
  const { group, toggle } = section;
  const on = toggle ? toggleValue(value, toggle) : true;
  const [open, setOpen] = useState(false);
  const inputs = section.inputs.filter(i => isShown(i, value, cloud));
  const toggleErrors = toggle ? errors.get(toggle.name) ?? [] : [];
  const sideEffects = [
    ...(group.requires ?? []).map(t => `turns on ${t}`),
    ...(group.excludes ?? []).map(t => `turns off ${t}`),
  ];
  const revealed = toggle ? on : open;
  return (
    <Paper
      variant="outlined"
      className={classes.group}
      data-testid={`iac-feature-${group.id}`}
    >
      {toggle ? (
        <FormControlLabel
          control={
            <Switch
              checked={on}
              color="primary"
              onChange={e =>
                onChange(switchGroup(value, group, e.target.checked))
              }
              inputProps={{ 'aria-describedby': `${id}-${group.id}-desc` }}
            />
          }
          label={<Typography variant="subtitle1">{group.title}</Typography>}
        />
      ) : (
        <Box display="flex" alignItems="center">
          <Typography variant="subtitle1" style={{ flex: 1 }}>
            {group.title}
          </Typography>
          <Button
            size="small"
            onClick={() => setOpen(o => !o)}
            aria-expanded={open}
          >
            {open ? 'Hide' : 'Customize'}
          </Button>
        </Box>
      )}
      <Typography
        id={`${id}-${group.id}-desc`}
        variant="body2"
        className={classes.hint}
      >
        {group.description}
        {toggle &&
          sideEffects.length > 0 &&
          ` Switching it on ${sideEffects.join(' and ')}.`}
      </Typography>
      {toggleErrors.map(message => (
        <Typography key={message} variant="body2" color="error" role="alert">
          {message}
        </Typography>
      ))}
      <Collapse in={revealed && inputs.length > 0} unmountOnExit>
        <div className={classes.inputs}>
          {inputs.map(input => (
            <FeatureInputField
              key={input.name}
              id={`${id}-${input.name}`}
              input={input}
              value={value[input.name]}
              errors={errors.get(input.name) ?? []}
              onChange={v => {
                const next = { ...value };
                if (v === undefined) delete next[input.name];
                else next[input.name] = v;
                onChange(next);
              }}
            />
          ))}
        </div>
      </Collapse>
    </Paper>
  );
}

/**
 * IacFeatures: every feature of the contract's helm_context as a switch
 * revealing its fields, built from the contract's feature groups and JSON
 * Schema. Its value (helm_context fields) is merged into helm_context by
 * formToPayload. Contract issues of the whole form are shown at their
 * input as the user types.
 */
export const FeaturesField = (
  props: FieldExtensionComponentProps<Value, FeaturesUiOptions>,
) => {
  const { formData, onChange, uiSchema, formContext, idSchema, schema } = props;
  const options = useMemo(
    () => (uiSchema?.['ui:options'] ?? {}) as FeaturesUiOptions,
    [uiSchema],
  );
  const value = useMemo(() => formData ?? {}, [formData]);
  const form = formStateOf(formContext);
  const api = useApiHolder().get(iacApiRef);
  const { payload, cloud } = formToPayload(
    formWith(form, value, options),
    options,
  );
  const payloadKey = stableStringify(payload);
  const [issues, setIssues] = useState<ValidationIssue[]>([]);

  useEffect(() => {
    if (!api) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .validate(options.kind ?? 'platform', JSON.parse(payloadKey), {
          signal: controller.signal,
        })
        .then(result => setIssues(result.ok ? [] : result.issues))
        .catch(() => undefined);
    }, options.debounceMs ?? 600);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, payloadKey, options.kind, options.debounceMs]);

  const errors = useMemo(() => issuesByField(issues), [issues]);
  const id = idSchema?.$id ?? 'features';
  return (
    <Box my={1} data-testid="iac-features">
      {schema?.title && (
        <Typography variant="h6" component="h3">
          {schema.title}
        </Typography>
      )}
      {schema?.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {schema.description}
        </Typography>
      )}
      {offeredSections(options).map(section => (
        <Section
          key={section.group.id}
          section={section}
          value={value}
          cloud={cloud}
          errors={errors}
          onChange={onChange}
          id={id}
        />
      ))}
    </Box>
  );
};

/**
 * Validation of IacFeatures ("Next"/"Review"): the contract's issues that
 * belong to this field's values, named by group and input.
 */
export async function validateFeatures(
  value: Value | undefined,
  validation: { addError(message: string): void },
  context: {
    apiHolder: ApiHolder;
    formData?: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: FeaturesUiOptions };
  },
): Promise<void> {
  const options = context.uiSchema?.['ui:options'] ?? {};
  const api = context.apiHolder.get(iacApiRef);
  if (!api) return;
  const built = formToPayload(
    formWith(context.formData ?? {}, value ?? {}, options),
    options,
  );
  let issues: ValidationIssue[];
  try {
    const result = await api.validate(
      options.kind ?? 'platform',
      built.payload,
    );
    issues = result.ok ? [] : result.issues;
  } catch {
    return; // the preview and the action validate again
  }
  const offered = new Set(offeredSections(options).map(s => s.group.id));
  const inputs = new Map(
    featureSections().flatMap(s =>
      [s.toggle, ...s.inputs]
        .filter(i => i !== undefined)
        .map(i => [i!.name, `${s.group.title} › ${i!.title}`] as const),
    ),
  );
  for (const issue of issues) {
    const name = fieldOfIssuePath(issue.path);
    const group = name ? featureGroupOf(name) : undefined;
    if (!name || !group || !offered.has(group.id)) continue;
    validation.addError(formatIssue(issue, inputs.get(name)));
  }
}
