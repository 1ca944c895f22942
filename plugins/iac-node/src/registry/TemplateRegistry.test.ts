import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateLoadError, TemplateRegistry } from './TemplateRegistry';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-tree-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const manifest = (name: string, extra = '') =>
  `name: ${name}\nkind: helm\nversion: 1.0.0\ndescription: test\nclouds: [aws]\n${extra}`;

describe('TemplateRegistry', () => {
  it('finds trees at any depth and does not descend into them', () => {
    const root = tree({
      'a/b/one/template.yaml': manifest('one'),
      'a/b/one/nested/template.yaml': manifest('nested'),
      'two/template.json': JSON.stringify({
        name: 'two',
        kind: 'terraform',
        version: '0.1.0',
        description: 'json manifest',
        clouds: ['gcp'],
      }),
    });
    const names = TemplateRegistry.load([root])
      .list()
      .map(t => t.manifest.name);
    expect(names).toEqual(['one', 'two']);
    const one = TemplateRegistry.load([root]).get('helm', 'one')!;
    expect(one.files.map(f => f.output)).toEqual(['nested/template.yaml']);
  });

  it('refuses a print without an escaping filter, naming file and line', () => {
    const root = tree({
      'x/template.yaml': manifest('x'),
      'x/values.yaml.njk': 'a: 1\nname: {= helm_context.chart_name =}\n',
    });
    expect(() => TemplateRegistry.load([root])).toThrow(TemplateLoadError);
    expect(() => TemplateRegistry.load([root])).toThrow(
      /values\.yaml\.njk:2.*escaping filter/,
    );
  });

  it('refuses invalid manifests with the field and reason', () => {
    const root = tree({ 'x/template.yaml': 'name: Bad Name\nkind: helm\n' });
    expect(() => TemplateRegistry.load([root])).toThrow(
      /invalid manifest: name: /,
    );
  });

  it('refuses duplicate templates across roots', () => {
    const a = tree({ 'x/template.yaml': manifest('same') });
    const b = tree({ 'y/template.yaml': manifest('same') });
    expect(() => TemplateRegistry.load([a, b])).toThrow(
      /duplicate helm template "same"/,
    );
  });

  it('refuses template syntax errors at load time', () => {
    const root = tree({
      'x/template.yaml': manifest('x'),
      'x/a.txt.njk': '{% if %}',
    });
    expect(() => TemplateRegistry.load([root])).toThrow(TemplateLoadError);
  });

  it('ignores missing roots', () => {
    expect(TemplateRegistry.load(['/nonexistent/root']).list()).toEqual([]);
  });

  it('lets a tree extend another: inherited files, own files replace them', () => {
    const root = tree({
      'base/template.yaml': manifest('base', 'target: out\n'),
      'base/a.txt': 'base a',
      'base/b.txt': 'base b',
      'child/template.yaml': manifest('child', 'extends: base\n'),
      'child/b.txt.njk': 'child b {= 1 | num =}',
      'child/c.txt': 'child c',
    });
    const child = TemplateRegistry.load([root]).get('helm', 'child')!;
    expect(child.files.map(f => `${f.output}:${f.content.toString()}`)).toEqual(
      ['a.txt:base a', 'b.txt:child b {= 1 | num =}', 'c.txt:child c'],
    );
    // the parent's target, inherited
    expect(child.target?.render({})).toBe('out');
  });

  it('refuses unknown parents and cycles', () => {
    const unknown = tree({
      'x/template.yaml': manifest('x', 'extends: nope\n'),
    });
    expect(() => TemplateRegistry.load([unknown])).toThrow(
      /extends unknown helm template "nope"/,
    );
    const cycle = tree({
      'x/template.yaml': manifest('x', 'extends: y\n'),
      'y/template.yaml': manifest('y', 'extends: x\n'),
    });
    expect(() => TemplateRegistry.load([cycle])).toThrow(/extends cycle/);
  });

  it('keeps the root _partials folder out of the files and lists it apart', () => {
    const root = tree({
      'x/template.yaml': manifest('x'),
      'x/main.tf.njk': '{% include "./_partials/a.tf" %}',
      'x/_partials/a.tf': 'a\n',
      'x/_partials/aws/b.tf': 'b\n',
      'x/charts/_partials/kept.txt': 'only the root folder is special',
    });
    const x = TemplateRegistry.load([root]).get('helm', 'x')!;
    expect(x.files.map(f => f.output)).toEqual([
      'charts/_partials/kept.txt',
      'main.tf',
    ]);
    expect(x.partials).toEqual(['_partials/a.tf', '_partials/aws/b.tf']);
  });

  it('checks partials at load time like templates, whatever their suffix', () => {
    const unescaped = tree({
      'x/template.yaml': manifest('x'),
      'x/_partials/aws/b.tf': 'ok\nname = {= cloud =}\n',
    });
    expect(() => TemplateRegistry.load([unescaped])).toThrow(
      /_partials\/aws\/b\.tf:2.*escaping filter/,
    );
    const broken = tree({
      'x/template.yaml': manifest('x'),
      'x/_partials/c.tf': '{% if %}',
    });
    expect(() => TemplateRegistry.load([broken])).toThrow(TemplateLoadError);
    expect(() => TemplateRegistry.load([broken])).toThrow(/_partials\/c\.tf/);
  });

  it('refuses a _partials file in place of the folder', () => {
    const root = tree({
      'x/template.yaml': manifest('x'),
      'x/_partials': 'not a folder',
    });
    expect(() => TemplateRegistry.load([root])).toThrow(
      /_partials must be a folder/,
    );
  });
});
