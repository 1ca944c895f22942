import { codeownerFromOwner, effectiveCodeowners } from './codeowners';

describe('CODEOWNERS from the owner', () => {
  it.each([
    ['group:default/platform-team', 'acme', '@acme/platform-team'],
    ['group:platform-team', 'acme', '@acme/platform-team'],
    ['platform-team', 'acme', '@acme/platform-team'],
    ['user:default/jdoe', undefined, '@jdoe'],
    ['User:default/jdoe', 'acme', '@jdoe'],
    ['group:default/platform-team', undefined, undefined],
    ['group:default/platform-team', 'bad_org', undefined],
    ['user:default/john.doe', 'acme', undefined],
    ['component:default/x', 'acme', undefined],
    [undefined, 'acme', undefined],
  ])('%s in %s -> %s', (owner, org, expected) => {
    expect(codeownerFromOwner(owner, org)).toBe(expected);
  });

  it('prefers the explicit list', () => {
    expect(
      effectiveCodeowners({
        codeowners: ['@acme/sre'],
        owner: 'group:default/platform',
        github_org: 'acme',
      }),
    ).toEqual(['@acme/sre']);
    expect(
      effectiveCodeowners({
        codeowners: [],
        owner: 'group:default/platform',
        github_org: 'acme',
      }),
    ).toEqual(['@acme/platform']);
    expect(effectiveCodeowners({})).toEqual([]);
  });
});
