/*
 * The vendored provider schemas and the offline checkers themselves: the
 * schema files hold exactly the types the trees use (with provider and
 * package versions), and every checker finds the mistakes it exists for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TERRAFORM_TREES } from './lib/terraform/engine';
import { loadModules, parseHcl, TfModule } from './lib/terraform/hcl';
import {
  fitsType,
  lintBackend,
  lintHelmReleases,
  lintModule,
  lintSecrets,
  lintVersions,
} from './lib/terraform/lint';
import {
  checkModuleSchema,
  providerOf,
  providerSchemas,
  SCHEMA_DIR,
} from './lib/terraform/schema';

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name))
        : [path.join(dir, e.name)],
    );
}

/** A one-folder module from sources. */
async function moduleOf(
  sources: Record<string, string>,
  dir = 'terraform',
): Promise<TfModule> {
  const files = new Map(
    Object.entries(sources).map(([name, text]) => [`${dir}/${name}`, text]),
  );
  return (await loadModules(files)).get(dir)!;
}

const messages = (problems: { message: string }[]) =>
  problems.map(p => p.message);

describe('vendored provider schemas', () => {
  it('name the provider, its version and the package they came from, and stay small', () => {
    const schemas = providerSchemas();
    expect([...schemas.keys()].sort()).toEqual([
      'aws',
      'azurerm',
      'google',
      'helm',
    ]);
    let total = 0;
    for (const s of schemas.values()) {
      expect(s.source).toBe(`hashicorp/${s.provider}`);
      expect(s.provider_version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(s.extracted_from).toMatch(
        /^@cdktf\/provider-[a-z]+@\d+\.\d+\.\d+$/,
      );
      total += fs.statSync(path.join(SCHEMA_DIR, `${s.provider}.json`)).size;
    }
    expect(total).toBeLessThan(1024 * 1024);
  });

  it('hold exactly the resource and data source types the trees use', async () => {
    const used = {
      resources: new Set<string>(),
      data_sources: new Set<string>(),
    };
    for (const file of listFiles(TERRAFORM_TREES).filter(f =>
      /\.tf(\.njk)?$/.test(f),
    )) {
      const source = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(l => !/^\s*\{%.*%\}\s*$/.test(l))
        .join('\n');
      const doc = await parseHcl(file.replace(/\.njk$/, ''), source);
      for (const t of Object.keys(doc.resource ?? {})) used.resources.add(t);
      for (const t of Object.keys(doc.data ?? {})) used.data_sources.add(t);
    }
    const vendored = {
      resources: new Set<string>(),
      data_sources: new Set<string>(),
    };
    for (const s of providerSchemas().values()) {
      for (const t of Object.keys(s.resources)) vendored.resources.add(t);
      for (const t of Object.keys(s.data_sources)) vendored.data_sources.add(t);
    }
    // a difference means: re-run scripts/extract-provider-schemas.mjs
    expect([...vendored.resources].sort()).toEqual([...used.resources].sort());
    expect([...vendored.data_sources].sort()).toEqual(
      [...used.data_sources].sort(),
    );
    for (const t of [...used.resources, ...used.data_sources]) {
      expect(providerSchemas().has(providerOf(t))).toBe(true);
    }
  });

  it('pin the same provider majors as the trees require', async () => {
    for (const file of listFiles(TERRAFORM_TREES).filter(f =>
      f.endsWith('versions.tf.njk'),
    )) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /source\s+=\s+"hashicorp\/([a-z]+)"\s+version\s+=\s+">= ([\d.]+), < (\d+)\.0"/g,
      )) {
        const [, provider, floor, ceiling] = m;
        const vendored = providerSchemas().get(provider)!.provider_version;
        expect(`${vendored.split('.')[0]}.${vendored.split('.')[1]}`).toBe(
          floor,
        );
        expect(Number(vendored.split('.')[0]) + 1).toBe(Number(ceiling));
      }
    }
  });
});

