#!/usr/bin/env node
/* eslint-disable */
// prepack: writes bundle/templates.json from templates/ (see src/bundle.ts);
// postpack (--clean): removes it again. Needs the package built (dist/).
const fs = require('node:fs');
const path = require('node:path');

const pkg = path.resolve(__dirname, '..');
const out = path.join(pkg, 'bundle');
if (process.argv.includes('--clean')) {
  fs.rmSync(out, { recursive: true, force: true });
  process.exit(0);
}
const dist = path.join(pkg, 'dist', 'index.cjs.js');
if (!fs.existsSync(dist)) {
  console.error(
    `${dist} is missing: run "yarn build" in ${pkg} before packing`,
  );
  process.exit(1);
}
const { createBundle } = require(dist);
const bundle = createBundle(path.join(pkg, 'templates'));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'templates.json'), JSON.stringify(bundle));
console.log(
  `bundle/templates.json: ${bundle.files.length} files, ${bundle.hash.slice(
    0,
    16,
  )}`,
);
