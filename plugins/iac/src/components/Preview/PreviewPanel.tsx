import type { GenerateKind, ValidationIssue } from '../../api/types';
import { PreviewView } from './PreviewView';
import { useLivePreview } from './useLivePreview';

export interface PreviewPanelProps {
  kind: GenerateKind;
  payload: unknown;
  payloadKey?: string;
  debounceMs?: number;
  checks?: boolean;
  enabled?: boolean;
  title?: string;
  issueField?: (issue: ValidationIssue) => string | undefined;
  emptyMessage?: string;
  height?: number;
}

/** Live preview of a payload: useLivePreview + PreviewView. */
export const PreviewPanel = (props: PreviewPanelProps) => {
  const state = useLivePreview({
    kind: props.kind,
    payload: props.payload,
    payloadKey: props.payloadKey,
    debounceMs: props.debounceMs,
    checks: props.checks,
    enabled: props.enabled,
  });
  return (
    <PreviewView
      kind={props.kind}
      state={state}
      payload={props.payload}
      title={props.title}
      issueField={props.issueField}
      emptyMessage={props.emptyMessage}
      height={props.height}
    />
  );
};
