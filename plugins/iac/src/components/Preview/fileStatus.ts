import type { Finding, PreviewFile } from '../../api/types';

export type FileChange = 'added' | 'modified' | 'removed' | 'unchanged';

/** Change of each path between two previews (no baseline: every file unchanged). */
export function fileChanges(
  current: PreviewFile[],
  previous: PreviewFile[] | undefined,
): Map<string, FileChange> {
  const out = new Map<string, FileChange>();
  const before = new Map((previous ?? []).map(f => [f.path, f]));
  for (const file of current) {
    const old = before.get(file.path);
    if (!previous) out.set(file.path, 'unchanged');
    else if (!old) out.set(file.path, 'added');
    else if (old.content !== file.content || old.mode !== file.mode) {
      out.set(file.path, 'modified');
    } else out.set(file.path, 'unchanged');
  }
  if (previous) {
    const now = new Set(current.map(f => f.path));
    for (const file of previous) {
      if (!now.has(file.path)) out.set(file.path, 'removed');
    }
  }
  return out;
}

/** Findings grouped by file path. */
export function findingsByFile(
  findings: Finding[] | undefined,
): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const finding of findings ?? []) {
    const list = out.get(finding.file) ?? [];
    list.push(finding);
    out.set(finding.file, list);
  }
  return out;
}

/** A file to open first: the first with an error finding, else a README, else the first file. */
export function defaultFile(
  files: PreviewFile[],
  findings: Map<string, Finding[]>,
): string | undefined {
  const withError = files.find(f =>
    (findings.get(f.path) ?? []).some(x => x.severity === 'error'),
  );
  if (withError) return withError.path;
  const readme = files.find(f => /(^|\/)README\.md$/i.test(f.path));
  return (readme ?? files[0])?.path;
}
