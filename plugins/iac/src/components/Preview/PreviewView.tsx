import { useEffect, useMemo, useState } from 'react';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Switch from '@material-ui/core/Switch';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import DownloadIcon from '@material-ui/icons/GetApp';
import RefreshIcon from '@material-ui/icons/Refresh';
import { issueLabel } from '@iacforge/plugin-iac-common';
import { iacApiRef } from '../../api/IacApi';
import type {
  Finding,
  GenerateKind,
  PreviewFile,
  ValidationIssue,
} from '../../api/types';
import { saveBlob } from '../../lib/download';
import { formatBytes, formatDuration } from '../../lib/fileTree';
import { languageLabel, languageOf } from '../../lib/languages';
import { CodeViewer } from '../CodeViewer';
import { ChangeSummary } from './ChangeSummary';
import { DiffView } from './DiffView';
import { defaultFile, fileChanges, findingsByFile } from './fileStatus';
import { FileTree } from './FileTree';
import type { LivePreviewState } from './useLivePreview';
import { FindingList } from './FindingList';
import { usePreviewStyles as useStyles } from './previewStyles';

const STATUS_TEXT: Record<LivePreviewState['status'], string> = {
  idle: 'Waiting for input',
  waiting: 'Changes pending…',
  loading: 'Rendering…',
  ready: 'Up to date',
  invalid: 'Invalid input',
  error: 'Preview failed',
};

export interface PreviewViewProps {
  kind: GenerateKind;
  state: LivePreviewState & { refresh(): void };
  /** The payload of the current input (what Download ZIP sends). */
  payload: unknown;
  title?: string;
  /** The form field an issue belongs to (shown instead of the payload path). */
  issueField?: (issue: ValidationIssue) => string | undefined;
  /** Shown before the first preview. */
  emptyMessage?: string;
  /** Height of the file tree and viewer, in px (default 520). */
  height?: number;
}

function issueKey(issue: ValidationIssue, index: number) {
  return `${index}:${issue.path}:${issue.message}`;
}

/**
 * What the generator would commit for the current input: file tree,
 * highlighted viewer, per-file diff against the previous preview, findings,
 * field-path issues, statistics and the ZIP download.
 */
