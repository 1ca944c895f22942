/*
 * Runs the machine's git without prompts, system config or the user's
 * global config, and hands back stdout, stderr and the exit code.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';

/** git exited with a code the caller did not accept. */
export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed: ${stderr.trim() || `exit code ${exitCode}`}`);
    this.name = 'GitCommandError';
  }
}

export type GitRun = { stdout: Buffer; stderr: string; code: number };

/**
 * Runs `git args` in `cwd`. Throws GitCommandError unless the exit code is
 * in `okCodes` (default: only 0).
 */
export function runGit(
  args: string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    okCodes?: number[];
  } = {},
): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
          HOME: os.tmpdir(),
          ...options.env,
        },
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'buffer',
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          const raw = (error as { code?: unknown }).code;
          code = typeof raw === 'number' ? raw : -1;
        }
        if (!(options.okCodes ?? [0]).includes(code)) {
          reject(new GitCommandError(args, code, stderr.toString()));
          return;
        }
        resolve({ stdout, stderr: stderr.toString(), code });
      },
    );
  });
}
