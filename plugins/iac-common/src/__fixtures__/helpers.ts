import { ParseResult, ValidationIssue } from '../issues';
import {
  MINIMAL_TERRAFORM_CONTEXT,
  SEED_HELM_AFFINITY,
  SEED_PLATFORM_NEW_CLUSTER,
} from '../seedExamples';

/** Issues of a failed result (fails the test when the result is ok). */
export function issuesOf<T>(result: ParseResult<T>): ValidationIssue[] {
  if (result.ok) {
    throw new Error('expected the payload to be rejected, but it was accepted');
  }
  return result.issues;
}

/** The value of a successful result (fails the test with the issues otherwise). */
export function valueOf<T>(result: ParseResult<T>): T {
  if (!result.ok) {
    throw new Error(
      `expected the payload to be accepted, got:\n${JSON.stringify(
        result.issues,
        null,
        2,
      )}`,
    );
  }
  return result.value;
}

/** Asserts an issue exists at `path` whose message matches `message`. */
export function expectIssue<T>(
  result: ParseResult<T>,
  path: string,
  message: RegExp | string,
) {
  const issues = issuesOf(result);
  const atPath = issues.filter(i => i.path === path);
  if (atPath.length === 0) {
    throw new Error(
      `no issue at "${path}"; issues:\n${JSON.stringify(issues, null, 2)}`,
    );
  }
  const re =
    typeof message === 'string'
      ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      : message;
  if (!atPath.some(i => re.test(i.message))) {
    throw new Error(
      `no issue at "${path}" matching ${re}; got:\n${JSON.stringify(
        atPath,
        null,
        2,
      )}`,
    );
  }
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
