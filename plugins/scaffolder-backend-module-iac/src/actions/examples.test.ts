/*
 * Every example of every generate action runs, against the real template
 * shipped trees (@iacforge/plugin-iac-templates), and produces files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createEngine } from '@iacforge/plugin-iac-node';
import { createClusterGenerateAction } from './clusterGenerate';
import { createHelmGenerateAction } from './helmGenerate';
import { createPlatformGenerateAction } from './platformGenerate';
import { createTerraformGenerateAction } from './terraformGenerate';

// the shipped trees (@iacforge/plugin-iac-templates)
const engine = createEngine();
const actions = [
  createPlatformGenerateAction({ engine }),
  createClusterGenerateAction({ engine }),
  createTerraformGenerateAction({ engine }),
  createHelmGenerateAction({ engine }),
];

const cases = actions.flatMap(action =>
  (action.examples ?? []).map(
    example => [action.id, example.description, action, example] as const,
  ),
);

describe('action examples', () => {
  it('every generate action has examples', () => {
    expect(
      actions.map(a => [a.id, (a.examples ?? []).length > 0] as const),
    ).toEqual(actions.map(a => [a.id, true] as const));
    expect(cases.length).toBeGreaterThanOrEqual(actions.length);
  });

  it.each(cases)('%s: %s', async (_id, _description, action, example) => {
    const steps = (
      YAML.parse(example.example).steps as {
        action: string;
        input: any;
      }[]
    ).filter(s => s.action === action.id);
    // an example that does not use its action would run nothing
    expect(steps.length).toBeGreaterThan(0);
    expect.assertions(1 + steps.length);
    for (const step of steps) {
      const workspacePath = fs.mkdtempSync(
        path.join(os.tmpdir(), 'iacforge-example-'),
      );
      const ctx = createMockActionContext({ input: step.input, workspacePath });
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'files',
        expect.arrayContaining(['.iacforge/answers.json']),
      );
      fs.rmSync(workspacePath, { recursive: true, force: true });
    }
  });
});
