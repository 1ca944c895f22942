/*
 * The Terraform validation matrix: every case of buildMatrix() (each cloud ×
 * each toggle on/off × boundary values) is rendered through the real engine
 * and its terraform/ tree must pass every offline check:
 *  - every .tf parses (HCL parser) and is `terraform fmt`-clean, every JSON
 *    parses (checkFiles of @iacforge/output-checks, in memory);
 *  - provider-schema conformance against the vendored schemas;
 *  - variables typed + described and used, outputs described, references
 *    declared, module calls consistent, versions and backend as required,
 *    Helm releases pinned, no credentials or account ids;
 *  - the tfvars JSON round-trips and holds exactly the payload's values
 *    (every terraform_context field lands in exactly one place);
 *  - same payload → same bytes.
 */
import { checkFiles, formatFindings, warmUp } from '@iacforge/output-checks';
import type { Cloud } from '@iacforge/plugin-iac-common';
import { render } from './lib/terraform/engine';
import { loadModules, parseHcl, TfModule } from './lib/terraform/hcl';
import {
  fitsType,
  lintBackend,
  lintHelmReleases,
  lintModule,
  lintSecrets,
  lintVersions,
  variableTypes,
} from './lib/terraform/lint';
import { buildMatrix, MatrixCase } from './lib/terraform/matrix';
import {
  expectedAddonsTfvars,
  expectedBackend,
  expectedRootTfvars,
} from './lib/terraform/routing';
import { checkModuleSchema } from './lib/terraform/schema';

const BACKEND = { aws: 's3', azure: 'azurerm', gcp: 'gcs' } as const;
const ROOT = 'terraform';
const ADDONS = 'terraform/modules/cluster-addons';

const ROOT_FILES = [
  '.gitignore',
  'README.md',
  'backend.hcl',
  'backend.tf',
  'main.tf',
  'outputs.tf',
  'providers.tf',
  'terraform.auto.tfvars.json',
  'variables.tf',
  'versions.tf',
];
const ADDON_FILES = [
  'README.md',
  'main.tf',
  'outputs.tf',
  'variables.tf',
  'versions.tf',
  'charts/addon-config/Chart.yaml',
];
const GITIGNORE_PATTERNS = [
  '.terraform/',
  '*.tfstate',
  '*.tfstate.*',
  'crash.log',
  'override.tf',
  '*_override.tf',
];

const cases = buildMatrix();

