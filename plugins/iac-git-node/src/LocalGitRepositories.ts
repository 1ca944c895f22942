/*
 * Bare git repositories on local disk: the embedded default's "git host".
 * The portal serves them read-only over git's smart HTTP protocol
 * (`git http-backend`), the scaffolder publishes into them, and the catalog
 * reads catalog-info.yaml from them. Uses the machine's git.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** owner and repo names: letters, digits, `_ . -`, not starting with a dot. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

export class RepositoryError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid' | 'exists' | 'not-found',
  ) {
    super(message);
    this.name = 'RepositoryError';
  }
}

export type PushOptions = {
  owner: string;
  repo: string;
  /** Folder whose files become the first commit. */
  sourceDir: string;
  branch?: string;
  message?: string;
  author?: { name: string; email: string };
  /**
   * Also create this branch at the first commit: the pristine line of
   * history of a generated repository (docs/adr/004).
   */
  pristineBranch?: string;
};

async function git(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  try {
    const { stdout } = await exec('git', args, {
      cwd: options.cwd,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: os.tmpdir(),
        ...options.env,
      },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'buffer',
    });
    return stdout as Buffer;
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(
      `git ${args[0]} failed: ${e.stderr?.toString().trim() || e.message}`,
    );
  }
}

/** A claimed but still empty repository folder older than this is abandoned. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

function isStaleClaim(dir: string): boolean {
  try {
    return (
      fs.readdirSync(dir).length === 0 &&
      Date.now() - fs.statSync(dir).mtimeMs > STALE_CLAIM_MS
    );
  } catch {
    return false;
  }
}

export class LocalGitRepositories {
  constructor(readonly root: string) {}

  /** Validates owner/repo and returns the bare repository's folder. */
  repoDir(owner: string, repo: string): string {
    for (const [what, value] of [
      ['owner', owner],
      ['repository name', repo],
    ] as const) {
      if (!NAME.test(value) || value.endsWith('.git')) {
        throw new RepositoryError(
          `Invalid ${what} ${JSON.stringify(
            value,
          )}: use letters, digits, "_", "." and "-" (at most 100, not ending in .git)`,
          'invalid',
        );
      }
    }
    return path.join(this.root, owner, `${repo}.git`);
  }

  exists(owner: string, repo: string): boolean {
    return fs.existsSync(path.join(this.repoDir(owner, repo), 'HEAD'));
  }

  /**
   * Creates the repository and pushes the folder's files as its first
   * commit. Refuses to overwrite an existing repository.
   *
   * Atomic against concurrent publishers of the same name: the name is
   * claimed with an exclusive mkdir of the final folder (one winner, the
   * others get "already exists"), the repository is built in a private
   * folder beside it and renamed over the (still empty) claim once complete.
   * On failure only what this call created is removed.
   */
  async createAndPush(
    options: PushOptions,
  ): Promise<{ commit: string; branch: string; pristineBranch?: string }> {
    const branch = options.branch ?? 'main';
    const bare = this.repoDir(options.owner, options.repo);
    fs.mkdirSync(path.dirname(bare), { recursive: true });
    this.claim(bare, `${options.owner}/${options.repo}`);
    const building = fs.mkdtempSync(
      path.join(path.dirname(bare), `.${options.repo}.tmp-`),
    );
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-push-'));
    const author = options.author ?? {
      name: 'IaC Forge',
      email: 'iacforge@localhost',
    };
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    };
    let published = false;
    try {
      await git(['init', '--bare', '--initial-branch', branch, building]);
      // let clients clone over http-backend without extra config
      await git(['config', 'http.uploadpack', 'true'], { cwd: building });
      await git(['init', '--initial-branch', branch, work]);
      await git(['--work-tree', options.sourceDir, 'add', '--all', '.'], {
        cwd: work,
      });
      await git(
        [
          '-c',
          'commit.gpgsign=false',
          'commit',
          '--quiet',
          '-m',
          options.message ?? 'Initial commit',
        ],
        { cwd: work, env },
      );
      await git(
        [
          'push',
          '--quiet',
          building,
          `HEAD:refs/heads/${branch}`,
          ...(options.pristineBranch && options.pristineBranch !== branch
            ? [`HEAD:refs/heads/${options.pristineBranch}`]
            : []),
        ],
        { cwd: work },
      );
      const commit = (await git(['rev-parse', 'HEAD'], { cwd: work }))
        .toString()
        .trim();
      // replaces the empty claim folder in one step (rename(2) replaces an
      // empty directory, never a non-empty one)
      fs.renameSync(building, bare);
      published = true;
      return { commit, branch, pristineBranch: options.pristineBranch };
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      if (!published) {
        fs.rmSync(building, { recursive: true, force: true });
        // our own claim, still empty (rmdir refuses a non-empty folder)
        try {
          fs.rmdirSync(bare);
        } catch {
          // already gone
        }
      }
    }
  }

  /**
   * Claims a repository name: an exclusive mkdir of its folder. A claim left
   * empty by a crashed publisher for longer than STALE_CLAIM_MS is taken over.
   */
  private claim(bare: string, name: string) {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.mkdirSync(bare);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (attempt === 0 && isStaleClaim(bare)) {
        try {
          fs.rmdirSync(bare);
        } catch {
          // taken by someone else meanwhile: the retry decides
        }
        continue;
      }
      throw new RepositoryError(`Repository ${name} already exists`, 'exists');
    }
  }

  /** Reads a file at a branch (or commit); undefined when it does not exist. */
  async readFile(
    owner: string,
    repo: string,
    ref: string,
    filePath: string,
  ): Promise<Buffer | undefined> {
    const bare = this.repoDir(owner, repo);
    if (!this.exists(owner, repo)) {
      throw new RepositoryError(
        `Repository ${owner}/${repo} not found`,
        'not-found',
      );
    }
    if (!/^[A-Za-z0-9_./-]+$/.test(ref) || ref.startsWith('-')) {
      throw new RepositoryError(
        `Invalid ref ${JSON.stringify(ref)}`,
        'invalid',
      );
    }
    const clean = path.posix.normalize(filePath).replace(/^\/+/, '');
    if (clean.startsWith('..')) {
      throw new RepositoryError(
        `Invalid path ${JSON.stringify(filePath)}`,
        'invalid',
      );
    }
    try {
      return await git(['--git-dir', bare, 'show', `${ref}:${clean}`]);
    } catch {
      return undefined;
    }
  }

  /**
   * A folder of a commit as a tar archive, its entries relative to the
   * folder (`''`: the whole tree); undefined when the folder does not exist.
   */
  async archive(
    owner: string,
    repo: string,
    commit: string,
    folder: string,
  ): Promise<Buffer | undefined> {
    const bare = this.repoDir(owner, repo);
    if (!/^[0-9a-f]{40,64}$/.test(commit)) {
      throw new RepositoryError(
        `Invalid commit ${JSON.stringify(commit)}`,
        'invalid',
      );
    }
    const clean = path.posix.normalize(`/${folder}`).replace(/^\/+|\/+$/g, '');
    try {
      return await git([
        '--git-dir',
        bare,
        'archive',
        '--format=tar',
        clean ? `${commit}:${clean}` : commit,
      ]);
    } catch {
      return undefined;
    }
  }

  /** The commit a ref points at. */
  async resolveRef(owner: string, repo: string, ref: string): Promise<string> {
    const bare = this.repoDir(owner, repo);
    return (
      await git(['--git-dir', bare, 'rev-parse', '--verify', `${ref}^{commit}`])
    )
      .toString()
      .trim();
  }
}
