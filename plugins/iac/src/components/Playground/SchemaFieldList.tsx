import { useMemo, useState } from 'react';
import Chip from '@material-ui/core/Chip';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import CheckIcon from '@material-ui/icons/Check';
import type { SchemaField } from '../../lib/jsonSchema';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    height: '100%',
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    overflow: 'auto',
    flex: 1,
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  item: {
    padding: theme.spacing(0.75, 1),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  path: {
    fontFamily: 'monospace',
    fontSize: 12.5,
    fontWeight: 600,
    wordBreak: 'break-all',
  },
  type: {
    fontFamily: 'monospace',
    fontSize: 11.5,
    color: theme.palette.text.secondary,
    wordBreak: 'break-word',
  },
  chip: { height: 18, fontSize: 10.5, marginLeft: theme.spacing(0.5) },
  set: {
    fontSize: 14,
    verticalAlign: 'text-bottom',
    color: theme.palette.success?.main ?? theme.palette.primary.main,
    marginLeft: theme.spacing(0.5),
  },
}));

export interface SchemaFieldListProps {
  fields: SchemaField[];
  /** Dotted paths present in the document ("a.b", arrays as "a[]"). */
  present: Set<string>;
}

/** Searchable list of the payload's fields: type, default, required, description. */
export const SchemaFieldList = ({ fields, present }: SchemaFieldListProps) => {
  const classes = useStyles();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q
      ? fields.filter(
          f =>
            f.path.toLowerCase().includes(q) ||
            (f.description ?? '').toLowerCase().includes(q),
        )
      : fields;
    return list.slice(0, 400);
  }, [fields, query]);

  return (
    <div className={classes.root}>
      <TextField
        size="small"
        variant="outlined"
        margin="dense"
        placeholder="Search fields"
        value={query}
        onChange={e => setQuery(e.target.value)}
        inputProps={{ 'aria-label': 'Search schema fields' }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      <Typography variant="caption" color="textSecondary" role="status">
        {shown.length} of {fields.length} fields
      </Typography>
      <ul className={classes.list} aria-label="Schema fields">
        {shown.map(f => (
          <li key={f.path} className={classes.item}>
            <span className={classes.path}>{f.path}</span>
            {present.has(f.path) && (
              <CheckIcon
                className={classes.set}
                aria-label="set in the payload"
              />
            )}
            {f.required && (
              <Chip
                className={classes.chip}
                size="small"
                label="required"
                color="secondary"
                variant="outlined"
              />
            )}
            {f.secret && (
              <Chip
                className={classes.chip}
                size="small"
                label="secret"
                variant="outlined"
              />
            )}
            <div className={classes.type}>
              {f.type}
              {f.default !== undefined &&
                ` · default ${JSON.stringify(f.default)}`}
            </div>
            {f.description && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {f.description}
              </Typography>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
};

/** Dotted paths of a JSON document ("a.b", array elements as "a[]"). */
export function presentPaths(doc: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) {
      value.forEach(v => walk(v, `${prefix}[]`));
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.add(path);
        walk(v, path);
      }
    }
  };
  walk(doc, '');
  return out;
}
