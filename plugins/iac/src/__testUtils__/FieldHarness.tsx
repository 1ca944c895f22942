import { ComponentType, useState } from 'react';

export interface HarnessProps<T> {
  Field: ComponentType<any>;
  /** Successive states of the rest of the form; "Next form state" moves on. */
  forms: Array<Record<string, unknown>>;
  initial?: T;
  uiOptions?: Record<string, unknown>;
  schema?: Record<string, unknown>;
  rawErrors?: string[];
  onValue?: (value: T) => void;
  required?: boolean;
}

/**
 * Renders a scaffolder field the way the Stepper does: its own value plus
 * the whole form at formContext.formData (which includes the field's value).
 */
export function FieldHarness<T>(props: HarnessProps<T>) {
  const { Field, forms, uiOptions = {}, schema = {}, rawErrors = [] } = props;
  const [value, setValue] = useState<T | undefined>(props.initial);
  const [index, setIndex] = useState(0);
  const onChange = (v: T) => {
    setValue(v);
    props.onValue?.(v);
  };
  return (
    <>
      <Field
        formData={value}
        onChange={onChange}
        formContext={{ formData: { ...forms[index] } }}
        uiSchema={{ 'ui:options': uiOptions }}
        schema={schema}
        idSchema={{ $id: 'root_field' }}
        rawErrors={rawErrors}
        required={props.required ?? false}
        disabled={false}
        readonly={false}
      />
      <button
        type="button"
        onClick={() => setIndex(i => Math.min(i + 1, forms.length - 1))}
      >
        Next form state
      </button>
      <output data-testid="harness-value">
        {JSON.stringify(value ?? null)}
      </output>
    </>
  );
}
