/*
 * tflint-layout: the rules the repository's `.tflint.hcl` enables hold on its
 * Terraform, so `tflint` in the validate job passes. Checked per module
 * (every folder with .tf files) on the parsed HCL: the standard module
 * structure, documented and typed variables, documented outputs, snake_case
 * names, unused variables / locals / data sources and declared providers.
 */
import path from 'node:path';
import type { Finding } from '../types';
import { isPlainObject } from '../util';
import type { SemanticRule } from './types';

export const TFLINT_CONFIG = '.tflint.hcl';

/** The `recommended` preset of the bundled terraform ruleset that we check. */
const RECOMMENDED = [
  'terraform_typed_variables',
  'terraform_unused_declarations',
  'terraform_required_providers',
];
const ALL = [
  ...RECOMMENDED,
  'terraform_documented_variables',
  'terraform_documented_outputs',
  'terraform_naming_convention',
  'terraform_standard_module_structure',
];

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

type Block = Record<string, unknown>;

function first(value: unknown): Block | undefined {
  const list = Array.isArray(value) ? value : [value];
  return isPlainObject(list[0]) ? list[0] : undefined;
}

/** The checkable rules the config enables (preset, then rule blocks). */
export function enabledRules(config: unknown): Set<string> {
  const enabled = new Set<string>();
  if (!isPlainObject(config)) return enabled;
  const plugin = isPlainObject(config.plugin)
    ? first(config.plugin.terraform)
    : undefined;
  if (plugin && plugin.enabled !== false) {
    if (plugin.preset === 'all') ALL.forEach(r => enabled.add(r));
    if (plugin.preset === 'recommended')
      RECOMMENDED.forEach(r => enabled.add(r));
  }
  if (isPlainObject(config.rule)) {
    for (const [name, value] of Object.entries(config.rule)) {
      if (!ALL.includes(name)) continue;
      // the last block of a name wins, as in tflint
      const blocks = Array.isArray(value) ? value : [value];
      const last = blocks[blocks.length - 1];
      if (isPlainObject(last) && last.enabled === false) enabled.delete(name);
      else enabled.add(name);
    }
  }
  return enabled;
}

type Declared = { kind: string; name: string; file: string; body: Block };

/** Where terraform_standard_module_structure wants a block. */
const HOME_FILE: Record<string, string | undefined> = {
  variable: 'variables.tf',
  output: 'outputs.tf',
};

/** How other code refers to a declaration (undefined: not checked for use). */
function referencePattern(d: Declared): RegExp | undefined {
  const name = d.name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  if (d.kind === 'variable') return new RegExp(`\\bvar\\.${name}\\b`);
  if (d.kind === 'local') return new RegExp(`\\blocal\\.${name}\\b`);
  if (d.kind.startsWith('data:')) {
    return new RegExp(`\\bdata\\.${d.kind.slice(5)}\\.${name}\\b`);
  }
  return undefined;
}

/** Named blocks (`variable "x"`, `resource "t" "x"` …) of one parsed file. */
function declarations(file: string, doc: Block): Declared[] {
  const out: Declared[] = [];
  for (const kind of ['variable', 'output', 'module']) {
    if (!isPlainObject(doc[kind])) continue;
    for (const [name, body] of Object.entries(doc[kind] as Block)) {
      out.push({ kind, name, file, body: first(body) ?? {} });
    }
  }
  for (const kind of ['resource', 'data']) {
    if (!isPlainObject(doc[kind])) continue;
    for (const [type, named] of Object.entries(doc[kind] as Block)) {
      if (!isPlainObject(named)) continue;
      for (const [name, body] of Object.entries(named)) {
        out.push({
          kind: `${kind}:${type}`,
          name,
          file,
          body: first(body) ?? {},
        });
      }
    }
  }
  for (const locals of Array.isArray(doc.locals) ? doc.locals : []) {
    if (!isPlainObject(locals)) continue;
    for (const name of Object.keys(locals)) {
      out.push({ kind: 'local', name, file, body: {} });
    }
  }
  return out;
}

/** Provider local names a module declares in required_providers. */
function requiredProviders(docs: Block[]): Set<string> {
  const names = new Set<string>();
  for (const doc of docs) {
    for (const terraform of Array.isArray(doc.terraform) ? doc.terraform : []) {
      if (!isPlainObject(terraform)) continue;
      for (const block of Array.isArray(terraform.required_providers)
        ? terraform.required_providers
        : [terraform.required_providers]) {
        if (isPlainObject(block)) Object.keys(block).forEach(n => names.add(n));
      }
    }
  }
  return names;
}

