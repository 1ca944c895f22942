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
