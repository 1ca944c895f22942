/*
 * User-string safety.
 *
 * Every value of the contract ends up in YAML (values.yaml, manifests), HCL or
 * `*.auto.tfvars.json`, JSON and GitHub Actions workflows. The renderers
 * serialize values properly, but the contract rejects anything that could
 * become code somewhere downstream, so that a value is inert wherever it
 * lands. This module is the single place those rules live; every string field
 * of every schema is built through `safeString()` in `fields.ts`, which
 * applies `findUnsafeContent()`.
 */

/** Per-field relaxations of the default string policy. */
export interface StringPolicy {
  /**
   * Allow `"`, `'`, backticks and backslashes. Only for values whose own
   * grammar needs them (a PromQL query, a JSON-valued annotation). Everything
   * else (control characters, template openers, `..` path segments) stays
   * forbidden.
   */
  allowQuotes?: boolean;
}

// C0 + DEL + C1 control characters (newline, carriage return, tab, NUL, ESC ...).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

// Invisible characters and bidirectional overrides ("Trojan Source"), and the
// Unicode line/paragraph separators that YAML and JavaScript treat as line breaks.
const INVISIBLE_CHARS =
  /[\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * Template openers of every syntax a value can travel through. Checked in this
 * order so that the most specific explanation wins (`${{` before `{{`).
 */
const TEMPLATE_OPENERS: ReadonlyArray<readonly [string, string]> = [
  ['${{', 'a GitHub Actions expression'],
  ['{{', 'a Helm/Go template action'],
  ['{%', 'a Nunjucks/Jinja tag'],
  ['{#', 'a Nunjucks/Jinja comment'],
  ['${', 'an HCL/shell interpolation'],
  ['%{', 'an HCL template directive'],
];

const QUOTE_CHARS = /["'`\\]/;

// A `..` path segment, with `/` or `\` as separator, also when percent-encoded.
const TRAVERSAL = /(^|[\\/])\.\.([\\/]|$)/;

function percentDecodedPathChars(value: string): string {
  return value
    .replace(/%2e/gi, '.')
    .replace(/%2f/gi, '/')
    .replace(/%5c/gi, '\\');
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Returns why `value` is unsafe, or `undefined` when it is acceptable under
 * `policy`. The message says what is wrong and what is allowed.
 */
export function findUnsafeContent(
  value: string,
  policy: StringPolicy = {},
): string | undefined {
  const control = CONTROL_CHARS.exec(value);
  if (control) {
    return `must be a single line of printable text: control characters such as newline, carriage return, tab or NUL are not allowed (found ${codePoint(
      control[0],
    )})`;
  }
  const invisible = INVISIBLE_CHARS.exec(value);
  if (invisible) {
    return `must not contain invisible, line-separator or bidirectional-override Unicode characters (found ${codePoint(
      invisible[0],
    )})`;
  }
  for (const [opener, what] of TEMPLATE_OPENERS) {
    if (value.includes(opener)) {
      return `must not contain "${opener}" (${what}): values are written into workflows, Helm charts and Terraform, where it would be evaluated instead of kept as text`;
    }
  }
  if (!policy.allowQuotes && QUOTE_CHARS.test(value)) {
    return 'must not contain quotes, backticks or backslashes (" \' ` \\)';
  }
  if (TRAVERSAL.test(value) || TRAVERSAL.test(percentDecodedPathChars(value))) {
    return 'must not contain ".." path segments (path traversal such as "../")';
  }
  return undefined;
}

/** True when `value` passes `findUnsafeContent` under `policy`. */
export function isSafeString(
  value: string,
  policy: StringPolicy = {},
): boolean {
  return findUnsafeContent(value, policy) === undefined;
}
