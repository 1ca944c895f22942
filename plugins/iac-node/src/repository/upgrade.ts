/*
 * Day-2 upgrades of a generated repository (docs/adr/004): render again
 * with the current template trees (and optionally changed answers, checked
 * by the contract first), commit the render on the pristine branch, then
 * three-way merge it into a new branch from main with git itself. User
 * edits survive, template changes arrive, conflicts stay as ordinary
 * conflict markers and are listed per file and hunk.
 */
import {
  formatTemplateRef,
  ANSWERS_PATH,
  AnswersFile,
  CATALOG_INFO_PATH,
  compareSemver,
  parseAnswersFile,
  PRISTINE_BRANCH,
  summarizeIssues,
  templateVersionChanges,
  TemplateVersionChange,
  UPGRADE_BRANCH_PREFIX,
} from '@iacforge/plugin-iac-common';
import { IacEngine, requireGenerated } from '../engine';
import { FileToWrite } from '../files';
import { runGit } from '@iacforge/plugin-iac-git-node';
import {
  ChangedFile,
  changedFiles,
  commitTree,
  diffCommits,
  FileConflict,
  FileDiff,
  GitIdentity,
  isAncestor,
  mergeBase,
  mergeCommits,
  readBlob,
  resolveCommit,
  treeOf,
  writeTree,
} from './merge';
import { answersFile, catalogInfoFile, CatalogOptions } from './repoFiles';
import { changedPaths, mergeAnswers } from './answers';
import { formatUpgradeSummary } from './summary';

/** Why an upgrade cannot run; the message says what to do. */
export class UpgradeError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'no-pristine-branch'
      | 'no-base-branch'
      | 'no-answers'
      | 'invalid-answers'
      | 'downgrade'
      | 'unrelated-history',
  ) {
    super(message);
    this.name = 'UpgradeError';
  }
}

export type UpgradeOptions = {
  /** A git repository: a bare repository or a clone's folder. */
  repository: string;
  engine: IacEngine;
  /** Changed answers: merged over the recorded payload (objects merged, null removes a key). */
  answers?: Record<string, unknown>;
  /** Branch the upgrade branch starts from (default main). */
  baseBranch?: string;
  /** In a clone: the remote whose pristine branch is used when there is no local one (default origin). */
  remote?: string;
  /** Compute everything, move no ref. */
  dryRun?: boolean;
  /** Also return the upgrade branch's per-file diff against the base branch (a preview). */
  diff?: boolean;
  author?: GitIdentity;
};

/** A template's version change with the changelog lines it brings. */
export type UpgradeTemplateChange = TemplateVersionChange & {
  changelog: { version: string; changes: string[] }[];
};

export type UpgradeResult = {
  /**
   * up-to-date: nothing to do, nothing written. created: a new upgrade
   * branch. existing: the branch for this render already exists (an earlier
   * run). dry-run: what `created` would do.
   */
  status: 'up-to-date' | 'created' | 'existing' | 'dry-run';
  baseBranch: string;
  pristineBranch: string;
  /** The upgrade branch (absent when up to date). */
  branch?: string;
  /** Its commit: a merge of the base branch and the new pristine commit. */
  commit?: string;
  /** The pristine commit the new render was merged from. */
  pristineCommit: string;
  /** The last generation main already has. */
  previousPristineCommit: string;
  templates: UpgradeTemplateChange[];
  /** Payload paths the changed answers changed. */
  answersChanged: string[];
  /** What the templates changed since the last merged generation. */
  files: ChangedFile[];
  conflicts: FileConflict[];
  /** With `diff`: what the upgrade branch changes on the base branch, per file (conflict markers included). */
  diff?: FileDiff[];
  /** Human-readable summary (Markdown), the body of a pull request. */
  summary: string;
};

const bad = (message: string, code: UpgradeError['code']) =>
  new UpgradeError(message, code);

async function findPristine(repo: string, remote: string) {
  for (const ref of [
    `refs/heads/${PRISTINE_BRANCH}`,
    `refs/remotes/${remote}/${PRISTINE_BRANCH}`,
  ]) {
    const commit = await resolveCommit(repo, ref);
    if (commit) return { ref, commit };
  }
  return undefined;
}

