/*
 * Bad input of an action as the scaffolder's InputError: a heading and one
 * line per issue with its field path (the contract's formatIssues), so the
 * task log names every field to fix.
 */
import { InputError } from '@backstage/errors';
import { formatIssues, ValidationIssue } from '@iacforge/plugin-iac-common';

export function issuesInputError(
  issues: readonly ValidationIssue[],
  heading = 'Invalid IaC Forge payload',
): InputError {
  return new InputError(formatIssues(issues, heading));
}
