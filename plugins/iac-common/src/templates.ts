/*
 * Template trees: default template per cloud (as in the generator spec), the
 * manifest a template tree carries at its root, and selection checks against
 * the engine's (dynamic) template registry.
 */
import { z } from 'zod';
import { CLOUDS, Cloud } from './catalog';
import { safeString, semver } from './fields';
import { ValidationIssue } from './issues';
import { strictObject } from './strict';

/** Template kinds. */
export const TEMPLATE_KINDS = [
  'terraform',
  'helm',
  'governance',
  'gitops',
] as const;
/** A template kind. */
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** Default templates per cloud (seed: aws → aws-eks + basic, azure → azure-aks + aks-basic, gcp → gcp-gke + gke-basic). */
export const DEFAULT_TEMPLATES: Readonly<
  Record<Cloud, { readonly terraform: string; readonly helm: string }>
> = {
  aws: { terraform: 'aws-eks', helm: 'basic' },
  azure: { terraform: 'azure-aks', helm: 'aks-basic' },
  gcp: { terraform: 'gcp-gke', helm: 'gke-basic' },
};

/** Helm template used when neither helm_template nor cloud is given. */
export const GENERIC_HELM_TEMPLATE = 'basic';

/** Schema of a template name (terraform_template, helm_template, manifest name). */
export const templateNameSchema = safeString({
  min: 1,
  max: 63,
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
  allowed:
    'a template name: lowercase letters, digits and "-" (e.g. "aws-eks")',
});

const WHEN_PATTERN =
  /^!?[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*((!?=)[A-Za-z0-9._/-]+)?$/;

/** Schema of a template tree manifest (`template.yaml|json` at the tree root). */
export const templateManifestSchema = strictObject({
  name: templateNameSchema.describe(
    'Template name, unique per kind (e.g. "aws-eks").',
  ),
  kind: z
    .enum(TEMPLATE_KINDS)
    .describe(
      'What the tree generates: terraform, helm, governance or gitops.',
    ),
  version: semver().describe('Version of the template tree (SemVer 2).'),
  description: safeString({
    min: 1,
    max: 500,
    allowed: 'a single-line description',
  }).describe('One-line description shown in the template list.'),
  changelog: z
    .array(
      strictObject({
        version: semver().describe('The version the changes shipped in.'),
        changes: z
          .array(
            safeString({
              min: 1,
              max: 300,
              allowed: 'a single-line change note',
            }).describe('One change, one line.'),
          )
          .min(1)
          .max(20)
          .describe('What changed in this version.'),
      }).describe('The changes of one version.'),
    )
    .max(200)
    .optional()
    .describe(
      'Short changelog, one entry per version (newest first); an upgrade summary quotes the entries between the recorded and the new version.',
    ),
  clouds: z
    .array(z.enum(CLOUDS).describe('A cloud.'))
    .min(1)
    .max(3)
    .superRefine((clouds, ctx) => {
      if (new Set(clouds).size !== clouds.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'Each cloud may appear only once',
        });
      }
    })
    .describe('Clouds the template supports.'),
  inputs_schema: z
    .enum([
      'terraform_context',
      'helm_context',
      'governance_context',
      'addons_context',
      'gitops_context',
      'reconciliation_context',
      'platform',
    ])
    .optional()
    .describe(
      'Name of the JSON Schema (getJsonSchema) describing the inputs the tree reads.',
    ),
  extends: templateNameSchema
    .optional()
    .describe(
      'Name of a tree of the same kind this tree builds on: its files are inherited, and a file of this tree with the same output path replaces the inherited one (e.g. aks-basic extends basic).',
    ),
  include: z
    .enum(['selected', 'auto'])
    .optional()
    .describe(
      'How the engine picks the tree: "selected" (default) when it is named by the payload or is the cloud default (terraform_template / helm_template); "auto" when the payload asks for it through the "when" conditions (governance, GitOps, add-ons).',
    ),
  when: z
    .array(
      safeString({
        min: 1,
        max: 256,
        pattern: WHEN_PATTERN,
        allowed:
          'a dotted payload path, optionally negated with "!" or compared with "=value" / "!=value"',
      }).describe('A condition on the payload (see evaluateWhen).'),
    )
    .max(20)
    .optional()
    .describe(
      'For include "auto": every condition must hold for the tree to be rendered.',
    ),
  target: safeString({
    min: 1,
    max: 256,
    allowed:
      'an output folder, relative, optionally with {= … | ident =} prints',
  })
    .optional()
    .describe(
      'Output folder of the tree inside the generated repository, e.g. "terraform" or "charts/{= helm_context.chart_name | ident =}". Default: the repository root.',
    ),
  files: z
    .array(
      strictObject({
        path: safeString({
          min: 1,
          max: 512,
          pattern: /^(?!\/)[A-Za-z0-9._*?{},[\]\/-]+$/,
          allowed:
            'a relative glob inside the tree: letters, digits and . _ - / * ? { } , [ ] (no leading "/")',
        }).describe(
          'Glob of tree files (relative to the tree root) this rule applies to, e.g. "templates/istio-*.yaml".',
        ),
        when: safeString({
          min: 1,
          max: 256,
          pattern: WHEN_PATTERN,
          allowed:
            'a dotted payload path, optionally negated with "!" or compared with "=value" / "!=value" (e.g. "helm_context.istio_enabled", "!existing_cluster", "helm_context.logs_provider=splunk")',
        }).describe(
          'Condition on the payload: emit the files only when it holds (see evaluateWhen).',
        ),
      }).describe('A conditional file rule.'),
    )
    .max(200)
    .optional()
    .describe(
      'Conditional files: files matching a rule are emitted only when its "when" holds; other files always are.',
    ),
}).describe('Manifest at the root of a template tree.');