export const PreviewView = (props: PreviewViewProps) => {
  const {
    kind,
    state,
    payload,
    title = 'Live preview',
    issueField,
    emptyMessage = 'Fill in the form to see the files that will be generated.',
    height = 520,
  } = props;
  const classes = useStyles();
  const api = useApiHolder().get(iacApiRef);
  const { preview, previous, status } = state;
  const [selected, setSelected] = useState<string | undefined>();
  const [tab, setTab] = useState<'file' | 'changes'>('file');
  const [changesOnly, setChangesOnly] = useState(false);
  const [showAllFindings, setShowAllFindings] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | undefined>();

  const files = useMemo(() => preview?.files ?? [], [preview]);
  const findings = useMemo(() => findingsByFile(preview?.findings), [preview]);
  const changes = useMemo(
    () => fileChanges(files, previous?.files),
    [files, previous],
  );
  const changedCount = useMemo(
    () => [...changes.values()].filter(c => c !== 'unchanged').length,
    [changes],
  );
  const previousByPath = useMemo(
    () => new Map((previous?.files ?? []).map(f => [f.path, f])),
    [previous],
  );
  const currentByPath = useMemo(
    () => new Map(files.map(f => [f.path, f])),
    [files],
  );
  const treePaths = useMemo(() => {
    const all = [...changes.keys()];
    return changesOnly ? all.filter(p => changes.get(p) !== 'unchanged') : all;
  }, [changes, changesOnly]);

  // keep the selection valid; open a sensible first file
  useEffect(() => {
    if (!files.length) return;
    if (!selected || !changes.has(selected)) {
      setSelected(defaultFile(files, findings));
    }
  }, [files, findings, changes, selected]);

  const file: PreviewFile | undefined = selected
    ? currentByPath.get(selected)
    : undefined;
  const before = selected ? previousByPath.get(selected) : undefined;
  const change = selected ? changes.get(selected) : undefined;
  const fileFindings = selected ? findings.get(selected) ?? [] : [];
  const effectiveTab = change === 'removed' ? 'changes' : tab;
  const allFindings = preview?.findings ?? [];
  const errorCount = allFindings.filter(f => f.severity === 'error').length;
  const warningCount = allFindings.length - errorCount;
  const canDownload = status === 'ready' && !state.stale && Boolean(preview);

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      if (!api) throw new Error('the IaC Forge API is not installed');
      const archive = await api.download(kind, payload);
      saveBlob(archive.blob, archive.filename);
    } catch (error) {
      setDownloadError((error as Error).message);
    } finally {
      setDownloading(false);
    }
  };

  const openFinding = (finding: Finding) => {
    if (changes.has(finding.file)) {
      setSelected(finding.file);
      setTab('file');
    }
  };

  let statusColor: 'primary' | 'secondary' | 'default' = 'default';
  if (status === 'ready') statusColor = 'primary';
  if (status === 'invalid') statusColor = 'secondary';
  const emptyText =
    {
      invalid: 'Fix the values above to see the generated files.',
      error: 'No preview yet.',
    }[status as 'invalid' | 'error'] ?? emptyMessage;

  return (
    <Paper
      variant="outlined"
      className={classes.root}
      data-testid="iac-preview"
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3" className={classes.title}>
          {title}
        </Typography>
        <Chip
          size="small"
          color={statusColor}
          variant={status === 'ready' ? 'default' : 'outlined'}
          label={
            status === 'invalid' && state.issues.length
              ? `${state.issues.length} issue${
                  state.issues.length === 1 ? '' : 's'
                }`
              : STATUS_TEXT[status]
          }
        />
        <span role="status" aria-live="polite" className={classes.srOnly}>
          Preview: {STATUS_TEXT[status]}
        </span>
        {preview && (
          <Typography
            variant="body2"
            className={classes.stats}
            data-testid="iac-preview-stats"
          >
            {preview.file_count} file{preview.file_count === 1 ? '' : 's'} ·{' '}
            {formatBytes(preview.total_size)}
            {state.elapsedMs !== undefined &&
              ` · ${formatDuration(state.elapsedMs)}`}
            {state.checksMs !== undefined &&
              !state.checking &&
              preview.findings &&
              ` · checks ${formatDuration(state.checksMs)}`}
            {previous && ` · ${changedCount} changed`}
          </Typography>
        )}
        {state.checking && status === 'ready' && (
          <Chip
            size="small"
            variant="outlined"
            icon={<CircularProgress size={12} />}
            label="Running output checks…"
          />
        )}
        <span className={classes.spacer} />
        {preview?.templates.map(t => (
          <Chip
            key={`${t.kind}:${t.name}`}
            size="small"
            variant="outlined"
            label={`${t.name}@${t.version}`}
            title={`${t.kind} template ${t.name} ${t.version}`}
          />
        ))}
        <Tooltip title="Render again now">
          <span>
            <IconButton
              size="small"
              aria-label="Refresh preview"
              onClick={state.refresh}
              disabled={status === 'idle'}
            >
              <RefreshIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Button
          variant="contained"
          color="primary"
          size="small"
          startIcon={
            downloading ? (
              <CircularProgress size={14} color="inherit" />
            ) : (
              <DownloadIcon />
            )
          }
          onClick={download}
          disabled={!canDownload || downloading}
        >
          Download ZIP
        </Button>
      </div>
      {status === 'loading' || status === 'waiting' ? (
        <LinearProgress
          className={classes.progress}
          variant={status === 'waiting' ? 'query' : 'indeterminate'}
          aria-label="Preview updating"
        />
      ) : (
        <div className={classes.progressPlaceholder} />
      )}

      {state.checksError && status === 'ready' && (
        <Box className={classes.section} pt={1}>
          <Alert severity="warning">
            The output checks could not run ({state.checksError.message}); the
            files are shown without findings.
          </Alert>
        </Box>
      )}
      {downloadError && (
        <Box className={classes.section} pt={1}>
          <Alert severity="error" onClose={() => setDownloadError(undefined)}>
            Download failed: {downloadError}
          </Alert>
        </Box>
      )}
      {state.issues.length > 0 && (
        <Box className={classes.section} pt={1}>
          <Alert severity="error" data-testid="iac-issues">
            <AlertTitle>
              {state.issues.length === 1
                ? 'The generator refuses one value'
                : `The generator refuses ${state.issues.length} values`}
            </AlertTitle>
            <ul className={classes.issueList}>
              {state.issues.map((issue, i) => {
                const field = issueField?.(issue);
                return (
                  <li key={issueKey(issue, i)}>
                    <Typography variant="body2" component="span">
                      <strong>{issueLabel(issue, field)}</strong>
                      {field && issue.path && (
                        <span className={classes.code}> ({issue.path})</span>
                      )}
                      : {issue.message}
                    </Typography>
                  </li>
                );
              })}
            </ul>
          </Alert>
        </Box>
      )}
      {status === 'error' && state.error && (
        <Box className={classes.section} pt={1}>
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={state.refresh}>
                Retry
              </Button>
            }
          >
            The preview could not be rendered: {state.error.message}
          </Alert>
        </Box>
      )}
      {state.stale &&
        preview &&
        (status === 'invalid' || status === 'error') && (
          <Box className={classes.section}>
            <Alert severity="warning">
              Showing the last valid preview: it does not match the current
              input.
            </Alert>
          </Box>
        )}
      {allFindings.length > 0 && (
        <Box className={classes.section}>
          <Alert
            severity={errorCount ? 'error' : 'warning'}
            data-testid="iac-findings"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => setShowAllFindings(s => !s)}
                aria-expanded={showAllFindings}
              >
                {showAllFindings ? 'Hide' : 'Show all'}
              </Button>
            }
          >
            Output checks: {errorCount} error{errorCount === 1 ? '' : 's'},{' '}
            {warningCount} warning{warningCount === 1 ? '' : 's'} in{' '}
            {findings.size} file{findings.size === 1 ? '' : 's'}
            {showAllFindings && (
              <FindingList findings={allFindings} onOpen={openFinding} />
            )}
          </Alert>
        </Box>
      )}

      {previous && status === 'ready' && !state.stale && (
        <ChangeSummary
          changes={changes}
          current={currentByPath}
          previous={previousByPath}
          onOpen={path => {
            setSelected(path);
            setTab('changes');
          }}
        />
      )}
      {!preview ? (
        <div className={classes.empty}>
          {status === 'loading' || status === 'waiting' ? (
            <>
              <CircularProgress size={24} />
              <Typography variant="body2">Rendering the preview…</Typography>
            </>
          ) : (
            <Typography variant="body2">{emptyText}</Typography>
          )}
        </div>
      ) : (
        <div className={classes.body} style={{ height }}>
          <div className={classes.tree}>
            {previous && (
              <FormControlLabel
                style={{ marginLeft: 4 }}
                control={
                  <Switch
                    size="small"
                    checked={changesOnly}
                    onChange={e => setChangesOnly(e.target.checked)}
                  />
                }
                label={
                  <Typography variant="caption">Changed files only</Typography>
                }
              />
            )}
            <FileTree
              paths={treePaths}
              selected={selected}
              onSelect={path => setSelected(path)}
              changes={changes}
              findings={findings}
            />
            {changesOnly && treePaths.length === 0 && (
              <Typography
                variant="caption"
                color="textSecondary"
                style={{ padding: 8 }}
              >
                Nothing changed since the previous preview.
              </Typography>
            )}
          </div>
          <div className={classes.viewer}>
            {selected && (file || before) ? (
              <>
                <div className={classes.fileHeader}>
                  <Typography
                    variant="body2"
                    className={classes.path}
                    component="h4"
                  >
                    {selected}
                  </Typography>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={languageLabel(languageOf(selected))}
                  />
                  {file && (
                    <Typography variant="caption" color="textSecondary">
                      {formatBytes(file.size)} · mode {file.mode} · from{' '}
                      {file.template}
                    </Typography>
                  )}
                </div>
                <Tabs
                  className={classes.tabs}
                  value={effectiveTab}
                  onChange={(_e, v) => setTab(v)}
                  indicatorColor="primary"
                  textColor="primary"
                  aria-label="File view"
                >
                  <Tab value="file" label="File" disabled={!file} />
                  <Tab
                    value="changes"
                    label={
                      change && change !== 'unchanged'
                        ? `Changes (${change})`
                        : 'Changes'
                    }
                    disabled={!previous}
                  />
                </Tabs>
                {fileFindings.length > 0 && (
                  <Alert
                    severity={
                      fileFindings.some(f => f.severity === 'error')
                        ? 'error'
                        : 'warning'
                    }
                    className={classes.findings}
                    data-testid="iac-file-findings"
                  >
                    <FindingList findings={fileFindings} />
                  </Alert>
                )}
                <div className={classes.pane}>
                  {effectiveTab === 'changes' ? (
                    <DiffView
                      before={before?.content ?? ''}
                      after={file?.content ?? ''}
                    />
                  ) : (
                    file && (
                      <CodeViewer
                        path={file.path}
                        content={file.content}
                        encoding={file.encoding}
                        size={file.size}
                        markedLines={fileFindings
                          .map(f => f.line)
                          .filter((l): l is number => typeof l === 'number')}
                      />
                    )
                  )}
                </div>
              </>
            ) : (
              <Typography className={classes.empty} variant="body2">
                Select a file.
              </Typography>
            )}
          </div>
        </div>
      )}
    </Paper>
  );
};
