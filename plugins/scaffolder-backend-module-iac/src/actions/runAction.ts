/*
 * Runs another scaffolder action's handler inside ours (Backstage's
 * publish:github and github:environment:create write for iac:publish and
 * iac:github:governance), with our context and the given input, collecting
 * its outputs instead of publishing them as ours.
 */
import type {
  ActionContext,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';

export async function runAction(
  action: TemplateAction<any, any, any>,
  ctx: ActionContext<any, any, any>,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  await action.handler({
    ...ctx,
    input,
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  } as ActionContext<any, any, any>);
  return outputs;
}
