import { useMemo } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { PreviewFile } from '../../api/types';
import { diffLines, diffStats } from '../../lib/lineDiff';
import type { FileChange } from './fileStatus';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(0, 2, 1) },
  file: {
    padding: theme.spacing(0, 0.5),
    minWidth: 0,
    textTransform: 'none',
    fontFamily: 'monospace',
    verticalAlign: 'baseline',
  },
  add: { color: theme.palette.success?.main ?? '#2e7d32' },
  del: { color: theme.palette.error.main },
}));

/** Files listed by name before "and N more". */
const SHOWN = 8;

export interface ChangeSummaryProps {
  changes: Map<string, FileChange>;
  current: Map<string, PreviewFile>;
  previous: Map<string, PreviewFile>;
  /** Opens a file's diff. */
  onOpen(path: string): void;
}

/**
 * What the last change of the form did to the files, at a glance: added,
 * changed and removed files with their line counts, each opening its diff.
 * A feature switched on shows here as the files it adds or changes.
 */
export function ChangeSummary(props: ChangeSummaryProps) {
  const { changes, current, previous, onOpen } = props;
  const classes = useStyles();
  const changed = useMemo(
    () =>
      [...changes.entries()]
        .filter(([, c]) => c !== 'unchanged')
        .map(([path, change]) => {
          const before = previous.get(path);
          const after = current.get(path);
          const text = (f?: PreviewFile) =>
            f && f.encoding === 'utf-8' ? f.content : '';
          const stats = diffStats(diffLines(text(before), text(after)));
          return { path, change, ...stats };
        }),
    [changes, current, previous],
  );
  if (!changed.length) return null;
  const count = (c: FileChange) => changed.filter(x => x.change === c).length;
  const totals = [
    count('added') && `${count('added')} added`,
    count('modified') && `${count('modified')} changed`,
    count('removed') && `${count('removed')} removed`,
  ].filter(Boolean);
  return (
    <div className={classes.root} data-testid="iac-change-summary">
      <Typography variant="body2" component="div">
        <strong>Since the previous preview:</strong> {totals.join(', ')} ·{' '}
        {changed.slice(0, SHOWN).map(c => (
          <Button
            key={c.path}
            size="small"
            color="primary"
            className={classes.file}
            onClick={() => onOpen(c.path)}
            title={`Show the changes of ${c.path}`}
          >
            {c.change === 'added' ? '+ ' : ''}
            {c.change === 'removed' ? '− ' : ''}
            {c.path} <span className={classes.add}>+{c.added}</span>&nbsp;
            <span className={classes.del}>−{c.removed}</span>
          </Button>
        ))}
        {changed.length > SHOWN && ` and ${changed.length - SHOWN} more`}
      </Typography>
    </div>
  );
}
