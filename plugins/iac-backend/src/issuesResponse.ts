/*
 * Bad input as an HTTP answer: 400 with every field-path issue, the same
 * body for every route (preview, download, upgrade preview, body limits).
 */
import express from 'express';
import { countProblems, ValidationIssue } from '@iacforge/plugin-iac-common';

/** `{ error: { name: 'ValidationError', message }, issues }` with status 400. */
export function sendIssues(
  res: express.Response,
  issues: ValidationIssue[],
  heading = 'Invalid payload',
): void {
  res.status(400).json({
    error: {
      name: 'ValidationError',
      message: `${heading}: ${countProblems(issues.length)}`,
    },
    issues,
  });
}
