#!/usr/bin/env node
/*
 * Regenerates the inputs / outputs tables of the Terraform template trees'
 * READMEs from the code: every `variable` and `output` block of the files a
 * marker names, parsed with HashiCorp's HCL parser (@cdktf/hcl2json).
 *
 *   node test/output/scripts/terraform-readme.mjs           # rewrite the tables
 *   node test/output/scripts/terraform-readme.mjs --check   # exit 1 when a README is stale
 *
 * Markers in a tree's README.md (the file names are relative to the tree):
 *
 *   <!-- BEGIN_TF_INPUTS variables.tf -->
 *   (generated)
 *   <!-- END_TF_INPUTS -->
 *   <!-- BEGIN_TF_OUTPUTS outputs.tf addons.tf -->
 *   (generated)
 *   <!-- END_TF_OUTPUTS -->
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const require = createRequire(path.join(repoRoot, 'package.json'));
// eslint-disable-next-line @backstage/no-undeclared-imports
const hcl = require('@cdktf/hcl2json');

const TREES = path.join(
  repoRoot,
  'plugins/iac-templates/templates/iac/terraform',
);
const MARKER =
  /<!-- BEGIN_TF_(INPUTS|OUTPUTS) ([^>]*?) -->\n[\s\S]*?<!-- END_TF_\1 -->/g;

/** `${list(string)}` → `list(string)`, whitespace collapsed. */
function expression(value) {
  if (typeof value !== 'string') return JSON.stringify(value);
  const m = /^\$\{([\s\S]*)\}$/.exec(value);
  return (m ? m[1] : value)
    .replace(/\s+/g, ' ')
    .replace(/\(\{ /g, '({')
    .replace(/ \}\)/g, '})')
    .trim();
}

/** Text safe inside a Markdown table cell. */
function cell(text) {
  return String(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Description text: also keep `<placeholder>` from turning into HTML. */
function prose(text) {
  return cell(text).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function code(text) {
  return `\`${cell(text)}\``;
}

async function blocks(treeDir, files, kind) {
  const out = [];
  for (const name of files) {
    const file = path.join(treeDir, name);
    if (!fs.existsSync(file))
      throw new Error(
        `${path.relative(
          repoRoot,
          file,
        )}: named by a README marker but missing`,
      );
    const doc = await hcl.parse(name, fs.readFileSync(file, 'utf8'));
    for (const [blockName, bodies] of Object.entries(doc[kind] ?? {})) {
      out.push({ name: blockName, body: bodies[0] });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function inputsTable(treeDir, files) {
  const vars = await blocks(treeDir, files, 'variable');
  const lines = [
    '| Name | Description | Type | Default | Required |',
    '| --- | --- | --- | --- | :---: |',
  ];
  for (const { name, body } of vars) {
    const required = !('default' in body);
    const def = required ? 'n/a' : code(JSON.stringify(body.default));
    const sensitive = body.sensitive === true ? ' (sensitive)' : '';
    lines.push(
      `| ${code(name)} | ${prose(body.description ?? '')}${sensitive} | ${code(
        expression(body.type),
      )} | ${def} | ${required ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n');
}

async function outputsTable(treeDir, files) {
  const outs = await blocks(treeDir, files, 'output');
  const lines = ['| Name | Description | Sensitive |', '| --- | --- | :---: |'];
  for (const { name, body } of outs) {
    lines.push(
      `| ${code(name)} | ${prose(body.description ?? '')} | ${
        body.sensitive === true ? 'yes' : 'no'
      } |`,
    );
  }
  return lines.join('\n');
}

/** The README with every marked table regenerated. */
export async function renderReadme(treeDir, readme) {
  let out = '';
  let last = 0;
  for (const m of readme.matchAll(MARKER)) {
    const [whole, kind, fileList] = m;
    const files = fileList.split(/\s+/).filter(Boolean);
    const table =
      kind === 'INPUTS'
        ? await inputsTable(treeDir, files)
        : await outputsTable(treeDir, files);
    out += readme.slice(last, m.index);
    out += `<!-- BEGIN_TF_${kind} ${files.join(
      ' ',
    )} -->\n${table}\n<!-- END_TF_${kind} -->`;
    last = m.index + whole.length;
  }
  return out + readme.slice(last);
}

async function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const tree of fs.readdirSync(TREES).sort()) {
    const treeDir = path.join(TREES, tree);
    const file = path.join(treeDir, 'README.md');
    if (!fs.existsSync(file)) {
      stale.push(`${path.relative(repoRoot, file)}: missing`);
      continue;
    }
    const before = fs.readFileSync(file, 'utf8');
    if (!MARKER.test(before))
      stale.push(
        `${path.relative(
          repoRoot,
          file,
        )}: no BEGIN_TF_INPUTS / BEGIN_TF_OUTPUTS markers`,
      );
    MARKER.lastIndex = 0;
    const after = await renderReadme(treeDir, before);
    if (after !== before) {
      if (check)
        stale.push(`${path.relative(repoRoot, file)}: tables are stale`);
      else {
        fs.writeFileSync(file, after);
        console.log(`updated ${path.relative(repoRoot, file)}`);
      }
    }
  }
  if (stale.length) {
    console.error(
      `${stale.join('\n')}\nrun: node test/output/scripts/terraform-readme.mjs`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
