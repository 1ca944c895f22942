import { useEffect, useMemo, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { iacApiRef } from '../../api/IacApi';
import { GENERATE_KINDS, GenerateKind, JsonSchema } from '../../api/types';
import { EXAMPLES, exampleText } from '../../lib/examples';
import { issueDiagnostics, parseJson } from '../../lib/jsonEditing';
import { flattenFields } from '../../lib/jsonSchema';
import { stableStringify } from '../../lib/stable';
import { PreviewView, useLivePreview } from '../Preview';
import { JsonEditor } from './JsonEditor';
import { presentPaths, SchemaFieldList } from './SchemaFieldList';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(3),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    [theme.breakpoints.down('xs')]: { padding: theme.spacing(1) },
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)',
    gap: theme.spacing(2),
    [theme.breakpoints.down('sm')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  editor: { overflow: 'hidden' },
  editorHeader: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 1.5),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  fields: {
    padding: theme.spacing(1, 1.5),
    display: 'flex',
    flexDirection: 'column',
    height: 474,
  },
  spacer: { flex: 1 },
  example: { minWidth: 240 },
}));

const KIND_HELP: Record<GenerateKind, string> = {
  platform:
    'Everything: cluster (Terraform), workload chart (Helm), governance workflows, add-ons and GitOps.',
  cluster:
    'A cluster without a workload: Terraform, add-ons and governance workflows.',
  terraform: 'Terraform only: root module, state backend, variables.',
  helm: 'The workload chart only: Chart.yaml, values.yaml, templates.',
};

const SCHEMA_OF: Record<GenerateKind, string> = {
  platform: 'platform',
  cluster: 'cluster',
  terraform: 'terraform',
  helm: 'helm',
};

/**
 * The IaC Playground: the portal's face of the REST API. Pick a request
 * kind, edit the payload as JSON (schema completion, inline field-path
 * errors, field list), watch the preview and download the ZIP.
 */
export const PlaygroundPage = () => {
  const classes = useStyles();
  const api = useApi(iacApiRef);
  const [kind, setKind] = useState<GenerateKind>('platform');
  const [texts, setTexts] = useState<Record<GenerateKind, string>>(() => ({
    platform: exampleText('platform'),
    cluster: exampleText('cluster'),
    terraform: exampleText('terraform'),
    helm: exampleText('helm'),
  }));
  const [examples, setExamples] = useState<Record<GenerateKind, string>>({
    platform: EXAMPLES.platform[0].id,
    cluster: EXAMPLES.cluster[0].id,
    terraform: EXAMPLES.terraform[0].id,
    helm: EXAMPLES.helm[0].id,
  });
  const [schemas, setSchemas] = useState<
    Partial<Record<GenerateKind, JsonSchema>>
  >({});
  const [schemaError, setSchemaError] = useState<string | undefined>();

  const text = texts[kind];
  const setText = (value: string) => setTexts(t => ({ ...t, [kind]: value }));

  useEffect(() => {
    if (schemas[kind]) return undefined;
    const controller = new AbortController();
    setSchemaError(undefined);
    api
      .getSchema(SCHEMA_OF[kind], { signal: controller.signal })
      .then(schema => setSchemas(s => ({ ...s, [kind]: schema })))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setSchemaError(error.message);
      });
    return () => controller.abort();
  }, [api, kind, schemas]);

  const parsed = useMemo(() => parseJson(text), [text]);
  const payload = parsed.ok ? parsed.value : undefined;
  const payloadKey = parsed.ok ? stableStringify(parsed.value) : '';
  const state = useLivePreview({
    kind,
    payload,
    payloadKey: `${kind}:${payloadKey}`,
    enabled: parsed.ok,
  });

  const diagnostics = useMemo(
    () => (parsed.ok ? issueDiagnostics(text, state.issues) : parsed.errors),
    [parsed, text, state.issues],
  );
  const schema = schemas[kind];
  const fields = useMemo(
    () => (schema ? flattenFields(schema, payload) : []),
    // the branch (e.g. cloud) only changes with the document
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [schema, payloadKey],
  );
  const present = useMemo(() => presentPaths(payload), [payload]);

  const format = () => {
    if (parsed.ok) setText(`${JSON.stringify(parsed.value, null, 2)}\n`);
  };
  const loadExample = (id: string) => {
    setExamples(e => ({ ...e, [kind]: id }));
    setText(exampleText(kind, id));
  };

  return (
    <div className={classes.root}>
      <Typography variant="body1" color="textSecondary">
        The IaC Forge REST API in the portal: edit a request, see exactly what
        the generator would commit, download it as a ZIP.
      </Typography>
      <Paper variant="outlined">
        <Tabs
          value={kind}
          onChange={(_e, v) => setKind(v)}
          indicatorColor="primary"
          textColor="primary"
          aria-label="Request kind"
        >
          {GENERATE_KINDS.map(k => (
            <Tab key={k} value={k} label={k} id={`iac-kind-${k}`} />
          ))}
        </Tabs>
      </Paper>
      <div className={classes.toolbar}>
        <Typography variant="body2" color="textSecondary">
          <code>POST /api/iac/generate/{kind}/preview</code> — {KIND_HELP[kind]}
        </Typography>
        <span className={classes.spacer} />
        <TextField
          select
          size="small"
          variant="outlined"
          id="iac-example"
          label="Start from an example"
          className={classes.example}
          value={examples[kind]}
          onChange={e => loadExample(e.target.value)}
        >
          {EXAMPLES[kind].map(e => (
            <MenuItem key={e.id} value={e.id}>
              {e.label}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="outlined" onClick={format} disabled={!parsed.ok}>
          Format JSON
        </Button>
      </div>

      <div className={classes.grid}>
        <Paper variant="outlined" className={classes.editor}>
          <div className={classes.editorHeader}>
            <Typography variant="subtitle2" component="h2">
              Payload
            </Typography>
            <Typography variant="caption" color="textSecondary">
              Ctrl+Space completes field names and values
            </Typography>
          </div>
          <JsonEditor
            value={text}
            onChange={setText}
            schema={schema}
            diagnostics={diagnostics}
            ariaLabel={`${kind} payload (JSON)`}
          />
          {!parsed.ok && (
            <Box p={1}>
              <Alert severity="error" data-testid="iac-json-error">
                {parsed.errors[0].message} (at character {parsed.errors[0].from}
                ). The preview resumes when the JSON parses.
              </Alert>
            </Box>
          )}
        </Paper>
        <Paper variant="outlined" className={classes.fields}>
          <Typography variant="subtitle2" component="h2">
            Fields of <code>{SCHEMA_OF[kind]}</code>
          </Typography>
          {schemaError && (
            <Alert severity="warning">
              The schema could not be loaded ({schemaError}); completion is off.
            </Alert>
          )}
          {!schemaError && !schema && (
            <Box p={2} textAlign="center">
              <CircularProgress size={20} aria-label="Loading schema" />
            </Box>
          )}
          {schema && <SchemaFieldList fields={fields} present={present} />}
        </Paper>
      </div>

      <PreviewView
        kind={kind}
        state={state}
        payload={payload}
        title="Preview"
        emptyMessage="Edit the payload to see the generated files."
      />
    </div>
  );
};
