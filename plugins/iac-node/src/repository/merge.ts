/*
 * Git plumbing for upgrades: write a file map as a tree, three-way merge two
 * commits without a work tree (`git merge-tree --write-tree`, git >= 2.38)
 * and read the conflicts it left, per file and per hunk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFiles, FileToWrite } from '../files';
import { runGit } from '@iacforge/plugin-iac-git-node';

/** One conflicted region of a file, as the conflict markers delimit it. */
export type ConflictHunk = {
  /** 1-based line of the `<<<<<<<` marker in the merged file. */
  startLine: number;
  /** 1-based line of the `>>>>>>>` marker. */
  endLine: number;
  /** The lines of the upgrade's base branch (your edits). */
  ours: string[];
  /** The lines of the new render (the template's change). */
  theirs: string[];
};

/** A file git could not merge cleanly. */
export type FileConflict = {
  path: string;
  /** git's conflict types, e.g. "content", "modify/delete", "add/add". */
  types: string[];
  /** What git said, one line per conflict. */
  messages: string[];
  /** Conflict markers left in the file (empty for modify/delete and the like). */
  hunks: ConflictHunk[];
};

/** A file the render changed between two generations. */
export type ChangedFile = {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'mode';
  /** For renames: the old path. */
  from?: string;
};

/** Author and committer of the commits an upgrade writes. */
export type GitIdentity = { name: string; email: string };

export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'IaC Forge',
  email: 'iacforge@localhost',
};

const identityEnv = (who: GitIdentity) => ({
  GIT_AUTHOR_NAME: who.name,
  GIT_AUTHOR_EMAIL: who.email,
  GIT_COMMITTER_NAME: who.name,
  GIT_COMMITTER_EMAIL: who.email,
});

const text = (b: Buffer) => b.toString('utf8').trim();

/**
 * Writes the files as a git tree object in the repository (a private index
 * and a scratch work tree: the repository's own index and work tree are not
 * touched). Files are staged like the first publish (`git add --all`).
 */
