import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBundle, unpackBundle } from './bundle';
import { iacTemplatesDir } from './paths';

function tree(root: string): Record<string, { mode: number; hex: string }> {
  const out: Record<string, { mode: number; hex: string }> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), {
      withFileTypes: true,
    })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else {
        const abs = path.join(root, child);
        out[child] = {
          mode: fs.statSync(abs).mode & 0o111 ? 0o755 : 0o644,
          hex: fs.readFileSync(abs).toString('hex'),
        };
      }
    }
  };
  walk('');
  return out;
}

describe('template bundle', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-bundle-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps what yarn pack leaves out: .github, .gitignore, executable bits, binary bytes', () => {
    const src = path.join(tmp, 'src');
    fs.mkdirSync(path.join(src, 'a/.github/workflows'), { recursive: true });
    fs.writeFileSync(
      path.join(src, 'a/.github/workflows/ci.yml'),
      'on: push\n',
    );
    fs.writeFileSync(path.join(src, 'a/.gitignore'), '.terraform/\n');
    fs.writeFileSync(path.join(src, 'a/run.sh'), '#!/bin/sh\n', {
      mode: 0o755,
    });
    fs.writeFileSync(
      path.join(src, 'a/blob.bin'),
      Buffer.from([0xff, 0, 0xfe]),
    );
    const bundle = createBundle(src);
    expect(bundle.files.map(f => f.path)).toEqual([
      'a/.github/workflows/ci.yml',
      'a/.gitignore',
      'a/blob.bin',
      'a/run.sh',
    ]);
    const dir = unpackBundle(
      JSON.parse(JSON.stringify(bundle)),
      path.join(tmp, 'cache'),
    );
    expect(tree(dir)).toEqual(tree(src));
    // a second unpack reuses the folder
    expect(unpackBundle(bundle, path.join(tmp, 'cache'))).toBe(dir);
    expect(fs.readdirSync(path.join(tmp, 'cache'))).toEqual([
      path.basename(dir),
    ]);
  });

  it('is deterministic and names its folder by content', () => {
    const src = path.join(tmp, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'x'), '1');
    const first = createBundle(src);
    expect(createBundle(src)).toEqual(first);
    fs.writeFileSync(path.join(src, 'x'), '2');
    expect(createBundle(src).hash).not.toBe(first.hash);
  });

  it('refuses entries that leave the folder', () => {
    expect(() =>
      unpackBundle(
        {
          format: 'iacforge-templates-bundle/1',
          hash: 'f'.repeat(64),
          files: [{ path: '../x', mode: 0o644, encoding: 'utf8', content: '' }],
        },
        tmp,
      ),
    ).toThrow(/leaves its folder/);
  });

  it('bundles the shipped trees with their workflows', () => {
    const bundle = createBundle(iacTemplatesDir());
    const paths = bundle.files.map(f => f.path);
    expect(paths).toContain('catalog-info.yaml');
    expect(paths.filter(p => p.startsWith('scaffolder/'))).toHaveLength(5);
    expect(paths.some(p => p.includes('/.github/workflows/'))).toBe(true);
    expect(paths.some(p => p.endsWith('/.gitignore'))).toBe(true);
  });
});
