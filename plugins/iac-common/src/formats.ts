/*
 * Formats shared by the contract and the renderer's filters, defined once:
 * the contract accepts a value only when the filters it is printed through
 * can render it (plugins/iac-node/src/render/filters.ts imports these).
 */

/**
 * A token the `ident` filter prints as is (Markdown code spans, YAML plain
 * scalars, double-quoted shell strings, URL paths): letters, digits and
 * `_ . - / ( )`, not starting with `-`, `.` or `/` (never an option, a
 * hidden file or an absolute path).
 */
export const IDENT_TOKEN = /^[A-Za-z0-9_(][A-Za-z0-9_.()/-]*$/;

/** What IDENT_TOKEN allows, for messages. */
export const IDENT_TOKEN_ALLOWED =
  'letters, digits, "_", ".", "-", "/", "(" and ")", not starting with "-", "." or "/"';

/** Characters of a branch name we accept (a subset of what git allows). */
const BRANCH_CHARS = /^[A-Za-z0-9._/-]+$/;

/**
 * Why `name` is not a branch name git accepts (`git check-ref-format
 * --branch`), or undefined. On top of git's rules, only letters, digits and
 * `. _ - /` are accepted.
 */
export function gitBranchNameProblem(name: string): string | undefined {
  if (!BRANCH_CHARS.test(name)) {
    return 'use letters, digits, ".", "_", "-" and "/"';
  }
  if (name.startsWith('-')) return 'must not start with "-"';
  if (name === 'HEAD') return '"HEAD" is not a branch name';
  if (name.includes('..')) return 'must not contain ".."';
  if (name.endsWith('.')) return 'must not end with "."';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return 'must not start or end with "/" nor contain "//"';
  }
  for (const part of name.split('/')) {
    if (part.startsWith('.')) {
      return 'no part between "/" may start with "."';
    }
    if (part.endsWith('.lock')) {
      return 'no part between "/" may end with ".lock"';
    }
  }
  return undefined;
}

/** An HTTP header name as the contract accepts it (a subset of RFC 9110 tokens). */
export const HTTP_HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/** A GitHub environment name as the contract accepts it. */
export const GITHUB_ENVIRONMENT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * An Azure resource group name as the contract accepts it: Azure's
 * characters (letters, digits, `_ ( ) - .`, not ending in `.`), starting with
 * a letter, digit, `_` or `(`.
 */
export const AZURE_RESOURCE_GROUP_NAME =
  /^[A-Za-z0-9_(][A-Za-z0-9_().-]*(?<!\.)$/;

/** What AZURE_RESOURCE_GROUP_NAME allows, for messages. */
export const AZURE_RESOURCE_GROUP_NAME_ALLOWED =
  'an Azure resource group name: 1-90 letters, digits, "_", "-", ".", "(" and ")", starting with a letter, digit, "_" or "(" and not ending with "."';
