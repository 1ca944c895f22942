import { ParseResult, ValidationIssue } from '../issues';
import {
  MINIMAL_TERRAFORM_CONTEXT,
  SEED_HELM_AFFINITY,
  SEED_PLATFORM_NEW_CLUSTER,
} from '../seedExamples';

/** Issues of a failed result (fails the test when the result is ok). */
export function issuesOf<T>(result: ParseResult<T>): ValidationIssue[] {
  expect(result.ok ? 'accepted' : 'rejected').toBe('rejected');
  return result.ok ? [] : result.issues;
}

/** The value of a successful result (fails the test with the issues otherwise). */
export function valueOf<T>(result: ParseResult<T>): T {
  // on failure jest prints the issues
  expect(result.ok ? [] : result.issues).toEqual([]);
  return (result as { ok: true; value: T }).value;
}

/** Asserts an issue exists at `path` whose message matches `message`. */
export function expectIssue<T>(
  result: ParseResult<T>,
  path: string,
  message: RegExp | string,
) {
  const issues = issuesOf(result);
  const re =
    typeof message === 'string'
      ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      : message;
  // on failure jest prints every issue
  expect(issues).toContainEqual(
    expect.objectContaining({ path, message: expect.stringMatching(re) }),
  );
}

/** A valid helm_context plus overrides. */
export function helm(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...SEED_HELM_AFFINITY, ...overrides };
}

/** A valid platform payload for a cloud plus overrides (top level and per context). */
export function platform(
  cloud: 'aws' | 'azure' | 'gcp' = 'aws',
  overrides: {
    top?: Record<string, unknown>;
    terraform?: Record<string, unknown>;
    helm?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  return {
    cloud,
    terraform_context: {
      ...MINIMAL_TERRAFORM_CONTEXT[cloud],
      ...overrides.terraform,
    },
    helm_context: {
      ...SEED_PLATFORM_NEW_CLUSTER.helm_context,
      ...overrides.helm,
    },
    ...overrides.top,
  };
}
