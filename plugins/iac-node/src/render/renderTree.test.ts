import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TemplateRegistry } from '../registry/TemplateRegistry';
import { renderTree, TemplateRenderError } from './renderTree';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-render-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const MANIFEST =
  'name: x\nkind: terraform\nversion: 1.0.0\ndescription: test\nclouds: [aws]\ntarget: mod\n';

describe('renderTree with partials', () => {
  it('writes the included partials in order, byte for byte, and never the partials themselves', () => {
    // HCL's own ${ } and %{ } pass through an include untouched.
    const a = '# a\nlocals {\n  x = "${var.a}"\n}\n';
    const b =
      '\n# b\nresource "x" "y" {\n  s = "%{ for v in var.l }${v}%{ endfor }"\n}\n';
    const root = tree({
      'x/template.yaml': MANIFEST,
      'x/main.tf.njk':
        '{% include "./_partials/aws/a.tf" %}\n{% include "./_partials/aws/b.tf" %}\n',
      'x/_partials/aws/a.tf': a,
      'x/_partials/aws/b.tf': b,
      'x/static.tf': 'static\n',
    });
    const x = TemplateRegistry.load([root]).get('terraform', 'x')!;
    const files = renderTree(x, { cloud: 'aws' });
    expect(files.map(f => [f.path, f.content.toString('utf8')])).toEqual([
      ['mod/main.tf', a + b],
      ['mod/static.tf', 'static\n'],
    ]);
  });

  it('renders the payload in a partial through its escaping filter', () => {
    const root = tree({
      'x/template.yaml': MANIFEST,
      'x/main.tf.njk': '{% include "./_partials/name.tf" %}',
      'x/_partials/name.tf': 'name = {= name | hcl_str =}\n',
    });
    const x = TemplateRegistry.load([root]).get('terraform', 'x')!;
    const [main] = renderTree(x, { name: 'a${b}' });
    expect(main.content.toString('utf8')).toBe('name = "a$${b}"\n');
  });

  it('names the tree and file when an included partial is missing', () => {
    const root = tree({
      'x/template.yaml': MANIFEST,
      'x/main.tf.njk': '{% include "./_partials/missing.tf" %}',
    });
    const x = TemplateRegistry.load([root]).get('terraform', 'x')!;
    expect(() => renderTree(x, {})).toThrow(TemplateRenderError);
    expect(() => renderTree(x, {})).toThrow(
      /terraform\/x: main\.tf\.njk: .*missing\.tf/,
    );
  });
});
