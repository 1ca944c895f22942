import {
  localGitRepositoryOf,
  compareSemver,
  formatTemplateLag,
  parseAnswersFile,
  parseTemplatesAnnotation,
  templateLag,
  templateVersionChanges,
} from './upgrades';

describe('compareSemver', () => {
  it('orders versions by SemVer 2 precedence, not as strings', () => {
    const sorted = [
      '1.10.0',
      '1.2.0',
      '1.0.0',
      '1.0.0-rc.1',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '0.9.9',
    ].sort(compareSemver);
    expect(sorted).toEqual([
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
    ]);
    expect(compareSemver('1.0.0+build.1', '1.0.0')).toBe(0);
  });

  it('rejects what is not SemVer, naming the value', () => {
    expect(() => compareSemver('v1.0.0', '1.0.0')).toThrow(
      'Not a SemVer version: "v1.0.0"',
    );
  });
});

describe('template versions', () => {
  const t = (name: string, version: string) => ({
    kind: 'terraform',
    name,
    version,
  });

  it('classifies each template between two generations', () => {
    expect(
      templateVersionChanges(
        [t('a', '1.0.0'), t('b', '1.2.0'), t('c', '2.0.0'), t('gone', '1.0.0')],
        [t('a', '1.10.0'), t('b', '1.2.0'), t('c', '1.9.0'), t('new', '0.1.0')],
      ).map(c => `${c.name}:${c.change}`),
    ).toEqual([
      'a:upgrade',
      'b:same',
      'c:downgrade',
      'new:added',
      'gone:removed',
    ]);
  });

  it('lag: only templates with a newer version available', () => {
    expect(
      templateLag(
        parseTemplatesAnnotation(
          'terraform/aws-eks@1.0.0,helm/basic@1.0.0,bad entry',
        ),
        [
          { kind: 'terraform', name: 'aws-eks', version: '1.2.0' },
          { kind: 'helm', name: 'basic', version: '1.0.0' },
          { kind: 'helm', name: 'other', version: '9.0.0' },
        ],
      ),
    ).toEqual([
      { kind: 'terraform', name: 'aws-eks', from: '1.0.0', to: '1.2.0' },
    ]);
    // without a kind: by name; newest wins; 1.10.0 is newer than 1.9.0
    expect(
      formatTemplateLag(
        templateLag(
          [
            { name: 'basic', version: '1.9.0' },
            { name: 'x', version: 'v1' },
          ],
          [
            { kind: 'helm', name: 'basic', version: '1.10.0' },
            { kind: 'helm', name: 'basic', version: '1.2.0' },
            { kind: 'helm', name: 'x', version: '2.0.0' },
          ],
        ),
      ),
    ).toBe('basic 1.9.0 → 1.10.0');
  });
});

describe('parseAnswersFile', () => {
  it('reads a recorded answers file and keeps unknown keys', () => {
    const parsed = parseAnswersFile(
      JSON.stringify({
        generator: { name: 'iacforge', version: '0.1.0' },
        template: null,
        request: 'platform',
        templates: [{ name: 'aws-eks', kind: 'terraform', version: '1.0.0' }],
        payload: { cloud: 'aws' },
        future_field: 1,
      }),
    );
    expect(parsed.ok && parsed.value.future_field).toBe(1);
  });

  it('explains what is wrong, with paths', () => {
    expect(parseAnswersFile('{')).toEqual({
      ok: false,
      issues: [
        {
          path: '',
          message: expect.stringContaining(
            '.iacforge/answers.json is not valid JSON',
          ),
        },
      ],
    });
    const bad = parseAnswersFile({
      generator: {},
      request: 'x',
      templates: [],
      payload: {},
    });
    expect(bad.ok ? [] : bad.issues.map(i => i.path)).toEqual(
      expect.arrayContaining(['generator.name', 'request']),
    );
  });
});

describe('localGitRepositoryOf', () => {
  const base = 'http://localhost:7007/api/iac/git';
  it('reads owner and repository from a URL on the portal git host', () => {
    expect(
      localGitRepositoryOf(
        `url:${base}/team/payments/blob/main/catalog-info.yaml`,
        base,
      ),
    ).toEqual({ owner: 'team', repo: 'payments' });
    expect(
      localGitRepositoryOf(`${base}/team/payments.git`, `${base}/`),
    ).toEqual({
      owner: 'team',
      repo: 'payments',
    });
  });
  it('is undefined for other hosts', () => {
    expect(
      localGitRepositoryOf('url:https://github.com/acme/x/tree/main/', base),
    ).toBeUndefined();
    expect(localGitRepositoryOf(`${base}/only-owner`, base)).toBeUndefined();
  });
});
