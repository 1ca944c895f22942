/*
 * Applies docs/install.md to a portal, exactly as written there:
 *  - section 1 (sh): the `yarn ... add` lines, printed as a shell script with
 *    each @iacforge package pointed at its tarball (plus root resolutions,
 *    so the packages' own @iacforge dependencies resolve to tarballs too);
 *  - section 2 (ts): the lines inserted before `backend.start()` in
 *    packages/backend/src/index.ts;
 *  - section 4 (yaml): the block appended to app-config.yaml.
 * Usage: node apply-docs.mjs docs/install.md PORTAL_DIR TARBALL_DIR > apply.sh
 */
import fs from 'node:fs';
import path from 'node:path';

const [doc, portal, tarballs] = process.argv.slice(2);
const text = fs.readFileSync(doc, 'utf8');

/** The first fenced block of the `## <n>.` section, as lines. */
function block(n, lang) {
  const section = text.split(/^## /m).find(s => s.startsWith(`${n}.`));
  const match = section?.match(new RegExp('```' + lang + '\\n([\\s\\S]*?)```'));
  if (!match) {
    throw new Error(`docs/install.md: no \`\`\`${lang} block in section ${n}`);
  }
  return match[1].trimEnd().split('\n');
}

const tgz = {};
for (const f of fs.readdirSync(tarballs).filter(f => f.endsWith('.tgz'))) {
  const name = f.replace(
    /^@iacforge-(.*)-\d+\.\d+\.\d+.*\.tgz$/,
    '@iacforge/$1',
  );
  tgz[name] = `file:${path.join(tarballs, f)}`;
}

// section 2: backend lines
const backendFile = path.join(portal, 'packages/backend/src/index.ts');
const backend = fs.readFileSync(backendFile, 'utf8');
const lines = block(2, 'ts');
if (!backend.includes('backend.start();')) {
  throw new Error(`${backendFile}: no backend.start()`);
}
fs.writeFileSync(
  backendFile,
  backend.replace(
    'backend.start();',
    `${lines.join('\n')}\n\nbackend.start();`,
  ),
);

// section 4: config
const configFile = path.join(portal, 'app-config.yaml');
fs.appendFileSync(configFile, `\n${block(4, 'yaml').join('\n')}\n`);

// section 1: the packages, from the tarballs
const out = [
  '# resolutions: @iacforge dependencies of the packages come from the tarballs',
  `node -e 'const fs=require("fs");const p=JSON.parse(fs.readFileSync("package.json"));Object.assign(p.resolutions??={},${JSON.stringify(
    tgz,
  )});fs.writeFileSync("package.json",JSON.stringify(p,null,2)+"\\n")'`,
];
for (const line of block(1, 'sh')) {
  if (!line.startsWith('yarn ')) {
    throw new Error(`docs/install.md section 1: unexpected line ${line}`);
  }
  out.push(
    line.replace(/^yarn /, '$YARN ').replace(/@iacforge\/[a-z0-9-]+/g, name => {
      if (!tgz[name]) throw new Error(`no tarball for ${name}`);
      return `${name}@${tgz[name]}`;
    }),
  );
}
out.push(
  '# section 2 (packages/backend/src/index.ts, before backend.start()):',
);
out.push(...lines.map(l => `#   ${l}`));
out.push('# section 4 (appended to app-config.yaml):');
out.push(...block(4, 'yaml').map(l => `#   ${l}`));
process.stdout.write(`${out.join('\n')}\n`);
