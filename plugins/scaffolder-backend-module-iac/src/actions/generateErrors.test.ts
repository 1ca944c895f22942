/*
 * The generate actions' error model: every problem of the input (a value a
 * filter refuses, a cross-field rule) fails the task with an InputError
 * naming each field path, before anything is written; a fault of the
 * template tree itself is not the user's error and is not an InputError.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { IacEngine, TemplateRenderError } from '@iacforge/plugin-iac-node';
import { createHelmGenerateAction } from './helmGenerate';

const CHART_ONE = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic/helm/chart-one',
);

/** The helm action over chart-one with one more file `NOTES.txt.njk`. */
function actionWithNotes(notes: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-errors-'));
  const tree = path.join(root, 'helm', 'chart-one');
  fs.cpSync(CHART_ONE, tree, { recursive: true });
  fs.writeFileSync(path.join(tree, 'NOTES.txt.njk'), notes);
  return createHelmGenerateAction({ engine: IacEngine.fromRoots([root]) });
}

const input = (context: Record<string, unknown> = {}) => ({
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

async function failure(
  action: ReturnType<typeof actionWithNotes>,
  actionInput: object,
) {
  const workspacePath = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-ws-'));
  const ctx = createMockActionContext({ input: actionInput, workspacePath });
  const error = await action.handler(ctx as any).then(
    () => undefined,
    e => e,
  );
  return { error, written: fs.readdirSync(workspacePath) };
}

describe('generate action errors', () => {
  // the tree prints the image tag as a number: "1.27-alpine" is refused
  const refusing = actionWithNotes('tag: {= helm_context.image_tag | num =}\n');

  it('a value a filter refuses is an InputError at its field path', async () => {
    const { error, written } = await failure(refusing, input());
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Invalid IaC Forge payload (1 problem):\n' +
        '  - helm_context.image_tag: Cannot be rendered into NOTES.txt.njk: num: expected a finite number, got "1.27-alpine"',
    );
    expect(written).toEqual([]);
  });

  it('a cross-field rule is an InputError at its field path', async () => {
    const { error, written } = await failure(
      refusing,
      input({ hpa_enabled: true, hpa_min_replicas: 5, hpa_max_replicas: 3 }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'Invalid IaC Forge payload (1 problem):\n' +
        '  - helm_context.hpa_min_replicas: hpa_min_replicas (5) must not be greater than hpa_max_replicas (3)',
    );
    expect(written).toEqual([]);
  });

  it("a fault of the template tree is not the user's error", async () => {
    const faulty = actionWithNotes('{= helm_context.no_such_field | md =}\n');
    const { error, written } = await failure(faulty, input());
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error).not.toBeInstanceOf(InputError);
    expect(written).toEqual([]);
  });
});
