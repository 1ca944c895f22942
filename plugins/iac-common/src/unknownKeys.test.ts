/*
 * Unknown fields in bulk: the "did you mean" work is bounded by the number of
 * issues reported, not by the number of keys sent.
 */
import { MAX_PAYLOAD_DEPTH, payloadLimitIssue } from './limits';
import { MAX_ISSUES, parsePlatformPayload } from './parse';
import * as suggest from './suggest';
import { issuesOf, platform } from './__fixtures__/helpers';

jest.mock('./suggest', () => {
  const actual = jest.requireActual('./suggest');
  return { ...actual, suggestKey: jest.fn(actual.suggestKey) };
});

describe('unknown fields in bulk', () => {
  beforeEach(() => jest.mocked(suggest.suggestKey).mockClear());

  const junk = (prefix: string, n: number) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`${prefix}_${i}`, i]),
    );

  it('4 000 unknown keys in one object: one issue naming the limit, no suggestion computed', () => {
    const spy = jest.mocked(suggest.suggestKey);
    const issues = issuesOf(
      parsePlatformPayload(
        platform('aws', { helm: junk('hpa_min_replica', 4000) }),
      ),
    );
    expect(issues).toEqual([
      {
        path: 'helm_context',
        message: expect.stringMatching(/40\d\d fields; at most 500/),
      },
    ]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('2 880 unknown keys spread over the contexts: at most MAX_ISSUES suggestions computed, issues capped', () => {
    const spy = jest.mocked(suggest.suggestKey);
    const contexts = [
      'governance_context',
      'addons_context',
      'gitops_context',
      'reconciliation_context',
      'terraform_context',
      'helm_context',
    ];
    const payload = platform('aws', {
      top: junk('clodu', 480),
    }) as Record<string, any>;
    for (const name of contexts) {
      payload[name] = { ...payload[name], ...junk('hpa_min_replica', 400) };
    }
    // 480 + 6 × 400 = 2 880 unknown keys
    const issues = issuesOf(parsePlatformPayload(payload));
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues[MAX_ISSUES].message).toMatch(/more issue\(s\) not shown/);
    // the issues reported, plus the few named in zod's own summary messages
    expect(spy.mock.calls.length).toBeLessThanOrEqual(
      MAX_ISSUES + 5 * (contexts.length + 1),
    );
  });

  it('suggestions stay helpful and skip keys far from every field', () => {
    expect(suggest.suggestKey('hpa_min_replica', ['hpa_min_replicas'])).toBe(
      'hpa_min_replicas',
    );
    expect(suggest.suggestKey('hpaMaxReplicas', ['hpa_max_replicas'])).toBe(
      'hpa_max_replicas',
    );
    expect(suggest.suggestKey('x'.repeat(5000), ['namespace'])).toBeUndefined();
  });

  it('bounded edit distance gives up beyond the bound', () => {
    expect(suggest.editDistanceWithin('kitten', 'sitting', 3)).toBe(3);
    expect(suggest.editDistanceWithin('kitten', 'sitting', 2)).toBeUndefined();
    expect(
      suggest.editDistanceWithin('a'.repeat(1000), 'b'.repeat(1000), 2),
    ).toBeUndefined();
  });
});

describe('payload shape limits', () => {
  const deep = (depth: number) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  };

  it('nesting beyond the depth limit is one issue, at any depth, without recursion', () => {
    const issues = issuesOf(
      parsePlatformPayload({ cloud: 'aws', helm_context: deep(100_000) }),
    );
    expect(issues).toEqual([
      {
        path: 'helm_context.a.a.a.a.a.a.a…',
        message: `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`,
      },
    ]);
    expect(payloadLimitIssue(deep(MAX_PAYLOAD_DEPTH))).toBeUndefined();
    expect(payloadLimitIssue(deep(MAX_PAYLOAD_DEPTH + 1))).toBeDefined();
  });
});

describe('field names that are Object.prototype properties', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'unknown field %s: a plain message, no JavaScript internals',
    key => {
      const payload = JSON.parse(
        `{"cloud":"aws","${key}":1,"helm_context":{"${key}":1},"terraform_context":{"${key}":1}}`,
      );
      const issues = issuesOf(parsePlatformPayload(payload));
      const text = JSON.stringify(issues);
      expect(text).not.toMatch(/native code|function|\[object/);
      expect(issues).toEqual(
        expect.arrayContaining([
          {
            path: `helm_context.${key}`,
            message: expect.stringMatching(new RegExp(`"${key}"`)),
          },
        ]),
      );
    },
  );
});
