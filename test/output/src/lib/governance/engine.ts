/*
 * The engine for the governance / GitOps matrix: this repository's
 * governance and gitops trees plus stand-ins for the default Terraform and
 * Helm trees (./stub-trees), so the matrix depends on no other tree. The
 * integration test (governance-integration.test.ts) renders the real
 * templates/iac as a whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  GeneratedFile,
  IacEngine,
  requireGenerated,
  TemplateRegistry,
} from '@iacforge/plugin-iac-node';
import { templateRoot } from '../generate';

// test code runs from source, never from a production build
// eslint-disable-next-line no-restricted-syntax
export const stubRoot = path.join(__dirname, 'stub-trees');
export const governanceRoot = path.join(templateRoot, 'governance');
export const gitopsRoot = path.join(templateRoot, 'gitops');

/** Tree kinds owned by this matrix. */
export const OWN_KINDS = ['governance', 'gitops'] as const;

let engine: IacEngine | undefined;

/** Governance + gitops trees and the stub default trees, loaded once per test file. */
export function governanceEngine(): IacEngine {
  engine ??= new IacEngine(
    TemplateRegistry.load([governanceRoot, gitopsRoot, stubRoot]),
  );
  return engine;
}

/** Files written by the governance and gitops trees (not by the stubs). */
export function ownFiles(files: GeneratedFile[]): GeneratedFile[] {
  return files.filter(f =>
    OWN_KINDS.some(kind => f.template.startsWith(`${kind}/`)),
  );
}

/** Renders a platform payload; returns the files of our trees by path. */
export function renderOwn(payload: unknown): Map<string, string> {
  const result = requireGenerated(
    governanceEngine().generate('platform', payload),
  );
  return new Map(
    ownFiles(result.files).map(f => [f.path, f.content.toString('utf8')]),
  );
}

/** Every file (recursively) below a folder, as paths relative to it. */
export function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, relPath));
    else out.push(relPath);
  }
  return out;
}
