import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type { Finding } from '../../api/types';
import { usePreviewStyles as useStyles } from './previewStyles';

/** Output-check findings, each with a link to its file when `onOpen` is given. */
export function FindingList(props: {
  findings: Finding[];
  onOpen?: (finding: Finding) => void;
}) {
  const classes = useStyles();
  return (
    <ul className={classes.issueList}>
      {props.findings.map((f, i) => (
        <li key={`${f.file}:${f.line ?? 0}:${i}`}>
          <Typography variant="body2" component="span">
            <strong>{f.severity}</strong> · {f.check} ·{' '}
            {props.onOpen ? (
              <Button
                size="small"
                color="primary"
                className={classes.linkButton}
                onClick={() => props.onOpen!(f)}
              >
                {f.file}
                {f.line ? `:${f.line}` : ''}
              </Button>
            ) : (
              <span className={classes.code}>
                {f.line ? `line ${f.line}` : f.file}
              </span>
            )}{' '}
            — {f.message}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
