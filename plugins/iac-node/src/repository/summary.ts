/*
 * The upgrade summary: template versions from → to with their changelog
 * lines, changed answers, files the templates changed, conflicts per file
 * and hunk. Markdown: the body of a pull request, the CLI's output.
 */
import type { ChangedFile, FileConflict } from './merge';
import type { UpgradeTemplateChange } from './upgrade';

export type SummaryInput = {
  status: 'up-to-date' | 'created' | 'existing' | 'dry-run';
  baseBranch: string;
  branch?: string;
  templates: UpgradeTemplateChange[];
  answersChanged: string[];
  files: ChangedFile[];
  conflicts: FileConflict[];
};

const MARK: Record<ChangedFile['status'], string> = {
  added: 'A',
  modified: 'M',
  deleted: 'D',
  renamed: 'R',
  mode: 'T',
};

/** One line per template: `terraform/aws-eks 1.0.0 → 1.2.0`. */
export function templateLine(t: UpgradeTemplateChange): string {
  const id = `${t.kind}/${t.name}`;
  switch (t.change) {
    case 'added':
      return `${id} (new) ${t.to}`;
    case 'removed':
      return `${id} ${t.from} (no longer rendered)`;
    case 'same':
      return `${id} ${t.to} (unchanged)`;
    default:
      return `${id} ${t.from} → ${t.to}`;
  }
}

/** `path (content): lines 12-18, 40-44` */
export function conflictLine(c: FileConflict): string {
  let where = '';
  if (c.hunks.length) {
    const ranges = c.hunks.map(h => `${h.startLine}-${h.endLine}`).join(', ');
    where = `: ${c.hunks.length === 1 ? 'lines' : 'hunks at lines'} ${ranges}`;
  } else if (c.messages.length) {
    where = `: ${c.messages[0]}`;
  }
  return `${c.path} (${c.types.join(', ') || 'conflict'})${where}`;
}

export function formatUpgradeSummary(input: SummaryInput): string {
  const lines: string[] = [];
  if (input.status === 'up-to-date') {
    lines.push(
      `Up to date: ${input.baseBranch} already has this render. Nothing to do, nothing written.`,
    );
  } else {
    const how = {
      created: 'created',
      existing: 'already exists (from an earlier run; nothing new written)',
      'dry-run': 'would be created (dry run: nothing written)',
    }[input.status];
    lines.push(
      `Upgrade branch ${input.branch} from ${input.baseBranch}: ${how}.`,
    );
  }
  lines.push('', '## Templates');
  for (const t of input.templates) {
    lines.push(`- ${templateLine(t)}`);
    for (const entry of t.changelog) {
      for (const change of entry.changes) {
        lines.push(`  - ${entry.version}: ${change}`);
      }
    }
  }
  if (input.answersChanged.length) {
    lines.push('', '## Changed answers');
    for (const p of input.answersChanged) lines.push(`- ${p}`);
  }
  if (input.status !== 'up-to-date') {
    lines.push('', `## Files changed by the render (${input.files.length})`);
    for (const f of input.files) {
      lines.push(
        `- ${MARK[f.status]} ${f.from ? `${f.from} → ` : ''}${f.path}`,
      );
    }
    const hunks = input.conflicts.reduce(
      (n, c) => n + Math.max(1, c.hunks.length),
      0,
    );
    lines.push(
      '',
      input.conflicts.length
        ? `## Conflicts (${input.conflicts.length} file(s), ${hunks} hunk(s)): resolve them on the branch`
        : '## Conflicts: none',
    );
    for (const c of input.conflicts) lines.push(`- ${conflictLine(c)}`);
  }
  return `${lines.join('\n')}\n`;
}
