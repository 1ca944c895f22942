/*
 * The engine the Terraform matrix renders with: the real IacEngine over this
 * repository's templates/iac/terraform trees, plus stand-in Helm trees
 * (fixtures/helm-stub) because /generate/platform payloads always select a
 * Helm tree. The matrix so tests the Terraform trees on their own; the
 * integration test in terraform.test.ts renders through getEngine() (every
 * tree under templates/iac) as well.
 */
import path from 'node:path';
import {
  GenerateKind,
  GenerateResult,
  IacEngine,
  requireGenerated,
} from '@iacforge/plugin-iac-node';
import { templateRoot } from '../generate';

export const TERRAFORM_TREES = path.join(templateRoot, 'terraform');
// test code runs from source
// eslint-disable-next-line no-restricted-syntax
export const HELM_STUB = path.join(__dirname, 'fixtures', 'helm-stub');

let engine: IacEngine | undefined;

/** IacEngine over templates/iac/terraform + the Helm stand-ins (loaded once). */
export function getTerraformEngine(): IacEngine {
  engine ??= IacEngine.fromRoots([TERRAFORM_TREES, HELM_STUB]);
  return engine;
}

/** The files of a result under terraform/, as text. */
export function terraformFiles(result: GenerateResult): Map<string, string> {
  return new Map(
    result.files
      .filter(f => f.path === 'terraform' || f.path.startsWith('terraform/'))
      .map(f => [f.path, f.content.toString('utf8')]),
  );
}

/** Renders with the Terraform engine and returns the result and its terraform/ files. */
export function render(
  kind: GenerateKind,
  payload: unknown,
  withEngine: IacEngine = getTerraformEngine(),
): { result: GenerateResult; files: Map<string, string> } {
  const result = requireGenerated(withEngine.generate(kind, payload));
  return { result, files: terraformFiles(result) };
}
