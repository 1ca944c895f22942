/*
 * Shared helpers for the output matrices: render a payload with the real
 * engine over this repository's templates/iac, write it to a temporary
 * folder, and run the real output checks on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkDirectory,
  CheckReport,
  DirectoryCheckOptions,
  formatFindings,
} from '@iacforge/output-checks';
import {
  GenerateKind,
  GenerateResult,
  IacEngine,
  requireGenerated,
  shippedTemplateRoot,
  writeFiles,
} from '@iacforge/plugin-iac-node';

// test code runs from source, never from a production build
// eslint-disable-next-line no-restricted-syntax
export const repoRoot = path.resolve(__dirname, '../../../..');
/** The shipped template trees (@iacforge/plugin-iac-templates). */
export const templateRoot = shippedTemplateRoot();

let engine: IacEngine | undefined;

/** The engine over templates/iac, loaded once per test file. */
export function getEngine(): IacEngine {
  engine ??= IacEngine.fromRoots([templateRoot]);
  return engine;
}

/** Writes generated files under a fresh temporary folder. */
export async function writeResult(
  result: GenerateResult,
  prefix = 'iacforge-out-',
): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  await writeFiles(dir, result.files);
  return dir;
}

/** Renders and checks one payload; the folder is removed afterwards. */
export async function generateAndCheck(
  kind: GenerateKind,
  payload: unknown,
  options: DirectoryCheckOptions = {},
): Promise<{ result: GenerateResult; report: CheckReport; summary: string }> {
  const result = requireGenerated(getEngine().generate(kind, payload));
  const dir = await writeResult(result);
  try {
    const report = await checkDirectory(dir, options);
    return { result, report, summary: formatFindings(report.findings) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Values that must never appear in any generated file. */
export const PLAINTEXT_SECRETS = [
  'glc_super-secret-grafana-token',
  'splunk-hec-secret-token-0000',
  'Bearer otlp-secret-token-1234',
];