/** Checks of one rendered case; returns every problem as a line. */
async function checkCase(c: MatrixCase): Promise<string[]> {
  const problems: string[] = [];
  const { result, files } = render(c.kind, c.payload);

  // determinism: a second render gives the same bytes
  const again = render(c.kind, c.payload).result;
  if (again.contentHash !== result.contentHash)
    problems.push('two renders of the same payload differ');

  const payload = result.payload as Record<string, any>;
  const tc = payload.terraform_context as Record<string, unknown>;
  const addons = c.kind !== 'terraform' && payload.addons_context.enabled;
  const cloud: Cloud = c.cloud;

  // the expected file set
  for (const f of ROOT_FILES)
    if (!files.has(`${ROOT}/${f}`)) problems.push(`missing ${ROOT}/${f}`);
  const addonFiles = [...files.keys()].filter(f => f.startsWith(`${ADDONS}/`));
  if (addons) {
    for (const f of ['addons.tf', 'addons.auto.tfvars.json']) {
      if (!files.has(`${ROOT}/${f}`)) problems.push(`missing ${ROOT}/${f}`);
    }
    for (const f of [
      ...ADDON_FILES,
      `main_${cloud}.tf`,
      `variables_${cloud}.tf`,
      `outputs_${cloud}.tf`,
    ]) {
      if (!files.has(`${ADDONS}/${f}`)) problems.push(`missing ${ADDONS}/${f}`);
    }
    for (const other of ['aws', 'azure', 'gcp'].filter(x => x !== cloud)) {
      if (addonFiles.some(f => f.includes(`_${other}.tf`)))
        problems.push(`add-ons module contains ${other} files`);
    }
  } else {
    if (
      files.has(`${ROOT}/addons.tf`) ||
      files.has(`${ROOT}/addons.auto.tfvars.json`) ||
      addonFiles.length
    ) {
      problems.push(
        'add-on files rendered although addons_context is disabled',
      );
    }
  }

  // parse + fmt + JSON (the shared in-memory checks)
  const report = await checkFiles(files);
  if (!report.ok || report.findings.length)
    problems.push(formatFindings(report.findings));

  // module-level checks
  const modules = await loadModules(files);
  const root = modules.get(ROOT) as TfModule;
  for (const module of modules.values()) {
    for (const p of [
      ...lintModule(module, modules),
      ...lintVersions(module),
      ...lintHelmReleases(module),
      ...checkModuleSchema(module).map(s => ({
        file: s.file,
        message: `${s.where}: ${s.message}`,
      })),
    ]) {
      problems.push(`${p.file}: ${p.message}`);
    }
  }
  for (const p of [
    ...lintBackend(root, files, BACKEND[cloud]),
    ...lintSecrets(files),
  ]) {
    problems.push(`${p.file}: ${p.message}`);
  }

  // tfvars: round trip, exact payload values, declared variables of the right type
  const types = variableTypes(root);
  const checkTfvars = (file: string, expected: Record<string, unknown>) => {
    const text = files.get(`${ROOT}/${file}`);
    if (text === undefined) return;
    const parsed = JSON.parse(text);
    if (`${JSON.stringify(parsed, null, 2)}\n` !== text)
      problems.push(`${file} does not round-trip`);
    try {
      expect(parsed).toStrictEqual(expected);
    } catch {
      problems.push(
        `${file} differs from the payload: ${JSON.stringify(
          parsed,
        )} != ${JSON.stringify(expected)}`,
      );
    }
    for (const [key, value] of Object.entries(parsed)) {
      const t = types.get(key);
      if (!t)
        problems.push(`${file}: "${key}" is not a variable of the root module`);
      else if (!fitsType(value, t.type))
        problems.push(`${file}: "${key}" does not fit type ${t.type}`);
    }
  };
  checkTfvars('terraform.auto.tfvars.json', expectedRootTfvars(cloud, tc));
  if (addons)
    checkTfvars(
      'addons.auto.tfvars.json',
      expectedAddonsTfvars(cloud, tc, payload.addons_context),
    );
  const provided = new Set([
    ...Object.keys(
      JSON.parse(files.get(`${ROOT}/terraform.auto.tfvars.json`) ?? '{}'),
    ),
    ...Object.keys(
      JSON.parse(files.get(`${ROOT}/addons.auto.tfvars.json`) ?? '{}'),
    ),
  ]);
  for (const [name, t] of types) {
    if (!t.hasDefault && !provided.has(name))
      problems.push(`required variable "${name}" has no value in the tfvars`);
  }

  // backend.hcl holds exactly the state settings
  const backendHcl = files.get(`${ROOT}/backend.hcl`) ?? '';
  const backend = await parseHcl('backend.hcl', backendHcl);
  try {
    expect(backend).toStrictEqual(expectedBackend(cloud, tc));
  } catch {
    problems.push(`backend.hcl differs: ${JSON.stringify(backend)}`);
  }

  // .gitignore
  const gitignore = (files.get(`${ROOT}/.gitignore`) ?? '').split('\n');
  for (const p of GITIGNORE_PATTERNS)
    if (!gitignore.includes(p)) problems.push(`.gitignore lacks ${p}`);

  return problems;
}

describe('Terraform matrix', () => {
  beforeAll(async () => {
    await warmUp();
  }, 60_000);

  it('has at least 100 cases over every cloud and every request kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map(c => c.name)).size).toBe(cases.length);
    for (const cloud of ['aws', 'azure', 'gcp']) {
      expect(
        cases.filter(c => c.cloud === cloud && c.kind === 'terraform').length,
      ).toBeGreaterThan(0);
      expect(
        cases.filter(c => c.cloud === cloud && c.kind === 'platform').length,
      ).toBeGreaterThan(10);
      expect(
        cases.filter(c => c.cloud === cloud && c.kind === 'cluster').length,
      ).toBeGreaterThan(0);
    }
  });

  it.each(cases.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    expect(await checkCase(c)).toEqual([]);
  });
});
