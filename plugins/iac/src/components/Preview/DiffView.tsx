import { Fragment, useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { compactDiff, diffLines, diffStats } from '../../lib/lineDiff';

const useStyles = makeStyles(theme => {
  const dark = theme.palette.type === 'dark';
  return {
    root: {
      fontFamily: 'monospace',
      fontSize: 12.5,
      lineHeight: 1.5,
      overflow: 'auto',
    },
    table: { borderCollapse: 'collapse', width: '100%' },
    num: {
      width: '3.5em',
      textAlign: 'right',
      padding: '0 8px',
      opacity: 0.6,
      userSelect: 'none',
      verticalAlign: 'top',
    },
    sign: { width: '1.5em', textAlign: 'center', userSelect: 'none' },
    text: { whiteSpace: 'pre', paddingRight: theme.spacing(2) },
    add: { background: dark ? 'rgba(46, 160, 67, 0.25)' : '#e6ffec' },
    del: { background: dark ? 'rgba(248, 81, 73, 0.25)' : '#ffebe9' },
    gap: {
      background: theme.palette.action.hover,
      color: theme.palette.text.secondary,
      padding: '2px 8px',
      fontStyle: 'italic',
    },
    summary: { padding: theme.spacing(1, 1.5) },
    srOnly: {
      position: 'absolute',
      width: 1,
      height: 1,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  };
});

const SIGN = { add: '+', del: '−', same: ' ' } as const;

export interface DiffViewProps {
  before: string;
  after: string;
}

/** Unified line diff with 3 lines of context. */
export const DiffView = ({ before, after }: DiffViewProps) => {
  const classes = useStyles();
  const { rows, stats } = useMemo(() => {
    const lines = diffLines(before, after);
    return { rows: compactDiff(lines, 3), stats: diffStats(lines) };
  }, [before, after]);

  if (stats.added === 0 && stats.removed === 0) {
    return (
      <Typography
        className={classes.summary}
        variant="body2"
        color="textSecondary"
      >
        No changes in this file since the previous preview.
      </Typography>
    );
  }
  return (
    <div className={classes.root} data-testid="iac-diff">
      <Typography className={classes.summary} variant="caption" component="p">
        <span aria-label={`${stats.added} lines added`}>+{stats.added}</span>{' '}
        <span aria-label={`${stats.removed} lines removed`}>
          −{stats.removed}
        </span>{' '}
        since the previous preview
      </Typography>
      <table className={classes.table}>
        <tbody>
          {rows.map((row, i) => {
            if (row.type === 'gap') {
              return (
                <tr key={`g${i}`}>
                  <td colSpan={4} className={classes.gap}>
                    ⋯ {row.count} unchanged line{row.count === 1 ? '' : 's'}
                  </td>
                </tr>
              );
            }
            const cls = { add: classes.add, del: classes.del, same: undefined }[
              row.type
            ];
            return (
              <Fragment key={i}>
                <tr className={cls} data-diff={row.type}>
                  <td className={classes.num}>
                    {row.type !== 'add' ? row.oldLine : ''}
                  </td>
                  <td className={classes.num}>
                    {row.type !== 'del' ? row.newLine : ''}
                  </td>
                  <td className={classes.sign}>
                    <span aria-hidden>{SIGN[row.type]}</span>
                    {row.type !== 'same' && (
                      <span className={classes.srOnly}>
                        {row.type === 'add' ? 'added' : 'removed'}
                      </span>
                    )}
                  </td>
                  <td className={classes.text}>{row.text}</td>
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
