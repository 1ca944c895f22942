/*
 * The engine's error model: every problem of the input is an issue with a
 * field path in generate's `{ ok: false, issues }` answer, including values
 * the contract accepts but an escaping filter refuses; a fault of the
 * template tree itself throws TemplateRenderError.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IacEngine } from './engine';
import { TemplateRenderError } from './render/renderTree';

const CHART_ONE = path.join(
  __dirname,
  '__fixtures__',
  'roots',
  'basic',
  'helm',
  'chart-one',
);

/** An engine over chart-one with one more file, `NOTES.txt.njk`. */
function engineWithNotes(notes: string): IacEngine {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-errors-'));
  const tree = path.join(root, 'helm', 'chart-one');
  fs.cpSync(CHART_ONE, tree, { recursive: true });
  fs.writeFileSync(path.join(tree, 'NOTES.txt.njk'), notes);
  return IacEngine.fromRoots([root]);
}

const helm = (context: Record<string, unknown> = {}) => ({
  helm_template: 'chart-one',
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    image_repository: 'nginx',
    image_tag: '1.27-alpine',
    ...context,
  },
});

describe('IacEngine error model', () => {
  it('answers a value a filter refuses as an issue at its field path', () => {
    // the tree prints the image tag as a number: "1.27-alpine" is refused
    const engine = engineWithNotes('tag: {= helm_context.image_tag | num =}\n');
    expect(engine.generate('helm', helm())).toEqual({
      ok: false,
      issues: [
        {
          path: 'helm_context.image_tag',
          message:
            'Cannot be rendered into NOTES.txt.njk: num: expected a finite number, got "1.27-alpine"',
        },
      ],
    });
  });

  it('throws TemplateRenderError for a print of a value the payload lacks', () => {
    const engine = engineWithNotes('{= helm_context.no_such_field | md =}\n');
    expect(() => engine.generate('helm', helm())).toThrow(TemplateRenderError);
  });

  it('throws TemplateRenderError when a filter refuses engine metadata', () => {
    const engine = engineWithNotes('{= iacforge.templates | num =}\n');
    let thrown: unknown;
    try {
      engine.generate('helm', helm());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TemplateRenderError);
    expect((thrown as TemplateRenderError).message).toBe(
      'helm/chart-one: NOTES.txt.njk: FilterError: num: expected a finite number, got [{"name":"chart-one","kind":"helm","version":"0.2.0"}]',
    );
  });
});
