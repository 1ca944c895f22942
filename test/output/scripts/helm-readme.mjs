#!/usr/bin/env node
/*
 * Generates the "Parameters" table of the workload chart README from the
 * chart's values.schema.json (plugins/iac-templates/templates/iac/helm/basic, inherited by
 * aks-basic and gke-basic), so the table is never hand-written.
 *
 * The table is written into plugins/iac-templates/templates/iac/helm/basic/README.md.njk between
 * the BEGIN / END markers below. Each row is static text (key, type, allowed
 * values, description from the schema) plus a nunjucks print of the
 * parameter's default for the generated chart, read from the same `values`
 * object values.yaml is printed from.
 *
 *   node test/output/scripts/helm-readme.mjs          # rewrite the table
 *   node test/output/scripts/helm-readme.mjs --check  # exit 1 when stale
 *
 * src/helm-readme.test.ts runs --check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const treeDir = path.resolve(
  here,
  '../../../plugins/iac-templates/templates/iac/helm/basic',
);
const schemaFile = path.join(treeDir, 'values.schema.json');
const readmeFile = path.join(treeDir, 'README.md.njk');

export const BEGIN =
  '<!-- BEGIN parameters: generated from values.schema.json by test/output/scripts/helm-readme.mjs -->';
export const END = '<!-- END parameters -->';

/** Top-level sections that exist only in some trees' values (printed when present). */
const OPTIONAL_SECTIONS = new Set(['aks', 'gke']);

function resolve(schema, node) {
  if (node && node.$ref) {
    const name = node.$ref.replace('#/definitions/', '');
    const target = schema.definitions[name];
    if (!target) throw new Error(`unknown $ref ${node.$ref}`);
    return {
      ...resolve(schema, target),
      description: node.description ?? target.description,
    };
  }
  return node;
}

/** Markdown table cell: one line, pipes escaped; never a nunjucks delimiter. */
function cell(text) {
  const s = String(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([|*<>])/g, '\\$1');
  if (/\{[=%#]|[=%#]\}/.test(s)) {
    throw new Error(`schema text would be read as a template delimiter: ${s}`);
  }
  return s;
}

function typeOf(node) {
  if (node.oneOf) return node.oneOf.map(typeOf).join(' or ');
  if (node.type === 'array') return 'list';
  if (node.type === 'object') return 'map';
  return node.type ?? 'any';
}

function allowed(node) {
  const parts = [];
  if (node.enum) {
    parts.push(
      `one of ${node.enum.map(v => (v === '' ? '"" (unset)' : v)).join(', ')}`,
    );
  }
  if (node.minimum !== undefined || node.maximum !== undefined) {
    parts.push(`${node.minimum ?? '…'} to ${node.maximum ?? '…'}`);
  }
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  return parts.join('; ');
}

/** Rows: [dotted key, type, allowed, description]. */
export function collectRows(schema) {
  const rows = [];
  const walk = (node, key) => {
    const n = resolve(schema, node);
    if (
      n.type === 'object' &&
      n.properties &&
      n.additionalProperties === false
    ) {
      for (const [name, child] of Object.entries(n.properties)) {
        walk(child, key ? `${key}.${name}` : name);
      }
      return;
    }
    rows.push({
      key,
      type: typeOf(n),
      allowed: allowed(n),
      description: n.description ?? '',
    });
  };
  walk(schema, '');
  return rows;
}

export function renderTable(schema) {
  const lines = [
    BEGIN,
    '',
    '| Parameter | Type | Default in this chart | Allowed | Description |',
    '| --- | --- | --- | --- | --- |',
  ];
  let open;
  for (const row of collectRows(schema)) {
    const section = row.key.split('.')[0];
    if (open && open !== section) {
      lines.push('{% endif %}');
      open = undefined;
    }
    if (!open && OPTIONAL_SECTIONS.has(section)) {
      lines.push(`{% if v.${section} %}`);
      open = section;
    }
    const value = `{= v.${row.key} | dump | md =}`;
    lines.push(
      `| \`${row.key}\` | ${cell(row.type)} | ${value} | ${cell(
        row.allowed,
      )} | ${cell(row.description)} |`,
    );
  }
  if (open) lines.push('{% endif %}');
  lines.push('', END);
  return lines.join('\n');
}

export function updateReadme(readme, schema) {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(
      `${readmeFile}: the BEGIN / END parameters markers are missing`,
    );
  }
  return (
    readme.slice(0, start) +
    renderTable(schema) +
    readme.slice(end + END.length)
  );
}

function main() {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  const readme = fs.readFileSync(readmeFile, 'utf8');
  const next = updateReadme(readme, schema);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write(
        `${path.relative(
          process.cwd(),
          readmeFile,
        )}: the Parameters table is stale; run: node test/output/scripts/helm-readme.mjs\n`,
      );
      process.exit(1);
    }
    process.stdout.write('README parameters table is up to date\n');
    return;
  }
  if (next !== readme) {
    fs.writeFileSync(readmeFile, next);
    process.stdout.write(
      `updated ${path.relative(process.cwd(), readmeFile)}\n`,
    );
  } else {
    process.stdout.write('README parameters table is up to date\n');
  }
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  main();
}
