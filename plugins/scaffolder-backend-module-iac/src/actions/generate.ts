/*
 * The handler the generate actions share: payload from the action input
 * (the form values as they are, through the contract's formToPayload, or
 * payload fields) plus secrets from the task's secrets, through the engine,
 * into the workspace; answers file and catalog-info next to it.
 */
import { InputError } from '@backstage/errors';
import {
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { z as zod } from 'zod/v3';
import {
  formatIssue,
  formatTemplateRef,
  FormOptions,
  formToPayload,
  helmContextWarnings,
  iacGeneratePermission,
  SECRET_FIELDS,
  stripSecrets,
} from '@iacforge/plugin-iac-common';
import {
  ANSWERS_PATH,
  answersFile,
  CATALOG_INFO_PATH,
  catalogInfoFile,
  CatalogOptions,
  GenerateKind,
  GenerateResult,
  IacEngine,
  writeFiles,
} from '@iacforge/plugin-iac-node';
import {
  assertEntityNamesFree,
  CatalogLookup,
  entityRefsOf,
} from '../catalogNames';
import { authorizeBasic } from '../permissions';
import { issuesInputError } from '../inputIssues';

/** Task secret name of each secret payload field: its last segment, e.g. logs_splunk_token. */
export const SECRET_NAMES: Record<string, string> = Object.fromEntries(
  SECRET_FIELDS.map(field => [field, field.split('.').pop()!]),
);

/** Repository secret name for a task secret: LOGS_SPLUNK_TOKEN. */
export const repositorySecretName = (field: string) =>
  SECRET_NAMES[field]?.toUpperCase() ?? field.toUpperCase();

type GenerateInput = {
  targetPath?: string;
  catalog?: CatalogOptions;
  expectedContentHash?: string;
  form?: Record<string, unknown>;
  formOptions?: FormOptions;
  [key: string]: unknown;
};

export type GenerateOutput = {
  templates: { name: string; kind: string; version: string }[];
  files: string[];
  contentHash: string;
  secretNames: string[];
  componentName?: string;
};

const OPTION_KEYS = new Set([
  'targetPath',
  'catalog',
  'expectedContentHash',
  'form',
  'formOptions',
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Template expressions cannot leave a key out: `${{ parameters.x if … }}`
 * renders "" instead. An empty string or null therefore means "not set".
 */
const isSet = (v: unknown) => v !== undefined && v !== null && v !== '';

function dropUnset(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => isSet(v))
      .map(([k, v]) => [k, isPlainObject(v) ? dropUnset(v) : v]),
  );
}

/**
 * The payload of a `form` input: the form values through the contract's
 * formToPayload, exactly as the live preview builds it. Secret fields are
 * never taken from the form (they come from task secrets below).
 */
function payloadOfForm(
  input: GenerateInput,
  kind: GenerateKind,
): Record<string, unknown> {
  const mixed = Object.keys(input).filter(
    key => !OPTION_KEYS.has(key) && isSet(input[key]),
  );
  if (mixed.length) {
    throw new InputError(
      `Pass either "form" (the form values, e.g. \${{ parameters }}) or the payload fields, not both: found ${mixed.join(
        ', ',
      )}. Static payload parts go into formOptions.extra.`,
    );
  }
  if (input.formOptions !== undefined && !isPlainObject(input.formOptions)) {
    throw new InputError(
      'formOptions must be an object (the ui:options of the IacPreview field)',
    );
  }
  // the scaffolder renders ${{ parameters }} as frozen objects without
  // prototype: read plain JSON copies
  const json = <T>(value: T): T =>
    value === undefined ? value : JSON.parse(JSON.stringify(value));
  const built = formToPayload(json(input.form), {
    ...json(input.formOptions),
    kind,
  });
  return stripSecrets(built.payload).payload;
}

/** Builds the engine payload: the input minus action options, plus task secrets. */
export function buildPayload(
  input: GenerateInput,
  secrets: Record<string, string> | undefined,
  kind: GenerateKind = 'platform',
): { payload: Record<string, unknown>; used: string[] } {
  let payload: Record<string, unknown> = {};
  if (input.form !== undefined) {
    if (!isPlainObject(input.form)) {
      throw new InputError(
        'form must be an object: the form values, e.g. ${{ parameters }}',
      );
    }
    payload = payloadOfForm(input, kind);
  } else {
    for (const [key, value] of Object.entries(input)) {
      if (!OPTION_KEYS.has(key) && isSet(value)) {
        payload[key] = isPlainObject(value) ? dropUnset(value) : value;
      }
    }
  }
  const used: string[] = [];
  for (const field of SECRET_FIELDS) {
    const [ctxKey, key] = field.split('.');
    const context = payload[ctxKey] as Record<string, unknown> | undefined;
    if (context && context[key] !== undefined) {
      throw new InputError(
        `${field} must not be passed as action input (it would be stored with the task): ` +
          `collect it with "ui:field: Secret" as the task secret "${SECRET_NAMES[field]}"`,
      );
    }
    const value = secrets?.[SECRET_NAMES[field]];
    if (value) {
      payload[ctxKey] = { ...(context ?? {}), [key]: value };
      used.push(field);
    }
  }
  return { payload, used };
}

export async function runGenerate(
  kind: GenerateKind,
  engine: IacEngine,
  ctx: ActionContext<any, any>,
  catalog?: CatalogLookup,
  permissions?: PermissionsService,
): Promise<void> {
  if (permissions) {
    await authorizeBasic(
      permissions,
      iacGeneratePermission,
      await ctx.getInitiatorCredentials(),
    );
  }
  const input = ctx.input as GenerateInput;
  const { payload, used } = buildPayload(input, ctx.secrets, kind);
  // bad input is an InputError; a fault of a template tree throws as it is
  const outcome = engine.generate(kind, payload);
  if (!outcome.ok) {
    throw issuesInputError(outcome.issues);
  }
  const result: GenerateResult = outcome;
  const expected = input.expectedContentHash;
  if (isSet(expected) && expected !== result.contentHash) {
    // nothing is written or pushed: the user approved other files
    throw new InputError(
      `The preview was stale: it showed files with content hash ${String(
        expected,
      ).slice(0, 12)}, but the answers now generate ${result.contentHash.slice(
        0,
        12,
      )}. Nothing was written. Go back to the preview step, wait for it to refresh, review the files and create again.`,
    );
  }

  const outDir = resolveSafeChildPath(
    ctx.workspacePath,
    input.targetPath ?? '.',
  );
  const extra: { path: string; content: string }[] = [
    {
      path: ANSWERS_PATH,
      content: answersFile(result, ctx.templateInfo, input.catalog),
    },
  ];
  if (input.catalog) {
    const content = catalogInfoFile(result, input.catalog, ctx.templateInfo);
    if (catalog) {
      await assertEntityNamesFree(
        catalog,
        entityRefsOf(content),
        await ctx.getInitiatorCredentials(),
      );
    }
    extra.push({ path: CATALOG_INFO_PATH, content });
  }
  const files = [...result.files, ...extra];
  await writeFiles(outDir, files);

  ctx.logger.info(
    `Generated ${result.files.length} files from ${result.templates
      .map(formatTemplateRef)
      .join(', ')} (content ${result.contentHash.slice(0, 12)})${
      ctx.isDryRun ? ' [dry run]' : ''
    }`,
  );
  // valid input that will not work as expected (the preview shows the same)
  const helm = result.payload.helm_context as
    | { image_repository: string }
    | undefined;
  for (const warning of helm ? helmContextWarnings(helm) : []) {
    ctx.logger.warn(formatIssue(warning));
  }
  if (used.length) {
    ctx.logger.info(
      `Secrets kept out of the repository: ${used
        .map(repositorySecretName)
        .join(', ')}`,
    );
  }
  const componentName = /name: (\S+)/.exec(extra[1]?.content ?? '')?.[1];
  ctx.output('templates', result.templates);
  ctx.output('files', files.map(f => f.path).sort());
  ctx.output('contentHash', result.contentHash);
  ctx.output('secretNames', used.map(repositorySecretName));
  if (componentName) {
    ctx.output('componentName', componentName);
  }
}

/** The zod the scaffolder hands to schema callbacks (v3 API). */
export type Z = typeof zod;

/** Zod (v3, from the scaffolder) input fields shared by the generate actions. */
export const commonInputSchema = {
  form: (z: Z) =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'The form values as they are (`${{ parameters }}`): mapped to the payload by the contract (formToPayload), exactly as the live preview does. Instead of the payload fields, not with them.',
      ),
  formOptions: (z: Z) =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "How the form maps to the payload: the same object as the IacPreview field's ui:options (cloudField, regionField, nodePoolField, featuresField, mapping, extra). The request kind is the action's.",
      ),
  expectedContentHash: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'The content hash the live preview showed (the IacPreview field value). When set, the action fails before writing anything if its own render differs: the user sees exactly what is committed. Empty: not checked.',
      ),
  targetPath: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'Folder of the workspace to write into (default: the workspace root).',
      ),
  catalog: (z: Z) =>
    z
      .object({
        name: z
          .string()
          .optional()
          .describe('Component name (default: the chart name).'),
        title: z.string().optional().describe('Component title.'),
        description: z.string().optional().describe('Component description.'),
        owner: z
          .string()
          .describe('Owner entity ref, e.g. group:default/platform-team.'),
        system: z.string().optional().describe('System entity ref.'),
        lifecycle: z
          .string()
          .optional()
          .describe('Lifecycle (default experimental).'),
        clusterRef: z
          .string()
          .optional()
          .describe(
            'For an existing cluster: the catalog Resource it runs on.',
          ),
        sourceControl: z
          .object({
            annotation: z.string().describe('e.g. github.com/project-slug'),
            value: z.string().describe('e.g. acme/payments'),
          })
          .optional()
          .describe('Source-control annotation of the host.'),
        tags: z.array(z.string()).optional().describe('Extra tags.'),
      })
      .optional()
      .describe(
        'Write catalog-info.yaml (Component + cluster Resource) with these settings.',
      ),
};

/** Zod output fields shared by the generate actions. */
export const generateOutputSchema = {
  templates: (z: Z) =>
    z
      .array(
        z.object({
          name: z.string().describe('Template name.'),
          kind: z.string().describe('Template kind.'),
          version: z.string().describe('Template version.'),
        }),
      )
      .describe('The template trees that were rendered.'),
  files: (z: Z) =>
    z.array(z.string()).describe('Paths written, relative to targetPath.'),
  contentHash: (z: Z) =>
    z
      .string()
      .describe('sha256 of the generated files (same input, same hash).'),
  secretNames: (z: Z) =>
    z
      .array(z.string())
      .describe(
        'Repository secret names the publish step should store (values from task secrets).',
      ),
  componentName: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Name of the Component in catalog-info.yaml.'),
};
