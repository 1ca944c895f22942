/*
 * Never-throwing parse API with readable issues: `{ path, message }` where
 * path is dotted ("helm_context.hpa_min_replicas") and the message says what
 * was wrong and what is allowed. Input values are not echoed (they may be
 * secrets); numbers and enum choices are.
 */
import { z } from 'zod';
import { Cloud } from './catalog';
import { helmContextSchema, HelmContext } from './helm';
import { formatPath, ParseResult, ValidationIssue } from './issues';
import {
  ClusterPayload,
  clusterPayloadSchema,
  HelmPayload,
  helmPayloadSchema,
  PlatformPayload,
  platformPayloadSchema,
  TerraformPayload,
  terraformPayloadSchema,
} from './platform';
import { payloadShapeIssues } from './limits';
import { knownKeysForInput, unknownKeyMessage } from './strict';
import { TemplateManifest, templateManifestSchema } from './templates';
import { TerraformContextByCloud, terraformContextSchemas } from './terraform';

/** At most this many issues are returned (the rest are summarized in one issue). */
export const MAX_ISSUES = 100;

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  never: 'nothing (this field is not allowed)',
};

function describeInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'number') {
    if (Number.isInteger(input)) return 'a whole number';
    return Number.isFinite(input) ? 'a decimal number' : 'a non-finite number';
  }
  if (typeof input === 'string') return 'a string';
  if (typeof input === 'boolean') return 'a boolean';
  if (typeof input === 'object') return 'an object';
  return typeof input;
}

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

function unionExpectation(
  errors: ReadonlyArray<ReadonlyArray<{ code?: string; expected?: string }>>,
): string {
  const expected = new Set<string>();
  for (const branch of errors) {
    for (const e of branch) {
      if (e.code === 'invalid_type' && e.expected)
        expected.add(EXPECTED[e.expected] ?? e.expected);
    }
  }
  return [...expected].join(' or ');
}

/** Error map used by the parse functions: readable messages that do not echo input. */
export const contractErrorMap: z.core.$ZodErrorMap = (raw: RawIssue) => {
  const iss = raw as RawIssue & Record<string, any>;
  switch (iss.code) {
    case 'invalid_type': {
      const isInt =
        iss.expected === 'number' &&
        (iss.inst?._zod?.def as { format?: string } | undefined)?.format ===
          'safeint';
      const expected = isInt
        ? EXPECTED.int
        : EXPECTED[iss.expected] ?? iss.expected;
      if (iss.input === undefined)
        return `Required field is missing (expected ${expected})`;
      return `Expected ${expected}, received ${describeInput(iss.input)}`;
    }
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      const bound = small ? iss.minimum : iss.maximum;
      let cmp: string;
      if (small) cmp = iss.inclusive ? 'at least' : 'more than';
      else cmp = iss.inclusive ? 'at most' : 'less than';
      if (iss.origin === 'string')
        return `Must be ${cmp} ${bound} characters long`;
      if (iss.origin === 'array' || iss.origin === 'set') {
        return `Must contain ${cmp} ${bound} item${
          Number(bound) === 1 ? '' : 's'
        }`;
      }
      const got = typeof iss.input === 'number' ? ` (got ${iss.input})` : '';
      return `Must be ${cmp} ${bound}${got}`;
    }
    case 'invalid_value': {
      const values = (iss.values as unknown[])
        .map(x => JSON.stringify(x))
        .join(', ');
      return iss.input === undefined
        ? `Required field is missing (one of ${values})`
        : `Must be one of ${values}`;
    }
    case 'invalid_union': {
      if (iss.discriminator) {
        const options = (iss.options as unknown[] | undefined)
          ?.map(x => JSON.stringify(x))
          .join(', ');
        const parent = iss.input;
        const value =
          parent && typeof parent === 'object'
            ? (parent as Record<string, unknown>)[iss.discriminator]
            : undefined;
        return value === undefined
          ? `Required field is missing (one of ${options})`
          : `Must be one of ${options}`;
      }
      const expectation = unionExpectation(iss.errors ?? []);
      return expectation
        ? `Expected ${expectation}, received ${describeInput(iss.input)}`
        : 'Invalid value';
    }
    case 'invalid_key':
      return `Invalid key: ${iss.issues?.[0]?.message ?? 'not allowed here'}`;
    case 'invalid_format':
      return `Invalid format (${iss.format})`;
    default:
      return undefined;
  }
};

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The values a field accepts, when the schema lists them (enums, literals). */
function allowedValues(
  iss: z.core.$ZodIssue,
): ValidationIssue['allowed'] | undefined {
  let listed: readonly unknown[] = [];
  if (iss.code === 'invalid_value') listed = iss.values;
  else if (iss.code === 'invalid_union')
    listed = (iss as { options?: unknown[] }).options ?? [];
  const values = listed.filter(
    (v): v is string | number | boolean =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  );
  return values.length === listed.length && values.length ? values : undefined;
}