async function noPristineMessage(repo: string, base: string, baseName: string) {
  const roots = (
    await runGit(['rev-list', '--max-parents=0', base], { cwd: repo })
  ).stdout
    .toString('utf8')
    .trim()
    .split('\n')
    .filter(Boolean);
  const first = roots.length === 1 ? roots[0] : undefined;
  const generated =
    first && (await readBlob(repo, first, ANSWERS_PATH)) !== undefined;
  const what = `This repository has no "${PRISTINE_BRANCH}" branch: the line of history that holds exactly what the generator produced, which an upgrade merges from.`;
  if (!first || !generated) {
    return `${what} Fetch it (git fetch origin ${PRISTINE_BRANCH}) if the repository has it, or generate the repository again with IaC Forge, which creates it.`;
  }
  const short = first.slice(0, 12);
  return `${what} If the first commit of ${baseName} (${short}) is the untouched generated output, create the branch from it and push it: git branch ${PRISTINE_BRANCH} ${short} && git push origin ${PRISTINE_BRANCH}. Then run the upgrade again.`;
}

function changelogBetween(
  engine: IacEngine,
  change: TemplateVersionChange,
): { version: string; changes: string[] }[] {
  if (change.change !== 'upgrade' && change.change !== 'added') return [];
  const tree = engine.registry.get(
    change.kind as Parameters<IacEngine['registry']['get']>[0],
    change.name,
  );
  const entries = tree?.manifest.changelog ?? [];
  return entries
    .filter(
      e =>
        (!change.from || compareSemver(e.version, change.from) > 0) &&
        compareSemver(e.version, change.to!) <= 0,
    )
    .sort((a, b) => compareSemver(b.version, a.version))
    .map(e => ({ version: e.version, changes: [...e.changes] }));
}

/** The files the generator writes for recorded answers: the trees, answers.json, catalog-info.yaml. */
function renderRepository(
  engine: IacEngine,
  answers: AnswersFile,
  payload: Record<string, unknown>,
  previousCatalogInfo: Buffer | undefined,
) {
  const result = requireGenerated(engine.generate(answers.request, payload));
  const template = answers.template
    ? { entityRef: answers.template }
    : undefined;
  const catalog = answers.catalog as CatalogOptions | undefined;
  const files: FileToWrite[] = [
    ...result.files,
    { path: ANSWERS_PATH, content: answersFile(result, template, catalog) },
  ];
  if (catalog) {
    files.push({
      path: CATALOG_INFO_PATH,
      content: catalogInfoFile(result, catalog, template),
    });
  } else if (previousCatalogInfo) {
    // generated before the settings were recorded: carried over as it was
    files.push({ path: CATALOG_INFO_PATH, content: previousCatalogInfo });
  }
  return { result, files };
}

/**
 * Upgrades a generated repository. Throws UpgradeError (what to do) and
 * PayloadValidationError (changed answers the contract rejects, with field
 * paths); nothing is written in either case.
 */