describe('schema conformance checker', () => {
  const good = `
resource "aws_kms_key" "a" {
  description         = "x"
  enable_key_rotation = true
}
`;

  it('accepts a conforming resource', async () => {
    expect(checkModuleSchema(await moduleOf({ 'main.tf': good }))).toEqual([]);
  });

  it.each([
    [
      'unknown resource type',
      'resource "aws_eks_clustr" "a" {\n  name = "x"\n}\n',
      /not in the vendored .*did you mean "aws_eks_cluster"/,
    ],
    [
      'unknown argument',
      'resource "aws_kms_key" "a" {\n  enable_key_rotations = true\n}\n',
      /unknown argument or block "enable_key_rotations"; did you mean "enable_key_rotation"/,
    ],
    [
      'read-only attribute set',
      'resource "aws_kms_key" "a" {\n  arn = "x"\n}\n',
      /"arn" is read-only/,
    ],
    [
      'missing required argument',
      'resource "aws_iam_role" "a" {\n  name = "x"\n}\n',
      /required argument "assume_role_policy" is missing/,
    ],
    [
      'missing required block',
      'resource "aws_eks_cluster" "a" {\n  name     = "x"\n  role_arn = "y"\n}\n',
      /required block "vpc_config" is missing/,
    ],
    [
      'single block repeated',
      'resource "aws_eks_cluster" "a" {\n  name     = "x"\n  role_arn = "y"\n  vpc_config {\n    subnet_ids = []\n  }\n  vpc_config {\n    subnet_ids = []\n  }\n}\n',
      /at most once/,
    ],
    [
      'unknown nested argument',
      'resource "aws_eks_cluster" "a" {\n  name     = "x"\n  role_arn = "y"\n  vpc_config {\n    subnet_ids    = []\n    public_access = true\n  }\n}\n',
      /unknown argument or block "public_access"/,
    ],
    [
      'block written as attribute',
      'resource "aws_eks_cluster" "a" {\n  name       = "x"\n  role_arn   = "y"\n  vpc_config = { subnet_ids = [] }\n}\n',
      /is a block/,
    ],
    [
      'unknown dynamic block',
      'resource "aws_eks_cluster" "a" {\n  name     = "x"\n  role_arn = "y"\n  vpc_config {\n    subnet_ids = []\n  }\n  dynamic "encryption" {\n    for_each = []\n    content {}\n  }\n}\n',
      /unknown nested block "encryption"/,
    ],
    [
      'unknown lifecycle argument',
      'resource "aws_kms_key" "a" {\n  lifecycle {\n    ignore_change = [description]\n  }\n}\n',
      /unknown lifecycle argument "ignore_change"/,
    ],
    [
      'unknown provider argument',
      'provider "aws" {\n  regions = "x"\n}\n',
      /unknown argument or block "regions"/,
    ],
    [
      'reference to an undeclared resource',
      'output "a" {\n  value       = aws_kms_key.b.arn\n  description = "xxxxxxxxxxxx"\n}\n',
      /reference to undeclared resource aws_kms_key.b/,
    ],
    [
      'reference to an unknown attribute',
      `${good}output "a" {\n  value       = aws_kms_key.a.arns\n  description = "xxxxxxxxxxxx"\n}\n`,
      /aws_kms_key has no attribute "arns"; did you mean "arn"/,
    ],
  ])('finds: %s', async (_name, source, expected) => {
    const problems = messages(
      checkModuleSchema(await moduleOf({ 'main.tf': source })),
    );
    expect(problems.join('\n')).toMatch(expected);
  });
});