export async function writeTree(
  repo: string,
  files: FileToWrite[],
): Promise<string> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-render-'));
  try {
    const tree = path.join(scratch, 'tree');
    fs.mkdirSync(tree);
    await writeFiles(tree, files);
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    await runGit(['--work-tree', tree, 'add', '--all', '.'], {
      cwd: repo,
      env,
    });
    return text((await runGit(['write-tree'], { cwd: repo, env })).stdout);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Creates a commit object (no ref is moved). */
export async function commitTree(
  repo: string,
  tree: string,
  parents: string[],
  message: string,
  who: GitIdentity = DEFAULT_IDENTITY,
): Promise<string> {
  const args = ['commit-tree', tree, ...parents.flatMap(p => ['-p', p])];
  return text(
    (
      await runGit([...args, '-m', message], {
        cwd: repo,
        env: identityEnv(who),
      })
    ).stdout,
  );
}

/** The commit a ref names, or undefined. */
export async function resolveCommit(
  repo: string,
  ref: string,
): Promise<string | undefined> {
  const run = await runGit(
    ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`],
    { cwd: repo, okCodes: [0, 1, 128] },
  );
  return run.code === 0 ? text(run.stdout) : undefined;
}

export async function treeOf(repo: string, commit: string): Promise<string> {
  return text(
    (await runGit(['rev-parse', `${commit}^{tree}`], { cwd: repo })).stdout,
  );
}

export async function isAncestor(
  repo: string,
  ancestor: string,
  of: string,
): Promise<boolean> {
  const run = await runGit(['merge-base', '--is-ancestor', ancestor, of], {
    cwd: repo,
    okCodes: [0, 1],
  });
  return run.code === 0;
}

export async function mergeBase(
  repo: string,
  a: string,
  b: string,
): Promise<string | undefined> {
  const run = await runGit(['merge-base', a, b], {
    cwd: repo,
    okCodes: [0, 1],
  });
  return run.code === 0 ? text(run.stdout) : undefined;
}

/** A file's bytes at a commit, or undefined when it has none. */
export async function readBlob(
  repo: string,
  commit: string,
  file: string,
): Promise<Buffer | undefined> {
  const run = await runGit(['cat-file', 'blob', `${commit}:${file}`], {
    cwd: repo,
    okCodes: [0, 128],
  });
  return run.code === 0 ? run.stdout : undefined;
}

/** Files that differ between two commits, renames detected. */
export async function changedFiles(
  repo: string,
  from: string,
  to: string,
): Promise<ChangedFile[]> {
  const out = (
    await runGit(['diff-tree', '-r', '-M', '--name-status', '-z', from, to], {
      cwd: repo,
    })
  ).stdout
    .toString('utf8')
    .split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < out.length; ) {
    const status = out[i++];
    if (!status) break;
    if (status.startsWith('R') || status.startsWith('C')) {
      const old = out[i++];
      files.push({ path: out[i++], status: 'renamed', from: old });
      continue;
    }
    const file = out[i++];
    const kind: Record<string, ChangedFile['status']> = {
      A: 'added',
      D: 'deleted',
      M: 'modified',
      T: 'mode',
    };
    files.push({ path: file, status: kind[status[0]] ?? 'modified' });
  }
  return files;
}

/** One file's change between two commits, with its unified diff. */
export type FileDiff = ChangedFile & {
  /** `git diff` output of this file (binary files: git's one-line note). */
  patch: string;
};

/** Per-file unified diffs between two commits (renames detected). */
export async function diffCommits(
  repo: string,
  from: string,
  to: string,
): Promise<FileDiff[]> {
  const files = await changedFiles(repo, from, to);
  const patch = (
    await runGit(['diff', '-M', '--no-color', '--no-ext-diff', from, to], {
      cwd: repo,
    })
  ).stdout.toString('utf8');
  const chunks = patch.split(/^(?=diff --git )/m).filter(Boolean);
  return files.map(f => {
    const header = `diff --git a/${f.from ?? f.path} b/${f.path}\n`;
    return { ...f, patch: chunks.find(c => c.startsWith(header)) ?? '' };
  });
}

/** Reads the conflict markers of a merged file. */
export function conflictHunks(content: string): ConflictHunk[] {
  const lines = content.split('\n');
  const hunks: ConflictHunk[] = [];
  let open: ConflictHunk | undefined;
  let side: 'ours' | 'base' | 'theirs' = 'ours';
  lines.forEach((line, i) => {
    if (!open && line.startsWith('<<<<<<< ')) {
      open = { startLine: i + 1, endLine: i + 1, ours: [], theirs: [] };
      side = 'ours';
    } else if (open && line.startsWith('||||||| ')) {
      side = 'base';
    } else if (open && line === '=======') {
      side = 'theirs';
    } else if (open && line.startsWith('>>>>>>> ')) {
      open.endLine = i + 1;
      hunks.push(open);
      open = undefined;
    } else if (open && side !== 'base') {
      open[side].push(line);
    }
  });
  return hunks;
}

/**
 * Three-way merge of two commits (base: their merge base) into a tree,
 * conflicts left as markers in the files. The labels name the sides in the
 * markers.
 */
export async function mergeCommits(
  repo: string,
  ours: string,
  theirs: string,
  /** Ref names resolving to ours and theirs, shown in the conflict markers. */
  labels?: [string, string],
): Promise<{ tree: string; conflicts: FileConflict[] }> {
  const [a, b] = labels ?? [ours, theirs];
  const run = await runGit(
    ['merge-tree', '--write-tree', '-z', '--messages', a, b],
    { cwd: repo, okCodes: [0, 1] },
  );
  const fields = run.stdout.toString('utf8').split('\0');
  const tree = fields[0];
  const conflicted = new Set<string>();
  let i = 1;
  for (; i < fields.length && fields[i] !== ''; i++) {
    // "<mode> <object> <stage>\t<path>"
    conflicted.add(fields[i].slice(fields[i].indexOf('\t') + 1));
  }
  const byPath = new Map<string, FileConflict>();
  const conflictOf = (file: string) => {
    let c = byPath.get(file);
    if (!c) {
      c = { path: file, types: [], messages: [], hunks: [] };
      byPath.set(file, c);
    }
    return c;
  };
  // messages: <count> NUL <path>×count NUL <type> NUL <message> NUL
  for (i++; i < fields.length && fields[i] !== ''; ) {
    const count = Number(fields[i++]);
    const paths = fields.slice(i, i + count);
    i += count;
    const type = fields[i++] ?? '';
    const message = (fields[i++] ?? '').trim();
    const m = /^CONFLICT \((.+)\)$/.exec(type);
    if (!m) continue;
    for (const p of paths.filter(x => conflicted.has(x)).slice(0, 1)) {
      const c = conflictOf(p);
      const kind = m[1] === 'contents' ? 'content' : m[1];
      if (!c.types.includes(kind)) c.types.push(kind);
      c.messages.push(message);
    }
  }
  for (const file of conflicted) conflictOf(file);
  for (const c of byPath.values()) {
    const merged = await readBlob(repo, tree, c.path);
    if (merged && !merged.includes(0)) {
      c.hunks = conflictHunks(merged.toString('utf8'));
    }
  }
  return {
    tree,
    conflicts: [...byPath.values()].sort((x, y) =>
      x.path.localeCompare(y.path, 'en'),
    ),
  };
}
