import { useEffect, useMemo, useRef } from 'react';
import CodeMirror, {
  EditorView,
  ReactCodeMirrorRef,
} from '@uiw/react-codemirror';
import {
  autocompletion,
  CompletionContext,
  CompletionResult as CmCompletionResult,
} from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { json } from '@codemirror/legacy-modes/mode/javascript';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { useTheme } from '@material-ui/core/styles';
import type { Schema } from '../../lib/jsonSchema';
import { completeAt, TextDiagnostic } from '../../lib/jsonEditing';

// the legacy JSON mode calls keys "property": highlight them as property names
const jsonLanguage = StreamLanguage.define({
  ...json,
  tokenTable: { property: tags.propertyName },
});

export interface JsonEditorProps {
  value: string;
  onChange(value: string): void;
  /** JSON Schema of the payload (completion). */
  schema?: Schema;
  /** Parse errors and API issues, as text ranges. */
  diagnostics: TextDiagnostic[];
  height?: string;
  ariaLabel?: string;
}

/**
 * The playground's JSON editor: CodeMirror 6 (the same editor as the
 * scaffolder's template editor), JSON mode, completion of field names and
 * values from the JSON Schema, inline errors at their field paths.
 */
export const JsonEditor = (props: JsonEditorProps) => {
  const { value, onChange, schema, diagnostics, height = '420px' } = props;
  const theme = useTheme();
  const ref = useRef<ReactCodeMirrorRef>(null);
  const schemaRef = useRef(schema);
  schemaRef.current = schema;

  const extensions = useMemo(
    () => [
      jsonLanguage,
      lintGutter(),
      autocompletion({
        activateOnTyping: true,
        override: [
          (context: CompletionContext): CmCompletionResult | null => {
            const current = schemaRef.current;
            if (!current) return null;
            const text = context.state.doc.toString();
            const result = completeAt(text, context.pos, current);
            if (!result || !result.options.length) return null;
            if (!context.explicit && !context.matchBefore(/["A-Za-z0-9_]+$/)) {
              return null;
            }
            return {
              from: result.from,
              to: result.to,
              options: result.options.map(o => ({
                label: o.label,
                displayLabel: o.displayLabel,
                type: o.type === 'property' ? 'property' : 'constant',
                detail: o.detail,
                info: o.info,
                apply: o.apply,
              })),
              validFor: /^"?[A-Za-z0-9_]*$/,
            };
          },
        ],
      }),
      EditorView.contentAttributes.of({
        'aria-label': props.ariaLabel ?? 'Payload (JSON)',
      }),
    ],
    [props.ariaLabel],
  );

  // push diagnostics into the editor whenever they (or the text) change
  useEffect(() => {
    const view = ref.current?.view;
    if (!view) return;
    const length = view.state.doc.length;
    view.dispatch(
      setDiagnostics(
        view.state,
        diagnostics.map(d => ({
          from: Math.min(d.from, length),
          to: Math.min(Math.max(d.to, d.from), length),
          severity: d.severity,
          message: d.message,
        })),
      ),
    );
  }, [diagnostics, value]);

  return (
    <CodeMirror
      ref={ref}
      value={value}
      height={height}
      theme={theme.palette.type === 'dark' ? 'dark' : 'light'}
      extensions={extensions}
      basicSetup={{ autocompletion: false, foldGutter: true }}
      onChange={onChange}
    />
  );
};