export async function upgradeRepository(
  options: UpgradeOptions,
): Promise<UpgradeResult> {
  const repo = options.repository;
  const baseBranch = options.baseBranch ?? 'main';
  const main = await resolveCommit(repo, `refs/heads/${baseBranch}`);
  if (!main) {
    throw bad(
      `The repository has no branch "${baseBranch}" to upgrade: check it out or pass the base branch.`,
      'no-base-branch',
    );
  }
  const pristine = await findPristine(repo, options.remote ?? 'origin');
  if (!pristine) {
    throw bad(
      await noPristineMessage(repo, main, baseBranch),
      'no-pristine-branch',
    );
  }
  const previous = await mergeBase(repo, main, pristine.commit);
  if (!previous) {
    throw bad(
      `"${baseBranch}" and "${PRISTINE_BRANCH}" share no history: ${baseBranch} must start from the generated commit. Recreate ${PRISTINE_BRANCH} from the commit of ${baseBranch} that holds the generated output.`,
      'unrelated-history',
    );
  }
  const recordedText = await readBlob(repo, pristine.commit, ANSWERS_PATH);
  if (!recordedText) {
    throw bad(
      `${PRISTINE_BRANCH} has no ${ANSWERS_PATH}: it was not written by IaC Forge, so there is nothing to render again.`,
      'no-answers',
    );
  }
  const parsed = parseAnswersFile(recordedText.toString('utf8'));
  if (!parsed.ok) {
    throw bad(
      `${ANSWERS_PATH} on ${PRISTINE_BRANCH} cannot be read: ${summarizeIssues(
        parsed.issues,
        parsed.issues.length,
      )}`,
      'invalid-answers',
    );
  }
  const recorded = parsed.value;
  const payload = mergeAnswers(recorded.payload, options.answers ?? {});
  const { result, files } = renderRepository(
    options.engine,
    recorded,
    payload,
    await readBlob(repo, pristine.commit, CATALOG_INFO_PATH),
  );

  const versions = templateVersionChanges(recorded.templates, result.templates);
  const downgrades = versions.filter(v => v.change === 'downgrade');
  if (downgrades.length) {
    throw bad(
      `The template roots hold older versions than the repository was generated with: ${downgrades
        .map(d => `${d.kind}/${d.name} ${d.from} → ${d.to}`)
        .join(
          ', ',
        )}. Point the upgrade at the current template roots; a downgrade is not an upgrade.`,
      'downgrade',
    );
  }
  const templates = versions.map(v => ({
    ...v,
    changelog: changelogBetween(options.engine, v),
  }));
  const answersChanged = changedPaths(recorded.payload, result.payload);

  const tree = await writeTree(repo, files);
  const sameAsTip = tree === (await treeOf(repo, pristine.commit));
  if (sameAsTip && (await isAncestor(repo, pristine.commit, main))) {
    const status = 'up-to-date' as const;
    return {
      status,
      baseBranch,
      pristineBranch: PRISTINE_BRANCH,
      pristineCommit: pristine.commit,
      previousPristineCommit: previous,
      templates,
      answersChanged,
      files: [],
      conflicts: [],
      summary: formatUpgradeSummary({
        status,
        baseBranch,
        templates,
        answersChanged,
        files: [],
        conflicts: [],
      }),
    };
  }
  const pristineCommit = sameAsTip
    ? pristine.commit
    : await commitTree(
        repo,
        tree,
        [pristine.commit],
        `IaC Forge render: ${result.templates
          .map(formatTemplateRef)
          .join(', ')}`,
        options.author,
      );
  const branch = `${UPGRADE_BRANCH_PREFIX}${pristineCommit.slice(0, 12)}`;
  const existing = await resolveCommit(repo, `refs/heads/${branch}`);
  const write = !options.dryRun && !existing;
  const localPristine = `refs/heads/${PRISTINE_BRANCH}`;
  if (write && (!sameAsTip || pristine.ref !== localPristine)) {
    // compare-and-swap: a concurrent upgrade of the same repository fails here
    await runGit(
      [
        'update-ref',
        localPristine,
        pristineCommit,
        pristine.ref === localPristine ? pristine.commit : '',
      ],
      { cwd: repo },
    );
  }
  // branch names label the conflict markers (<<<<<<< main, >>>>>>> iacforge/generated)
  let merged = await mergeCommits(
    repo,
    main,
    pristineCommit,
    write ? [baseBranch, PRISTINE_BRANCH] : undefined,
  );
  if (
    write &&
    ((await resolveCommit(repo, `refs/heads/${baseBranch}`)) !== main ||
      (await resolveCommit(repo, localPristine)) !== pristineCommit)
  ) {
    // a branch moved meanwhile: merge exactly the commits this run read
    merged = await mergeCommits(repo, main, pristineCommit);
  }
  const fileChanges = await changedFiles(repo, previous, pristineCommit);
  const summaryInput = {
    baseBranch,
    branch,
    templates,
    answersChanged,
    files: fileChanges,
    conflicts: merged.conflicts,
  };
  let status: UpgradeResult['status'];
  let commit: string;
  if (existing) {
    status = 'existing';
    commit = existing;
  } else {
    const message = formatUpgradeSummary({
      ...summaryInput,
      status: 'created',
    });
    commit = await commitTree(
      repo,
      merged.tree,
      [main, pristineCommit],
      `IaC Forge upgrade\n\n${message}`,
      options.author,
    );
    if (write) {
      await runGit(['update-ref', `refs/heads/${branch}`, commit, ''], {
        cwd: repo,
      });
      status = 'created';
    } else {
      status = 'dry-run';
    }
  }
  return {
    status,
    baseBranch,
    pristineBranch: PRISTINE_BRANCH,
    branch,
    commit,
    ...(options.diff ? { diff: await diffCommits(repo, main, commit) } : {}),
    pristineCommit,
    previousPristineCommit: previous,
    templates,
    answersChanged,
    files: fileChanges,
    conflicts: merged.conflicts,
    summary: formatUpgradeSummary({ ...summaryInput, status }),
  };
}
