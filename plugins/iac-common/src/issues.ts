/** One validation problem, in a shape a form or an API response can show. */
export interface ValidationIssue {
  /**
   * Dotted path of the offending field, e.g. "helm_context.hpa_min_replicas",
   * "terraform_context.private_subnet_cidrs[1]" or
   * 'terraform_context.tags["team name"]'. Empty for the payload itself.
   */
  path: string;
  /** What was wrong and what is allowed. Never echoes secret values. */
  message: string;
  /** The values the field accepts, when the contract lists them (enums). */
  allowed?: ReadonlyArray<string | number | boolean>;
}

/** Result of the never-throwing parse functions. */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; issues: ValidationIssue[] };

/** Formats a path array as "a.b[0].c", quoting keys that are not plain identifiers. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        out += out ? `.${key}` : key;
      } else {
        out += `[${JSON.stringify(key)}]`;
      }
    }
  }
  return out;
}

/** How an issue without a path (the payload itself) is named. */
export const ROOT_ISSUE_LABEL = 'payload';

/**
 * The name of the field an issue is about: its path, "payload" for the
 * payload itself, or a label the caller knows (a form field's title).
 */
export function issueLabel(issue: ValidationIssue, label?: string): string {
  return label || issue.path || ROOT_ISSUE_LABEL;
}

/** "path: message" (or "label: message" with a label, see issueLabel). */
export function formatIssue(issue: ValidationIssue, label?: string): string {
  return `${issueLabel(issue, label)}: ${issue.message}`;
}

/**
 * A heading and one "  - path: message" line per issue, e.g. for an
 * InputError or a CLI's stderr:
 *
 *     Invalid payload (2 problems):
 *       - helm_context.chart_name: …
 *       - helm_context.replica_count: …
 */
export function formatIssues(
  issues: readonly ValidationIssue[],
  heading = 'Invalid payload',
): string {
  return [
    `${heading} (${countProblems(issues.length)}):`,
    ...issues.map(issue => `  - ${formatIssue(issue)}`),
  ].join('\n');
}

/** "1 problem", "3 problems". */
export function countProblems(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

/**
 * The first few issues on one line ("a: …; b: … (and 3 more)"), for an
 * error message that must stay short.
 */
export function summarizeIssues(
  issues: readonly ValidationIssue[],
  max = 5,
): string {
  const shown = issues
    .slice(0, max)
    .map(issue => formatIssue(issue))
    .join('; ');
  return issues.length > max
    ? `${shown} (and ${issues.length - max} more)`
    : shown;
}
