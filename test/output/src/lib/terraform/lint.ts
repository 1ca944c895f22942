/*
 * Offline "tflint-like" checks of the generated Terraform (OUTPUT-QUALITY
 * points 2, 3, 5, 8, 27): variables typed and described, outputs described,
 * nothing declared and unused, every reference declared, module calls match
 * the called module's variables and outputs, versions and backends as
 * required, pinned Helm releases, no credentials or account ids in code.
 */
import path from 'node:path';
import {
  blocksOf,
  Body,
  expressionText,
  localsOf,
  requiredProvidersOf,
  resourcesOf,
  stripComments,
  TfModule,
} from './hcl';
import { providerOf } from './schema';

export type LintProblem = { file: string; message: string };

const MODULE_META = new Set([
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
]);

/**
 * Well-known public identifiers that look like secrets to a scanner: the
 * application id of the AKS Entra ID server (audience of every AKS cluster's
 * tokens, documented by Microsoft).
 */
export const ALLOWED_IDENTIFIERS = new Set([
  '6dae42f8-4368-4678-94ff-3960e28e3630',
]);

function moduleText(module: TfModule): string {
  return module.files.map(f => stripComments(f.source)).join('\n');
}

/** Variables, outputs, locals, references and module calls of one module. */
export function lintModule(
  module: TfModule,
  all: Map<string, TfModule>,
): LintProblem[] {
  const out: LintProblem[] = [];
  const text = moduleText(module);
  const variables = blocksOf(module, 'variable');
  const declaredVars = new Set(variables.map(v => v.name));
  for (const v of variables) {
    if (!('type' in v.body))
      out.push({ file: v.file, message: `variable "${v.name}" has no type` });
    const d = v.body.description;
    if (typeof d !== 'string' || d.trim().length < 10) {
      out.push({
        file: v.file,
        message: `variable "${v.name}" has no (meaningful) description`,
      });
    }
    if (!new RegExp(`\\bvar\\.${v.name}\\b`).test(text)) {
      out.push({
        file: v.file,
        message: `variable "${v.name}" is declared but never used`,
      });
    }
  }
  for (const m of text.matchAll(/(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
    if (!declaredVars.has(m[1]))
      out.push({ file: module.dir, message: `var.${m[1]} is not declared` });
  }
  const outputs = blocksOf(module, 'output');
  for (const o of outputs) {
    const d = o.body.description;
    if (typeof d !== 'string' || d.trim().length < 10) {
      out.push({
        file: o.file,
        message: `output "${o.name}" has no (meaningful) description`,
      });
    }
  }
  const locals = localsOf(module);
  for (const [name, file] of locals) {
    if (!new RegExp(`(?<![\\w.])local\\.${name}\\b`).test(text)) {
      out.push({ file, message: `local "${name}" is declared but never used` });
    }
  }
  for (const m of text.matchAll(
    /(?<![\w.])local\.([A-Za-z_][A-Za-z0-9_-]*)/g,
  )) {
    if (!locals.has(m[1]))
      out.push({ file: module.dir, message: `local.${m[1]} is not declared` });
  }
  // data sources read but never referenced are dead code
  for (const d of resourcesOf(module, 'data')) {
    if (!new RegExp(`data\\.${d.type}\\.${d.name}\\b`).test(text)) {
      out.push({
        file: d.file,
        message: `data.${d.type}.${d.name} is never used`,
      });
    }
  }
  // module calls: arguments are the callee's variables, required ones set,
  // module.x.y names an output of the callee
  const calls = blocksOf(module, 'module');
  const callees = new Map<string, TfModule>();
  for (const call of calls) {
    const source = call.body.source;
    if (typeof source !== 'string' || !source.startsWith('./')) {
      out.push({
        file: call.file,
        message: `module "${
          call.name
        }" must use a local source (got ${JSON.stringify(source)})`,
      });
      continue;
    }
    const calleeDir = path.posix.normalize(path.posix.join(module.dir, source));
    const callee = all.get(calleeDir);
    if (!callee) {
      out.push({
        file: call.file,
        message: `module "${call.name}": ${calleeDir} is not part of the output`,
      });
      continue;
    }
    callees.set(call.name, callee);
    const calleeVars = new Map(
      blocksOf(callee, 'variable').map(v => [v.name, v.body]),
    );
    for (const arg of Object.keys(call.body)) {
      if (MODULE_META.has(arg)) continue;
      if (!calleeVars.has(arg)) {
        out.push({
          file: call.file,
          message: `module "${call.name}": ${calleeDir} has no variable "${arg}"`,
        });
      }
    }
    for (const [name, body] of calleeVars) {
      if (!('default' in body) && !(name in call.body)) {
        out.push({
          file: call.file,
          message: `module "${call.name}": required variable "${name}" is not set`,
        });
      }
    }
  }
  for (const m of text.matchAll(
    /(?<![\w.])module\.([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z_][A-Za-z0-9_]*)/g,
  )) {
    const callee = callees.get(m[1]);
    if (!callee) {
      out.push({ file: module.dir, message: `module.${m[1]} is not declared` });
    } else if (!blocksOf(callee, 'output').some(o => o.name === m[2])) {
      out.push({
        file: module.dir,
        message: `module.${m[1]}.${m[2]}: ${callee.dir} has no output "${m[2]}"`,
      });
    }
  }
  return out;
}

/** versions.tf: required_version with floor and major ceiling; providers sourced, bounded, used. */
export function lintVersions(module: TfModule): LintProblem[] {
  const out: LintProblem[] = [];
  const versions = module.files.find(
    f => path.posix.basename(f.path) === 'versions.tf',
  );
  if (!versions)
    return [{ file: module.dir, message: 'versions.tf is missing' }];
  const required = (versions.doc.terraform ?? [])
    .map(t => t.required_version)
    .find(Boolean);
  if (required !== '>= 1.10, < 2.0') {
    out.push({
      file: versions.path,
      message: `required_version must be ">= 1.10, < 2.0" (got ${JSON.stringify(
        required,
      )})`,
    });
  }
  const providers = requiredProvidersOf(module);
  for (const [name, p] of providers) {
    if (p.file !== versions.path)
      out.push({
        file: p.file,
        message: `provider "${name}" must be required in versions.tf`,
      });
    if (p.source !== `hashicorp/${name}`)
      out.push({
        file: p.file,
        message: `provider "${name}" has source ${p.source}`,
      });
    if (!p.version || !/>=\s*\d/.test(p.version) || !/<\s*\d/.test(p.version)) {
      out.push({
        file: p.file,
        message: `provider "${name}" needs a bounded version (">= x, < y"), got ${JSON.stringify(
          p.version,
        )}`,
      });
    }
  }
  const used = new Set<string>();
  for (const kind of ['resource', 'data'] as const) {
    for (const r of resourcesOf(module, kind)) used.add(providerOf(r.type));
  }
  for (const p of blocksOf(module, 'provider')) used.add(p.name);
  for (const name of used) {
    if (!providers.has(name))
      out.push({
        file: module.dir,
        message: `provider "${name}" is used but not in required_providers`,
      });
  }
  for (const name of providers.keys()) {
    if (!used.has(name))
      out.push({
        file: versions.path,
        message: `provider "${name}" is required but never used`,
      });
  }
  return out;
}

/** helm_release: pinned version, repository (or a chart shipped in the module), namespace, atomic + wait, values via yamlencode. */
export function lintHelmReleases(module: TfModule): LintProblem[] {
  const out: LintProblem[] = [];
  for (const r of resourcesOf(module, 'resource').filter(
    x => x.type === 'helm_release',
  )) {
    const b = r.body;
    const id = `helm_release.${r.name}`;
    if (typeof b.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(b.version)) {
      out.push({
        file: r.file,
        message: `${id}: version must be a pinned x.y.z (got ${JSON.stringify(
          b.version,
        )})`,
      });
    }
    const localChart =
      typeof b.chart === 'string' &&
      b.chart.startsWith('${local.addon_config_chart}');
    if (
      !localChart &&
      (typeof b.repository !== 'string' ||
        !/^(https|oci):\/\//.test(b.repository))
    ) {
      out.push({
        file: r.file,
        message: `${id}: repository must be an https:// or oci:// URL`,
      });
    }
    if (typeof b.namespace !== 'string' || b.namespace.length === 0)
      out.push({ file: r.file, message: `${id}: namespace missing` });
    if (b.atomic !== true || b.wait !== true)
      out.push({
        file: r.file,
        message: `${id}: atomic and wait must be true`,
      });
    const values = b.values as unknown[] | undefined;
    if (
      !Array.isArray(values) ||
      !values.every(v => typeof v === 'string' && /^\$\{yamlencode\(/.test(v))
    ) {
      out.push({
        file: r.file,
        message: `${id}: values must be given with yamlencode()`,
      });
    }
    for (const forbidden of ['set', 'set_sensitive', 'set_list']) {
      if (forbidden in b)
        out.push({
          file: r.file,
          message: `${id}: use values = [yamlencode(...)], not ${forbidden}`,
        });
    }
  }
  return out;
}

export type BackendKind = 's3' | 'azurerm' | 'gcs';

/** backend.tf + backend.hcl: the cloud's backend with its safety settings and no credentials. */
export function lintBackend(
  module: TfModule,
  files: Map<string, string>,
  expected: BackendKind,
): LintProblem[] {
  const out: LintProblem[] = [];
  const backendFile = module.files.find(
    f => path.posix.basename(f.path) === 'backend.tf',
  );
  if (!backendFile)
    return [{ file: module.dir, message: 'backend.tf is missing' }];
  const backends = (backendFile.doc.terraform ?? []).flatMap(
    t => (t.backend as Body[] | undefined) ?? [],
  );
  const config = backends
    .map(b => (b as Record<string, Body[]>)[expected]?.[0])
    .find(Boolean) as Body | undefined;
  if (!config)
    return [
      { file: backendFile.path, message: `backend "${expected}" is missing` },
    ];
  const hclPath = `${module.dir}/backend.hcl`;
  const partial = files.get(hclPath) ?? '';
  if (!partial)
    out.push({
      file: hclPath,
      message: 'partial backend file backend.hcl is missing',
    });
  if (
    expected === 's3' &&
    (config.use_lockfile !== true || config.encrypt !== true)
  ) {
    out.push({
      file: backendFile.path,
      message: 's3 backend needs use_lockfile = true and encrypt = true',
    });
  }
  if (expected === 's3' && 'dynamodb_table' in config) {
    out.push({
      file: backendFile.path,
      message: 'DynamoDB locking is deprecated: use use_lockfile',
    });
  }
  if (
    expected === 'azurerm' &&
    (config.use_oidc !== true || config.use_azuread_auth !== true)
  ) {
    out.push({
      file: backendFile.path,
      message:
        'azurerm backend needs use_oidc = true and use_azuread_auth = true',
    });
  }
  if (
    expected === 'gcs' &&
    !/^\s*prefix\s*=/m.test(partial) &&
    !('prefix' in config)
  ) {
    out.push({ file: hclPath, message: 'gcs backend needs a prefix' });
  }
  const credentialKeys =
    /^\s*(access_key|secret_key|token|sas_token|client_secret|client_certificate_password|credentials|access_token|encryption_key)\s*=/m;
  for (const [file, text] of [
    [backendFile.path, backendFile.source],
    [hclPath, partial],
  ]) {
    const m = credentialKeys.exec(stripComments(text));
    if (m)
      out.push({
        file,
        message: `credentials ("${m[1]}") must not be in the backend configuration`,
      });
  }
  return out;
}

const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, 'a GitHub token'],
  [/\bxox[abp]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/"private_key"\s*:/, 'a service account key'],
];

/**
 * No credentials anywhere; in code (.tf, .hcl, .yaml of the module charts)
 * also no account / subscription / tenant ids and no password or secret
 * arguments.
 */
export function lintSecrets(files: Map<string, string>): LintProblem[] {
  const out: LintProblem[] = [];
  for (const [file, source] of files) {
    for (const [re, what] of SECRET_PATTERNS) {
      if (re.test(source)) out.push({ file, message: `contains ${what}` });
    }
    if (!/\.(tf|hcl)$/.test(file) && !/\/charts\/.*\.yaml$/.test(file))
      continue;
    const code = file.endsWith('.yaml') ? source : stripComments(source);
    for (const m of code.matchAll(/(?<![\w-])\d{12}(?![\w-])/g)) {
      out.push({
        file,
        message: `contains a 12-digit number (AWS account id?): ${m[0]}`,
      });
    }
    for (const m of code.matchAll(
      /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g,
    )) {
      if (!ALLOWED_IDENTIFIERS.has(m[0].toLowerCase())) {
        out.push({
          file,
          message: `contains a GUID (subscription / tenant / client id?): ${m[0]}`,
        });
      }
    }
    for (const m of code.matchAll(
      /^\s*(password|client_secret|secret_key|access_key|admin_password)\s*=/gm,
    )) {
      out.push({ file, message: `sets "${m[1]}" in code` });
    }
  }
  return out;
}

/** Variable names and HCL type expressions of the root module, for the tfvars checks. */
export function variableTypes(
  module: TfModule,
): Map<string, { type: string; hasDefault: boolean; sensitive: boolean }> {
  return new Map(
    blocksOf(module, 'variable').map(v => [
      v.name,
      {
        type: expressionText(v.body.type),
        hasDefault: 'default' in v.body,
        sensitive: v.body.sensitive === true,
      },
    ]),
  );
}

/** Whether a JSON value fits a (simple) HCL type expression. */
export function fitsType(value: unknown, type: string): boolean {
  if (value === null) return true;
  if (type === 'string') return typeof value === 'string';
  if (type === 'number')
    return typeof value === 'number' && Number.isFinite(value);
  if (type === 'bool') return typeof value === 'boolean';
  const list = /^(list|set)\((.*)\)$/.exec(type);
  if (list)
    return Array.isArray(value) && value.every(v => fitsType(v, list[2]));
  const map = /^map\((.*)\)$/.exec(type);
  if (map) {
    return (
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value as object).every(v => fitsType(v, map[1]))
    );
  }
  const obj = /^object\(\{(.*)\}\)$/.exec(type);
  if (obj) {
    if (typeof value !== 'object' || Array.isArray(value)) return false;
    const attrs = new Map(
      obj[1]
        .split(/\s+(?=[a-z_]+ = )/)
        .map(s => s.trim())
        .filter(Boolean)
        .map(s => s.split(' = ') as [string, string]),
    );
    const v = value as Record<string, unknown>;
    return (
      [...attrs.keys()].every(k => k in v) &&
      Object.keys(v).every(
        k => attrs.has(k) && fitsType(v[k], attrs.get(k)!.trim()),
      )
    );
  }
  return false;
}