/** A template tree manifest. */
export type TemplateManifest = z.output<typeof templateManifestSchema>;
/** A conditional file rule of a manifest. */
export type TemplateFileRule = NonNullable<TemplateManifest['files']>[number];

/** What validateTemplateSelection needs to know about a registered template. */
export interface TemplateRef {
  name: string;
  kind: TemplateKind;
  clouds: readonly Cloud[];
}

/** The part of a payload that selects templates. */
export interface TemplateSelection {
  cloud?: Cloud;
  existing_cluster?: boolean;
  terraform_template?: string;
  helm_template?: string;
}

/** Template names the engine will render for a payload (overrides, then cloud defaults). */
export function resolveTemplateNames(selection: TemplateSelection): {
  terraform?: string;
  helm: string;
} {
  const defaults = selection.cloud
    ? DEFAULT_TEMPLATES[selection.cloud]
    : undefined;
  const helm =
    selection.helm_template ?? defaults?.helm ?? GENERIC_HELM_TEMPLATE;
  if (selection.existing_cluster || !selection.cloud) {
    return { helm };
  }
  return {
    terraform: selection.terraform_template ?? defaults!.terraform,
    helm,
  };
}

function quote(name: string): string {
  return JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name);
}

/**
 * Checks the selected templates against the engine's registry: each must
 * exist, have the right kind, and support the payload's cloud. Returns issues
 * at "terraform_template" / "helm_template" (empty when all is well).
 */
export function validateTemplateSelection(
  selection: TemplateSelection,
  templates: readonly TemplateRef[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const resolved = resolveTemplateNames(selection);
  const check = (kind: 'terraform' | 'helm', name: string | undefined) => {
    if (name === undefined) return;
    const field = `${kind}_template`;
    const explicit =
      selection[field as 'terraform_template' | 'helm_template'] !== undefined;
    const ofKind = templates.filter(t => t.kind === kind);
    const usable = ofKind
      .filter(t => !selection.cloud || t.clouds.includes(selection.cloud))
      .map(t => t.name)
      .sort();
    const choices = usable.length
      ? `Available ${kind} templates${
          selection.cloud ? ` for ${selection.cloud}` : ''
        }: ${usable.join(', ')}`
      : `No ${kind} template supports ${selection.cloud ?? 'this payload'}`;
    const found = ofKind.find(t => t.name === name);
    if (!found) {
      const other = templates.find(t => t.name === name);
      let message: string;
      if (other) {
        message = `${quote(name)} is a ${
          other.kind
        } template, not a ${kind} template. ${choices}`;
      } else if (explicit) {
        message = `Unknown ${kind} template ${quote(name)}. ${choices}`;
      } else {
        message = `The default ${kind} template ${quote(name)} for ${
          selection.cloud ?? 'this payload'
        } is not installed; set ${field}. ${choices}`;
      }
      issues.push({ path: field, message });
      return;
    }
    if (selection.cloud && !found.clouds.includes(selection.cloud)) {
      issues.push({
        path: field,
        message: `${kind} template ${quote(name)} supports ${found.clouds.join(
          ', ',
        )}, not ${selection.cloud}. ${choices}`,
      });
    }
  };
  if (
    selection.existing_cluster &&
    selection.terraform_template !== undefined
  ) {
    issues.push({
      path: 'terraform_template',
      message:
        'Not used when existing_cluster is true (Terraform is skipped): remove terraform_template',
    });
  }
  check('terraform', resolved.terraform);
  check('helm', resolved.helm);
  return issues;
}

/**
 * Evaluates a manifest `when` condition against a (parsed) payload:
 * "a.b" is true when the value is truthy (non-empty arrays/objects count as
 * truthy, empty ones do not), "!a.b" negates, "a.b=x" / "a.b!=x" compare the
 * value's string form.
 */
export function evaluateWhen(when: string, payload: unknown): boolean {
  const m = /^(!?)([^!=]+)(?:(!?=)(.*))?$/.exec(when);
  if (!m) return false;
  const [, negate, path, op, expected] = m;
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (
      value === null ||
      typeof value !== 'object' ||
      !Object.prototype.hasOwnProperty.call(value, key)
    ) {
      value = undefined;
      break;
    }
    value = (value as Record<string, unknown>)[key];
  }
  let result: boolean;
  if (op) {
    const equal =
      value !== undefined && value !== null && String(value) === expected;
    result = op === '=' ? equal : !equal;
  } else if (Array.isArray(value)) {
    result = value.length > 0;
  } else if (value && typeof value === 'object') {
    result = Object.keys(value).length > 0;
  } else {
    result = Boolean(value);
  }
  return negate ? !result : result;
}
