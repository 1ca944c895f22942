import { useEffect, useState } from 'react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { FeatureInput, fromText, toText } from '../lib/featureInputs';

/** Helper text: the contract's description, its bounds and default. */
function helpOf(input: FeatureInput): string {
  const parts: string[] = [];
  if (input.description) parts.push(input.description);
  if (input.minimum !== undefined && input.maximum !== undefined) {
    parts.push(`Between ${input.minimum} and ${input.maximum}.`);
  }
  if (
    input.default !== undefined &&
    input.kind !== 'boolean' &&
    !(typeof input.default === 'object' && input.default !== null)
  ) {
    parts.push(`Default: ${String(input.default)}.`);
  }
  if (input.kind === 'string-list') parts.push('One per line.');
  if (input.kind === 'map') parts.push('One key=value per line.');
  return parts.join(' ');
}

/** One input of a feature group, by the kind of its JSON Schema. */
export function FeatureInputField(props: {
  id: string;
  input: FeatureInput;
  value: unknown;
  errors: string[];
  onChange: (value: unknown) => void;
}) {
  const { id, input, value, errors, onChange } = props;
  const [text, setText] = useState(() => toText(input, value));
  const [parseError, setParseError] = useState<string | undefined>();
  // follow outside changes (e.g. a default restored) unless mid-edit
  useEffect(() => {
    const parsed = fromText(input, text);
    if (JSON.stringify(parsed.value) !== JSON.stringify(value)) {
      setText(toText(input, value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const error = parseError ?? errors[0];
  const help = error ?? helpOf(input);
  if (input.kind === 'boolean') {
    const checked = typeof value === 'boolean' ? value : input.default === true;
    return (
      <div>
        <FormControlLabel
          control={
            <Switch
              id={id}
              size="small"
              color="primary"
              checked={checked}
              onChange={e => onChange(e.target.checked)}
            />
          }
          label={input.title}
        />
        <FormHelperText error={Boolean(error)}>{help}</FormHelperText>
      </div>
    );
  }
  const multiline = ['string-list', 'map', 'json'].includes(input.kind);
  return (
    <TextField
      id={id}
      label={input.title}
      variant="outlined"
      size="small"
      select={input.kind === 'enum'}
      type={['integer', 'number'].includes(input.kind) ? 'number' : 'text'}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      value={text}
      placeholder={
        input.default !== undefined && typeof input.default !== 'object'
          ? String(input.default)
          : undefined
      }
      InputLabelProps={{ shrink: true }}
      inputProps={{
        min: input.minimum,
        max: input.maximum,
        step: input.kind === 'integer' ? 1 : undefined,
        'data-field': input.name,
      }}
      error={Boolean(error)}
      helperText={help}
      onChange={e => {
        setText(e.target.value);
        const parsed = fromText(input, e.target.value);
        setParseError(parsed.error);
        if (!parsed.error) onChange(parsed.value);
      }}
    >
      {input.kind === 'enum' && [
        <MenuItem key="" value="">
          <em>
            Default
            {input.default !== undefined ? ` (${String(input.default)})` : ''}
          </em>
        </MenuItem>,
        ...(input.options ?? []).map(option => (
          <MenuItem key={option} value={option}>
            {option}
          </MenuItem>
        )),
      ]}
    </TextField>
  );
}
