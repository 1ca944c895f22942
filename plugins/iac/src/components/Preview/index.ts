export { PreviewPanel } from './PreviewPanel';
export type { PreviewPanelProps } from './PreviewPanel';
export { PreviewView } from './PreviewView';
export type { PreviewViewProps } from './PreviewView';
export { useLivePreview } from './useLivePreview';
export type {
  LivePreviewOptions,
  LivePreviewState,
  LivePreviewStatus,
} from './useLivePreview';
