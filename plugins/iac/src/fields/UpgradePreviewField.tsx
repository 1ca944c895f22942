/*
 * `ui:field: IacUpgradePreview`: the live preview of an upgrade before
 * anything is pushed. Reads the picked component (ui:options.componentField,
 * default "component") and the changed answers from the whole form, finds
 * the component's repository (backstage.io/managed-by-location) and shows
 * what POST /api/iac/upgrade/preview answers: template versions, predicted
 * conflicts per file and hunk, and the per-file diff against main.
 */
import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { formatIssue } from '@iacforge/plugin-iac-common';
import { iacApiRef } from '../api/IacApi';
import type { UpgradePreview, ValidationIssue } from '../api/types';

export type UpgradePreviewUiOptions = {
  /** Form field with the component's entity ref (default "component"). */
  componentField?: string;
  /** Form fields that change helm_context answers (default image_tag, replica_count). */
  helmFields?: string[];
};

const MANAGED_BY = 'backstage.io/managed-by-location';
const DEBOUNCE_MS = 500;

type State =
  | { state: 'idle'; message: string }
  | { state: 'loading' }
  | { state: 'error'; message: string; issues?: ValidationIssue[] }
  | { state: 'ready'; preview: UpgradePreview };

/** The changed answers of the form: empty fields keep the recorded values. */
export function upgradeAnswers(
  form: Record<string, unknown>,
  helmFields: string[],
): Record<string, unknown> | undefined {
  const helm = Object.fromEntries(
    helmFields
      .filter(f => form[f] !== undefined && form[f] !== '' && form[f] !== null)
      .map(f => [f, form[f]]),
  );
  return Object.keys(helm).length ? { helm_context: helm } : undefined;
}

export const UpgradePreviewField = (
  props: FieldExtensionComponentProps<string, UpgradePreviewUiOptions>,
) => {
  const iac = useApi(iacApiRef);
  const catalog = useApi(catalogApiRef);
  const options = (props.uiSchema?.['ui:options'] ??
    {}) as UpgradePreviewUiOptions;
  const form = ((props.formContext as { formData?: Record<string, unknown> })
    ?.formData ?? {}) as Record<string, unknown>;
  const component = form[options.componentField ?? 'component'];
  const answers = upgradeAnswers(
    form,
    options.helmFields ?? ['image_tag', 'replica_count'],
  );
  const key = JSON.stringify([component, answers ?? null]);
  const [state, setState] = useState<State>({
    state: 'idle',
    message: 'Pick a component to preview its upgrade.',
  });

  useEffect(() => {
    if (typeof component !== 'string' || !component) {
      setState({
        state: 'idle',
        message: 'Pick a component to preview its upgrade.',
      });
      return undefined;
    }
    const controller = new AbortController();
    setState({ state: 'loading' });
    const timer = setTimeout(async () => {
      try {
        const entity = await catalog.getEntityByRef(component);
        const location = entity?.metadata.annotations?.[MANAGED_BY];
        if (!location) {
          setState({
            state: 'error',
            message: `${component} has no ${MANAGED_BY}: its repository is unknown.`,
          });
          return;
        }
        const result = await iac.previewUpgrade(
          { location, answers },
          { signal: controller.signal },
        );
        if (controller.signal.aborted) return;
        setState(
          result.ok
            ? { state: 'ready', preview: result.preview }
            : {
                state: 'error',
                message: 'The changed answers are invalid:',
                issues: result.issues,
              },
        );
      } catch (error) {
        if (!controller.signal.aborted) {
          setState({ state: 'error', message: (error as Error).message });
        }
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // key holds component and answers
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, iac, catalog]);

  if (state.state === 'idle') {
    return (
      <Typography variant="body2" color="textSecondary">
        {state.message}
      </Typography>
    );
  }
  if (state.state === 'loading') {
    return (
      <Typography variant="body2" color="textSecondary" component="div">
        <CircularProgress size={12} /> Computing the upgrade…
      </Typography>
    );
  }
  if (state.state === 'error') {
    return (
      <div role="alert">
        <Typography variant="body2" color="error">
          {state.message}
        </Typography>
        {state.issues?.map(i => (
          <Typography key={i.path} variant="body2" color="error">
            {formatIssue(i)}
          </Typography>
        ))}
      </div>
    );
  }
  const { preview } = state;
  return (
    <div aria-label="Upgrade preview">
      <Typography variant="subtitle2" component="h3">
        {preview.status === 'up-to-date'
          ? 'Nothing to upgrade: main already has this render.'
          : `Upgrade branch ${preview.branch} from main`}
      </Typography>
      <ul aria-label="Template versions">
        {preview.templates.map(t => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <Typography variant="subtitle2" component="h3">
        {preview.conflicts.length
          ? `Predicted conflicts (${preview.conflicts.length})`
          : 'No conflicts predicted'}
      </Typography>
      <ul aria-label="Predicted conflicts">
        {preview.conflicts.map(c => (
          <li key={c.path}>
            <code>{c.path}</code> ({c.types.join(', ')})
            {c.hunks.length > 0 &&
              `: lines ${c.hunks
                .map(h => `${h.startLine}-${h.endLine}`)
                .join(', ')}`}
          </li>
        ))}
      </ul>
      <Typography variant="subtitle2" component="h3">
        Changes to main ({preview.diff.length} file(s))
      </Typography>
      {preview.diff.map(f => (
        <details key={f.path} aria-label={`Diff of ${f.path}`}>
          <summary>
            <code>{f.path}</code> ({f.status})
          </summary>
          <pre style={{ overflowX: 'auto', fontSize: '0.75rem' }}>
            {f.patch}
          </pre>
        </details>
      ))}
    </div>
  );
};
