/*
 * Idempotent local publishing across a task recovery: a replica killed
 * after the repository was created but before the step's checkpoint was
 * saved leaves a complete repository behind; the recovered step finds it.
 * When the repository's branch holds exactly the workspace's files (the
 * same git tree), that repository is this task's own publish: answer it
 * instead of "already exists". Any other content stays an error.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PRISTINE_BRANCH } from '@iacforge/plugin-iac-common';

const run = promisify(execFile);

async function git(args: string[], env?: NodeJS.ProcessEnv) {
  const { stdout } = await run('git', args, {
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

/** The git tree of a folder, as a first commit of it would record it. */
async function treeOf(sourceDir: string): Promise<string> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-tree-'));
  try {
    await git(['init', '--quiet', '--bare', scratch]);
    await git([
      '--git-dir',
      scratch,
      '--work-tree',
      sourceDir,
      'add',
      '--all',
      '.',
    ]);
    return await git(['--git-dir', scratch, 'write-tree']);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function refOf(bare: string, ref: string): Promise<string | undefined> {
  try {
    return await git(['--git-dir', bare, 'rev-parse', '--verify', ref]);
  } catch {
    return undefined;
  }
}

/**
 * The existing repository's publish of this workspace (its branch's tree is
 * the workspace's), else undefined.
 */
export async function publishedBefore(
  bare: string,
  sourceDir: string,
  branch: string,
): Promise<
  { commit: string; branch: string; pristineBranch?: string } | undefined
> {
  const commit = await refOf(bare, `refs/heads/${branch}`);
  if (!commit) {
    return undefined;
  }
  const [tree, wanted] = await Promise.all([
    refOf(bare, `${commit}^{tree}`),
    treeOf(sourceDir),
  ]);
  if (tree !== wanted) {
    return undefined;
  }
  const pristine = await refOf(bare, `refs/heads/${PRISTINE_BRANCH}`);
  return {
    commit,
    branch,
    ...(pristine ? { pristineBranch: PRISTINE_BRANCH } : {}),
  };
}