describe('module lint', () => {
  it.each([
    [
      'untyped variable',
      'variable "a" {\n  description = "a described variable"\n}\noutput "o" {\n  value       = var.a\n  description = "the value of a"\n}\n',
      /variable "a" has no type/,
    ],
    [
      'undescribed variable',
      'variable "a" {\n  type = string\n}\noutput "o" {\n  value       = var.a\n  description = "the value of a"\n}\n',
      /variable "a" has no \(meaningful\) description/,
    ],
    [
      'unused variable',
      'variable "a" {\n  type        = string\n  description = "a described variable"\n}\n',
      /variable "a" is declared but never used/,
    ],
    [
      'undeclared variable',
      'output "o" {\n  value       = var.b\n  description = "the value of b"\n}\n',
      /var\.b is not declared/,
    ],
    [
      'undescribed output',
      'output "o" {\n  value = 1\n}\n',
      /output "o" has no \(meaningful\) description/,
    ],
    [
      'unused local',
      'locals {\n  a = 1\n}\n',
      /local "a" is declared but never used/,
    ],
    [
      'undeclared local',
      'output "o" {\n  value       = local.z\n  description = "the value of z"\n}\n',
      /local\.z is not declared/,
    ],
    [
      'unused data source',
      'data "aws_partition" "p" {}\n',
      /data\.aws_partition\.p is never used/,
    ],
  ])('finds: %s', async (_name, source, expected) => {
    const module = await moduleOf({ 'main.tf': source });
    expect(
      messages(lintModule(module, new Map([[module.dir, module]]))).join('\n'),
    ).toMatch(expected);
  });

  it('checks module calls against the called module', async () => {
    const files = new Map([
      [
        'terraform/main.tf',
        'module "m" {\n  source = "./modules/m"\n  b      = 1\n}\noutput "o" {\n  value       = module.m.nope\n  description = "an output of m"\n}\n',
      ],
      [
        'terraform/modules/m/variables.tf',
        'variable "a" {\n  type        = string\n  description = "a required input"\n}\n',
      ],
    ]);
    const modules = await loadModules(files);
    const found = messages(lintModule(modules.get('terraform')!, modules)).join(
      '\n',
    );
    expect(found).toMatch(/has no variable "b"/);
    expect(found).toMatch(/required variable "a" is not set/);
    expect(found).toMatch(
      /module\.m\.nope: terraform\/modules\/m has no output "nope"/,
    );
  });

  it('checks versions.tf', async () => {
    const module = await moduleOf({
      'versions.tf':
        'terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 6.0"\n    }\n    helm = {\n      source  = "hashicorp/helm"\n      version = ">= 3.0, < 4.0"\n    }\n  }\n}\n',
      'main.tf':
        'resource "google_compute_network" "n" {\n  name = "n"\n}\nresource "aws_kms_key" "k" {}\n',
    });
    const found = messages(lintVersions(module)).join('\n');
    expect(found).toMatch(/required_version must be ">= 1.10, < 2.0"/);
    expect(found).toMatch(/provider "aws" needs a bounded version/);
    expect(found).toMatch(
      /provider "google" is used but not in required_providers/,
    );
    expect(found).toMatch(/provider "helm" is required but never used/);
  });

  it('checks helm_release pinning and values', async () => {
    const module = await moduleOf({
      'main.tf':
        'resource "helm_release" "x" {\n  name  = "x"\n  chart = "x"\n  set = [{\n    name  = "a"\n    value = "b"\n  }]\n}\n',
    });
    const found = messages(lintHelmReleases(module)).join('\n');
    for (const re of [
      /version must be a pinned/,
      /repository must be/,
      /namespace missing/,
      /atomic and wait/,
      /yamlencode/,
      /not set/,
    ]) {
      expect(found).toMatch(re);
    }
  });

  it('checks the backend and finds credentials in it', async () => {
    const s3 = await moduleOf({
      'backend.tf':
        'terraform {\n  backend "s3" {\n    dynamodb_table = "locks"\n    access_key     = "x"\n  }\n}\n',
    });
    const found = messages(
      lintBackend(
        s3,
        new Map([['terraform/backend.hcl', 'secret_key = "y"\n']]),
        's3',
      ),
    ).join('\n');
    expect(found).toMatch(/use_lockfile = true and encrypt = true/);
    expect(found).toMatch(/DynamoDB locking is deprecated/);
    expect(found).toMatch(/credentials \("access_key"\)/);
    expect(found).toMatch(/credentials \("secret_key"\)/);
    const azure = await moduleOf({
      'backend.tf':
        'terraform {\n  backend "azurerm" {\n    use_oidc = true\n  }\n}\n',
    });
    expect(
      messages(
        lintBackend(
          azure,
          new Map([['terraform/backend.hcl', 'key = "k"\n']]),
          'azurerm',
        ),
      ).join(),
    ).toMatch(/use_azuread_auth/);
    const gcs = await moduleOf({
      'backend.tf': 'terraform {\n  backend "gcs" {}\n}\n',
    });
    expect(
      messages(
        lintBackend(
          gcs,
          new Map([['terraform/backend.hcl', 'bucket = "b"\n']]),
          'gcs',
        ),
      ).join(),
    ).toMatch(/prefix/);
  });

  it('finds credentials and account ids', () => {
    const found = messages(
      lintSecrets(
        new Map([
          [
            'terraform/a.tf',
            'locals {\n  account = "123456789012"\n  sub     = "0b1f6c4e-1111-4c2b-9b1e-2f0c1a2b3c4d"\n  aks     = "6dae42f8-4368-4678-94ff-3960e28e3630"\n}\n',
          ],
          ['terraform/b.tf', 'provider "x" {\n  password = "hunter2"\n}\n'],
          ['terraform/c.auto.tfvars.json', '{"k": "AKIAABCDEFGHIJKLMNOP"}'],
        ]),
      ),
    ).join('\n');
    expect(found).toMatch(/12-digit number/);
    expect(found).toMatch(/GUID .*0b1f6c4e/);
    expect(found).not.toMatch(/6dae42f8/);
    expect(found).toMatch(/sets "password"/);
    expect(found).toMatch(/AWS access key id/);
  });

  it('matches JSON values against HCL types', () => {
    expect(fitsType(['a'], 'list(string)')).toBe(true);
    expect(fitsType([1], 'list(string)')).toBe(false);
    expect(fitsType({ a: 'b' }, 'map(string)')).toBe(true);
    expect(
      fitsType({ a: true, b: false }, 'object({ a = bool b = bool })'),
    ).toBe(true);
    expect(fitsType({ a: true }, 'object({ a = bool b = bool })')).toBe(false);
    expect(fitsType({ a: true, c: true }, 'object({ a = bool })')).toBe(false);
    expect(fitsType(0.5, 'number')).toBe(true);
    expect(fitsType('0.5', 'number')).toBe(false);
  });
});