function checkModule(
  dir: string,
  docs: Map<string, Block>,
  sources: Map<string, string>,
  rules: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, file: string, message: string) =>
    findings.push({
      check: 'tflint-layout',
      severity: 'error',
      file,
      message: `${rule}: ${message}`,
    });
  const inDir = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
  const declared = [...docs].flatMap(([file, doc]) => declarations(file, doc));
  const text = [...sources.values()].join('\n');

  if (rules.has('terraform_standard_module_structure')) {
    for (const name of ['main.tf', 'variables.tf', 'outputs.tf']) {
      if (!sources.has(inDir(name))) {
        add(
          'terraform_standard_module_structure',
          inDir(name),
          `module ${dir} has no ${name}`,
        );
      }
    }
    for (const d of declared) {
      const home = HOME_FILE[d.kind];
      if (home && path.posix.basename(d.file) !== home) {
        add(
          'terraform_standard_module_structure',
          d.file,
          `${d.kind} "${d.name}" must be in ${inDir(home)}`,
        );
      }
    }
  }
  for (const d of declared) {
    const description = d.body.description;
    const documented =
      typeof description === 'string' && description.trim() !== '';
    if (
      d.kind === 'variable' &&
      rules.has('terraform_documented_variables') &&
      !documented
    ) {
      add(
        'terraform_documented_variables',
        d.file,
        `variable "${d.name}" has no description`,
      );
    }
    if (
      d.kind === 'output' &&
      rules.has('terraform_documented_outputs') &&
      !documented
    ) {
      add(
        'terraform_documented_outputs',
        d.file,
        `output "${d.name}" has no description`,
      );
    }
    if (
      d.kind === 'variable' &&
      rules.has('terraform_typed_variables') &&
      d.body.type === undefined
    ) {
      add(
        'terraform_typed_variables',
        d.file,
        `variable "${d.name}" has no type`,
      );
    }
    if (rules.has('terraform_naming_convention') && !SNAKE_CASE.test(d.name)) {
      add(
        'terraform_naming_convention',
        d.file,
        `${d.kind.replace(/:.*/, '')} name "${d.name}" is not snake_case`,
      );
    }
    if (rules.has('terraform_unused_declarations')) {
      const reference = referencePattern(d);
      if (reference && !reference.test(text)) {
        add(
          'terraform_unused_declarations',
          d.file,
          `${d.kind.replace(/^data:/, 'data ')} "${
            d.name
          }" is declared but not used`,
        );
      }
    }
  }
  if (rules.has('terraform_required_providers')) {
    const required = requiredProviders([...docs.values()]);
    const used = new Map<string, string>();
    for (const d of declared) {
      const type = d.kind.replace(/^(resource|data):/, '');
      if (type === d.kind || type.startsWith('terraform_')) continue;
      const provider =
        typeof d.body.provider === 'string'
          ? d.body.provider.replace(/^\$\{|\}$/g, '').split('.')[0]
          : type.split('_')[0];
      if (!used.has(provider)) used.set(provider, d.file);
    }
    for (const [provider, file] of used) {
      if (!required.has(provider)) {
        add(
          'terraform_required_providers',
          file,
          `provider "${provider}" is used in module ${dir} but not in its required_providers`,
        );
      }
    }
  }
  return findings;
}

export const tflintLayoutRule: SemanticRule = {
  check: 'tflint-layout',
  description:
    'The rules .tflint.hcl enables hold on every Terraform module of the tree.',
  run({ files, hcl }) {
    if (!hcl || !files.has(TFLINT_CONFIG)) return [];
    const config = hcl.get(TFLINT_CONFIG);
    if (config === undefined) return []; // hcl-parse reports it
    const rules = enabledRules(config);
    const modules = new Map<
      string,
      { docs: Map<string, Block>; sources: Map<string, string> }
    >();
    for (const [file, source] of [...files].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      if (!file.endsWith('.tf')) continue;
      const dir = path.posix.dirname(file);
      const module = modules.get(dir) ?? {
        docs: new Map(),
        sources: new Map(),
      };
      modules.set(dir, module);
      module.sources.set(file, source);
      const doc = hcl.get(file);
      if (isPlainObject(doc)) module.docs.set(file, doc);
    }
    return [...modules].flatMap(([dir, m]) =>
      checkModule(dir, m.docs, m.sources, rules),
    );
  },
};