/**
 * Converts zod issues into contract issues: dotted paths, one issue per
 * unknown key (with a suggestion), duplicates removed, capped at MAX_ISSUES.
 */
export function toValidationIssues(
  issues: ReadonlyArray<z.core.$ZodIssue>,
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  // past the cap, issues are only counted: no message (and no "did you
  // mean" suggestion) is computed for an issue nobody will see
  let rest = 0;
  const push = (
    path: ReadonlyArray<PropertyKey>,
    message: () => string,
    allowed?: ValidationIssue['allowed'],
  ) => {
    if (out.length >= MAX_ISSUES) {
      rest++;
      return;
    }
    const formatted = formatPath([...pathPrefix, ...path]);
    const text = message();
    const key = `${formatted}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(
      allowed
        ? { path: formatted, message: text, allowed }
        : { path: formatted, message: text },
    );
  };
  for (const iss of issues) {
    if (iss.code === 'unrecognized_keys') {
      const known = knownKeysForInput(valueAt(input, iss.path));
      for (const key of iss.keys)
        push([...iss.path, key], () => unknownKeyMessage(key, known));
    } else {
      push(iss.path, () => iss.message, allowedValues(iss));
    }
  }
  if (rest > 0) {
    out.push({
      path: '',
      message: `${rest} more issue(s) not shown; fix the ones above first`,
    });
  }
  return out;
}

/** Parses `input` with any contract schema without throwing. */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
): ParseResult<z.output<S>> {
  try {
    const shape = payloadShapeIssues(input, pathPrefix);
    if (shape.length) return { ok: false, issues: shape };
    const result = schema.safeParse(input, { error: contractErrorMap });
    if (result.success) return { ok: true, value: result.data };
    return {
      ok: false,
      issues: toValidationIssues(result.error.issues, input, pathPrefix),
    };
  } catch (error) {
    return {
      ok: false,
      issues: [
        {
          path: formatPath(pathPrefix),
          message: `The payload could not be read (${
            error instanceof Error ? error.name : 'error'
          }): send plain JSON data`,
        },
      ],
    };
  }
}

/** Parses a /generate/platform payload. Never throws. */
export function parseClusterPayload(
  input: unknown,
): ParseResult<ClusterPayload> {
  return safeParseWith(clusterPayloadSchema, input);
}

/** Parses a platform payload; never throws. */
export function parsePlatformPayload(
  input: unknown,
): ParseResult<PlatformPayload> {
  return safeParseWith(platformPayloadSchema, input);
}

/** Parses a /generate/terraform payload. Never throws. */
export function parseTerraformPayload(
  input: unknown,
): ParseResult<TerraformPayload> {
  return safeParseWith(terraformPayloadSchema, input);
}

/** Parses a /generate/helm payload. Never throws. */
export function parseHelmPayload(input: unknown): ParseResult<HelmPayload> {
  return safeParseWith(helmPayloadSchema, input);
}

/** Parses a helm_context alone (issue paths are prefixed with "helm_context"). Never throws. */
export function parseHelmContext(input: unknown): ParseResult<HelmContext> {
  return safeParseWith(helmContextSchema, input, ['helm_context']);
}

/** Parses a terraform_context of a cloud (issue paths prefixed with "terraform_context"). Never throws. */
export function parseTerraformContext<C extends Cloud>(
  cloud: C,
  input: unknown,
): ParseResult<TerraformContextByCloud[C]> {
  return safeParseWith(terraformContextSchemas[cloud], input, [
    'terraform_context',
  ]) as ParseResult<TerraformContextByCloud[C]>;
}

/** Parses a template manifest. Never throws. */
export function parseTemplateManifest(
  input: unknown,
): ParseResult<TemplateManifest> {
  return safeParseWith(templateManifestSchema, input);
}
