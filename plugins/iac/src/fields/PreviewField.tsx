import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ApiHolder } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import { iacApiRef } from '../api/IacApi';
import type { ValidationIssue } from '../api/types';
import { PreviewView, useLivePreview } from '../components/Preview';
import {
  fieldForIssue,
  formatIssue,
  FormOptions,
  formToPayload,
  mapIssues,
} from '@iacforge/plugin-iac-common';
import { stableStringify } from '../lib/stable';
import { formStateOf } from './common';

export interface PreviewUiOptions extends FormOptions {
  /** Debounce after the last change, ms (default 400). */
  debounceMs?: number;
  /** Run the output checks (default true). */
  checks?: boolean;
  /**
   * Which API issues block "Next"/"Review": "all" (default), "entered"
   * (only issues of fields that have a value, for previews on early
   * steps) or "none".
   */
  blockOn?: 'all' | 'entered' | 'none';
  /** Panel title (default "Live preview"). */
  title?: string;
  /** Height of the file tree and viewer in px (default 520). */
  height?: number;
}

/**
 * IacPreview: a read-only field that renders what the generator would
 * commit for everything entered so far (`formContext.formData`, all
 * steps). Its value is the preview's content hash ("" while invalid).
 */
export const PreviewField = (
  props: FieldExtensionComponentProps<string, PreviewUiOptions>,
) => {
  const { formContext, uiSchema, onChange, formData, schema, idSchema } = props;
  const options = useMemo(
    () => (uiSchema?.['ui:options'] ?? {}) as PreviewUiOptions,
    [uiSchema],
  );
  const form = formStateOf(formContext);
  const built = formToPayload(form, options);
  const payloadKey = stableStringify(built.payload);
  // one object per distinct payload
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const payload = useMemo(() => built.payload, [payloadKey]);
  const sources = built.sources;
  const kind = options.kind ?? 'platform';
  const state = useLivePreview({
    kind,
    payload,
    payloadKey,
    debounceMs: options.debounceMs ?? 400,
    checks: options.checks ?? true,
    // per template page and field: the diff survives leaving the step
    cacheKey: `${
      typeof window !== 'undefined' ? window.location.pathname : ''
    }#${idSchema?.$id ?? 'preview'}`,
  });

  // the value is the content hash: the scaffolder can compare what was previewed
  const hash =
    state.status === 'ready' && state.preview ? state.preview.content_hash : '';
  const sent = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (formData !== hash && sent.current !== hash) {
      sent.current = hash;
      onChange(hash);
    }
  }, [hash, formData, onChange]);

  const issueField = useCallback(
    (issue: ValidationIssue) => fieldForIssue(issue.path, sources),
    [sources],
  );

  return (
    <Box my={2}>
      <PreviewView
        kind={kind}
        state={state}
        payload={payload}
        title={options.title ?? schema?.title ?? 'Live preview'}
        issueField={issueField}
        height={options.height}
      />
    </Box>
  );
};

/** One line per issue, naming the form field when the mapping knows it. */
export function describeIssue(
  issue: ValidationIssue & { field?: string },
): string {
  return formatIssue(issue, issue.field);
}

/**
 * Validation of IacPreview ("Next"/"Review"): the API's issues for the
 * whole form, so the form shows the API's errors before the review step.
 * Network failures do not block (the scaffolder action validates again).
 */
export async function validatePreview(
  _value: string | undefined,
  validation: { addError(message: string): void },
  context: {
    apiHolder: ApiHolder;
    formData?: Record<string, unknown>;
    uiSchema?: { 'ui:options'?: PreviewUiOptions };
  },
): Promise<void> {
  const options = context.uiSchema?.['ui:options'] ?? {};
  const blockOn = options.blockOn ?? 'all';
  if (blockOn === 'none') return;
  const api = context.apiHolder.get(iacApiRef);
  if (!api) return;
  const built = formToPayload(context.formData ?? {}, options);
  let issues: ValidationIssue[];
  try {
    // preview (no checks) = contract validation + template selection +
    // values the templates' escaping filters refuse
    const result = await api.preview(options.kind ?? 'platform', built.payload);
    issues = result.ok ? [] : result.issues;
  } catch {
    return;
  }
  for (const issue of mapIssues(issues, built.sources)) {
    if (blockOn === 'entered' && !issue.field) continue;
    validation.addError(describeIssue(issue));
  }
}
