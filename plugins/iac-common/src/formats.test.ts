import { gitBranchNameProblem } from './formats';
import { parsePlatformPayload } from './parse';
import { issuesOf, platform, valueOf } from './__fixtures__/helpers';

describe('git branch names (git check-ref-format --branch)', () => {
  it.each([
    'main',
    'release/v1',
    '_main',
    'feature/JIRA-12_x.y',
    'v1.2.3',
    'a.b',
  ])('%s is valid', name => {
    expect(gitBranchNameProblem(name)).toBeUndefined();
  });

  it.each([
    'a..b',
    '-main',
    'main.lock',
    'feat/x.lock/y',
    'a/.hidden',
    '.hidden',
    'a//b',
    '/a',
    'a/',
    'a.',
    'HEAD',
    '@',
    'a@{1}',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'a\\b',
    'a\u0001b',
  ])('%j is invalid', name => {
    expect(gitBranchNameProblem(name)).toEqual(expect.any(String));
  });

  it('the contract uses it for governance_context.default_branch', () => {
    const withBranch = (b: string) =>
      parsePlatformPayload(
        platform('aws', { top: { governance_context: { default_branch: b } } }),
      );
    valueOf(withBranch('release/v1'));
    valueOf(withBranch('_main'));
    for (const bad of ['a..b', '-main', 'x.lock', 'HEAD']) {
      expect(issuesOf(withBranch(bad))).toEqual([
        {
          path: 'governance_context.default_branch',
          message: expect.stringMatching(/^Invalid branch name/),
        },
      ]);
    }
  });
});
