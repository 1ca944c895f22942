import YAML from 'yaml';
import {
  bool,
  FilterError,
  hclStr,
  ident,
  json,
  md,
  num,
  yaml,
  yamlStr,
} from './filters';

const HOSTILE = [
  'plain',
  'quote " and \' both',
  'new\nline and \r\n and \t tab',
  'colon: and # hash and - dash',
  '{{ .Values.evil }}',
  '%{ if true }x%{ endif }',
  '${var.secret}',
  '../../etc/passwd',
  'unicode ✓ \u2028 separator',
  'yes',
  '0777',
  '',
];

describe('escaping filters', () => {
  it.each(HOSTILE)('yaml_str keeps %j inert and round-trips it', value => {
    const doc = `key: ${yamlStr(value)}\n`;
    expect(YAML.parse(doc)).toEqual({ key: value });
  });

  it('yaml_str rejects GitHub Actions expressions', () => {
    expect(() => yamlStr('${{ secrets.TOKEN }}')).toThrow(/GitHub Actions/);
  });

  it('yaml_str rejects objects and missing values', () => {
    expect(() => yamlStr({})).toThrow(/expected a string/);
    expect(() => yamlStr(undefined)).toThrow(/undefined/);
  });

  it('hcl_str escapes HCL template sequences', () => {
    expect(hclStr('${var.x} and %{ if }')).toBe('"$${var.x} and %%{ if }"');
    expect(hclStr('a"b\nc')).toBe('"a\\"b\\nc"');
  });

  it('json and yaml serialise structures', () => {
    expect(json({ a: [1, 'x"y'] })).toBe('{"a":[1,"x\\"y"]}');
    expect(json({ a: 1 }, 2)).toBe('{\n  "a": 1\n}');
    const value = { name: 'a: b', list: ['{{ x }}', 'yes'], nested: { n: 1 } };
    expect(YAML.parse(yaml(value))).toEqual(value);
    expect(yaml({ a: { b: 1 } }, 4)).toBe('a:\n      b: 1');
    expect(() => yaml({ run: '${{ github.event.issue.title }}' })).toThrow(
      /GitHub Actions/,
    );
  });

  it('yaml names the refused string, so the engine can find its field', () => {
    let thrown: unknown;
    try {
      yaml({ steps: [{ run: 'echo ${{ github.token }}' }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FilterError);
    expect((thrown as FilterError).value).toBe('echo ${{ github.token }}');
  });

  it('yaml quotes strings that YAML 1.1 (Helm) or 1.2 would read as something else', () => {
    const ambiguous = [
      'yes',
      'on',
      'No',
      'y',
      'n',
      '0o17',
      '017',
      '1_000',
      '1e3',
      '.5',
      '1:20',
      '2024-01-01',
      '~',
      'null',
      '',
      '<<',
      '.inf',
    ];
    const text = yaml({ values: ambiguous, plain: 'hello', n: 3, b: true });
    for (const v of ambiguous) {
      expect(text).toContain(`- ${JSON.stringify(v)}`);
    }
    expect(text).toContain('plain: hello');
    // keys too: a plain `n:` key is `false` in YAML 1.1
    expect(text).toContain('"n": 3');
    expect(text).toContain('b: true');
    expect(YAML.parse(text, { version: '1.1' }).values).toEqual(ambiguous);
    expect(YAML.parse(text).values).toEqual(ambiguous);
  });

  it('md escapes Markdown and HTML and keeps one line', () => {
    expect(md('a|b <script> *x* [l](u)\nnext')).toBe(
      'a\\|b \\<script\\> \\*x\\* \\[l\\]\\(u\\) next',
    );
  });

  it('md leaves plain text as it is and escapes each special character alone', () => {
    expect(md('payments-api 0.1.0 us-east-1')).toBe(
      'payments-api 0.1.0 us-east-1',
    );
    expect(md(42)).toBe('42');
    for (const c of '\\`*_{}[]()#+!|<>~') {
      expect(md(`a${c}b`)).toBe(`a\\${c}b`);
    }
    expect(md('a\r\nb')).toBe('a b');
    expect(md('${{ secrets.X }}')).toBe('$\\{\\{ secrets.X \\}\\}');
    expect(md('cost $5')).toBe('cost $5');
  });

  it('num, bool and ident accept only their type', () => {
    expect(num(3)).toBe('3');
    expect(() => num('3')).toThrow(/finite number/);
    expect(() => num(Infinity)).toThrow(/finite number/);
    expect(bool(false)).toBe('false');
    expect(() => bool('false')).toThrow(/boolean/);
    expect(ident('payments-api_v1.2')).toBe('payments-api_v1.2');
    expect(() => ident('../x')).toThrow(/not an identifier/);
    expect(() => ident('a b')).toThrow(/not an identifier/);
  });
});
