import { CSSProperties, useMemo } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import SyntaxHighlighter from 'react-syntax-highlighter/dist/esm/light-async';
import a11yDark from 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-dark';
import a11yLight from 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-light';
import { hcl, languageOf, rego } from '../../lib/languages';

SyntaxHighlighter.registerLanguage('hcl', hcl);
SyntaxHighlighter.registerLanguage('rego', rego);

/** Our language names → highlight.js names. */
const HLJS_NAMES: Record<string, string> = {
  'go-template': 'handlebars',
  ignorefile: 'bash',
};

/** Files above this size are shown without highlighting (speed). */
const HIGHLIGHT_LIMIT = 150_000;

const useStyles = makeStyles(theme => ({
  root: {
    fontSize: 12.5,
    lineHeight: 1.5,
    overflow: 'auto',
    maxHeight: '100%',
    '& pre': { margin: 0 },
  },
  plain: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    fontFamily: 'monospace',
    whiteSpace: 'pre',
  },
  binary: { padding: theme.spacing(2) },
}));

export interface CodeViewerProps {
  path: string;
  content: string;
  encoding?: 'utf-8' | 'base64';
  size?: number;
  /** 1-based lines to mark (findings). */
  markedLines?: number[];
  /** Overrides the language guessed from the path. */
  language?: string;
}

/** A read-only, highlighted view of one generated file. */
export const CodeViewer = (props: CodeViewerProps) => {
  const { path, content, encoding = 'utf-8', size, markedLines } = props;
  const classes = useStyles();
  const theme = useTheme();
  const dark = theme.palette.type === 'dark';
  const language = props.language ?? languageOf(path);
  const marked = useMemo(() => new Set(markedLines ?? []), [markedLines]);
  const markStyle: CSSProperties = {
    display: 'block',
    background: dark ? 'rgba(255, 82, 82, 0.22)' : 'rgba(211, 47, 47, 0.12)',
  };

  if (encoding === 'base64') {
    return (
      <Typography
        className={classes.binary}
        variant="body2"
        color="textSecondary"
      >
        Binary file ({size ?? '?'} bytes), not shown. It is part of the ZIP.
      </Typography>
    );
  }
  if (content.length > HIGHLIGHT_LIMIT) {
    return (
      <div className={classes.root} data-testid="iac-code">
        <pre className={classes.plain}>{content}</pre>
      </div>
    );
  }
  const style = dark ? a11yDark : a11yLight;
  return (
    <div
      className={classes.root}
      data-testid="iac-code"
      data-language={language}
    >
      <SyntaxHighlighter
        language={HLJS_NAMES[language] ?? language}
        style={style}
        showLineNumbers
        wrapLines
        lineProps={(line: number) =>
          marked.has(line)
            ? { style: markStyle, 'data-marked': 'true' }
            : { style: { display: 'block' } }
        }
        lineNumberStyle={{ minWidth: '3em', opacity: 0.6, userSelect: 'none' }}
        customStyle={{
          margin: 0,
          padding: theme.spacing(1, 0),
          overflow: 'visible',
        }}
      >
        {content}
      </SyntaxHighlighter>
    </div>
  );
};
