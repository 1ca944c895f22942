export { CodeViewer } from './CodeViewer';
export type { CodeViewerProps } from './CodeViewer';
