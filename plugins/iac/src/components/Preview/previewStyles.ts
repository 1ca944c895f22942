import { makeStyles } from '@material-ui/core/styles';

/** The styles of the preview card and its parts. */
export const usePreviewStyles = makeStyles(theme => ({
  // clip, not hidden: focusing a file deep in the tree must not scroll the card
  root: { overflow: 'clip' },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5, 2),
  },
  title: { marginRight: theme.spacing(1) },
  stats: {
    color: theme.palette.text.secondary,
    fontVariantNumeric: 'tabular-nums',
  },
  spacer: { flex: 1 },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  progress: { height: 2 },
  progressPlaceholder: { height: 2 },
  section: { padding: theme.spacing(0, 2, 1.5) },
  issueList: { margin: 0, paddingLeft: theme.spacing(2.5) },
  code: { fontFamily: 'monospace', fontSize: '0.85em' },
  // fixed height (style prop); the tree and the file scroll inside it
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(200px, 300px) minmax(0, 1fr)',
    gridTemplateRows: 'minmax(0, 1fr)',
    borderTop: `1px solid ${theme.palette.divider}`,
    [theme.breakpoints.down('sm')]: {
      gridTemplateColumns: 'minmax(0, 1fr)',
      gridTemplateRows: 'minmax(0, 2fr) minmax(0, 3fr)',
    },
  },
  tree: {
    borderRight: `1px solid ${theme.palette.divider}`,
    overflow: 'auto',
    minHeight: 0,
    padding: theme.spacing(1, 0.5),
    [theme.breakpoints.down('sm')]: {
      borderRight: 'none',
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  viewer: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
  },
  fileHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 1.5, 0),
  },
  path: {
    fontFamily: 'monospace',
    fontWeight: 600,
    wordBreak: 'break-all',
  },
  tabs: { minHeight: 36, '& .MuiTab-root': { minHeight: 36 } },
  pane: {
    flex: 1,
    minHeight: 0,
    overflow: 'auto',
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  findings: { margin: theme.spacing(1, 1.5) },
  empty: {
    padding: theme.spacing(4, 2),
    textAlign: 'center',
    color: theme.palette.text.secondary,
  },
  linkButton: {
    padding: 0,
    minWidth: 0,
    textTransform: 'none',
    fontFamily: 'monospace',
    verticalAlign: 'baseline',
  },
}));
