import { useMemo, useState } from 'react';
import ButtonBase from '@material-ui/core/ButtonBase';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import FolderIcon from '@material-ui/icons/FolderOutlined';
import FileIcon from '@material-ui/icons/InsertDriveFileOutlined';
import { buildFileTree, TreeFolder } from '../../lib/fileTree';
import type { Finding } from '../../api/types';
import type { FileChange } from './fileStatus';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.borderRadius,
    fontFamily: 'monospace',
    fontSize: 12.5,
    color: theme.palette.text.primary,
    gap: theme.spacing(0.5),
    '&:hover': { background: theme.palette.action.hover },
    '&.Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  selected: {
    background: theme.palette.action.selected,
    fontWeight: 600,
    '&:hover': { background: theme.palette.action.selected },
  },
  removed: { textDecoration: 'line-through', opacity: 0.7 },
  name: {
    flex: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  icon: { fontSize: 16, opacity: 0.75, flexShrink: 0 },
  badge: {
    fontSize: 10.5,
    fontWeight: 700,
    borderRadius: 4,
    padding: '0 4px',
    lineHeight: '16px',
    flexShrink: 0,
  },
  added: {
    color: theme.palette.type === 'dark' ? '#8be28b' : '#1b5e20',
    border: '1px solid currentColor',
  },
  modified: {
    color: theme.palette.type === 'dark' ? '#ffd180' : '#8a5300',
    border: '1px solid currentColor',
  },
  removedBadge: {
    color: theme.palette.type === 'dark' ? '#ff8a80' : '#b71c1c',
    border: '1px solid currentColor',
  },
  errors: {
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warnings: {
    background: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
}));

const CHANGE_LABEL: Record<
  Exclude<FileChange, 'unchanged'>,
  [string, string]
> = {
  added: ['A', 'added since the previous preview'],
  modified: ['M', 'changed since the previous preview'],
  removed: ['D', 'removed since the previous preview'],
};

export interface FileTreeProps {
  paths: string[];
  selected?: string;
  onSelect(path: string): void;
  changes: Map<string, FileChange>;
  findings: Map<string, Finding[]>;
}

/** The generated files as a collapsible tree of buttons (keyboard friendly). */
export const FileTree = (props: FileTreeProps) => {
  const { paths, selected, onSelect, changes, findings } = props;
  const classes = useStyles();
  const tree = useMemo(() => buildFileTree(paths), [paths]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const toggle = (path: string) =>
    setCollapsed(c => {
      const next = new Set(c);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const renderFolder = (folder: TreeFolder, depth: number) => (
    <ul className={classes.list} role={depth === 0 ? undefined : 'group'}>
      {folder.children.map(node => {
        const indent = { paddingLeft: 8 + depth * 14 };
        if (node.type === 'folder') {
          const open = !collapsed.has(node.path);
          return (
            <li key={`d:${node.path}`}>
              <ButtonBase
                className={classes.item}
                style={indent}
                aria-expanded={open}
                onClick={() => toggle(node.path)}
              >
                {open ? (
                  <ExpandMoreIcon className={classes.icon} />
                ) : (
                  <ChevronRightIcon className={classes.icon} />
                )}
                <FolderIcon className={classes.icon} />
                <span className={classes.name}>{node.name}</span>
              </ButtonBase>
              {open && renderFolder(node, depth + 1)}
            </li>
          );
        }
        const change = changes.get(node.path) ?? 'unchanged';
        const fileFindings = findings.get(node.path) ?? [];
        const errors = fileFindings.filter(f => f.severity === 'error').length;
        const warnings = fileFindings.length - errors;
        const isSelected = node.path === selected;
        return (
          <li key={`f:${node.path}`}>
            <ButtonBase
              className={`${classes.item} ${
                isSelected ? classes.selected : ''
              }`}
              style={{ ...indent, paddingLeft: indent.paddingLeft + 18 }}
              aria-current={isSelected ? 'true' : undefined}
              onClick={() => onSelect(node.path)}
              data-testid={`iac-file-${node.path}`}
            >
              <FileIcon className={classes.icon} />
              <span
                className={`${classes.name} ${
                  change === 'removed' ? classes.removed : ''
                }`}
              >
                {node.name}
              </span>
              {change !== 'unchanged' && (
                <Tooltip title={CHANGE_LABEL[change][1]}>
                  <span
                    className={`${classes.badge} ${
                      {
                        added: classes.added,
                        modified: classes.modified,
                        removed: classes.removedBadge,
                      }[change]
                    }`}
                    aria-label={CHANGE_LABEL[change][1]}
                  >
                    {CHANGE_LABEL[change][0]}
                  </span>
                </Tooltip>
              )}
              {errors > 0 && (
                <span
                  className={`${classes.badge} ${classes.errors}`}
                  aria-label={`${errors} error finding${
                    errors === 1 ? '' : 's'
                  }`}
                >
                  {errors}
                </span>
              )}
              {warnings > 0 && (
                <span
                  className={`${classes.badge} ${classes.warnings}`}
                  aria-label={`${warnings} warning${warnings === 1 ? '' : 's'}`}
                >
                  {warnings}
                </span>
              )}
            </ButtonBase>
          </li>
        );
      })}
    </ul>
  );

  return (
    <nav aria-label="Generated files">
      {paths.length ? renderFolder(tree, 0) : null}
    </nav>
  );
};
