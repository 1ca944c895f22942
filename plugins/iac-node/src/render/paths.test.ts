import { joinOutputPath, normalizeOutputPath, UnsafePathError } from './paths';

describe('output paths', () => {
  it.each([
    ['a/b.txt', 'a/b.txt'],
    ['./a//b/./c', 'a/b/c'],
    ['.github/workflows/plan.yml', '.github/workflows/plan.yml'],
    ['a/..b/c', 'a/..b/c'],
  ])('normalises %j to %j', (input, output) => {
    expect(normalizeOutputPath(input)).toBe(output);
  });

  it.each([
    ['', /empty/],
    ['/etc/passwd', /absolute/],
    ['C:/x', /absolute/],
    ['../x', /\.\./],
    ['a/../../x', /\.\./],
    ['a/../b', /\.\./],
    ['a\\..\\b', /backslash/],
    ['a\u0000b', /control/],
    ['a\nb', /control/],
    ['.', /root/],
  ])('rejects %j', (input, reason) => {
    expect(() => normalizeOutputPath(input)).toThrow(UnsafePathError);
    expect(() => normalizeOutputPath(input)).toThrow(reason);
  });

  it('joins under a prefix and still rejects escapes', () => {
    expect(joinOutputPath('charts/x', 'values.yaml')).toBe(
      'charts/x/values.yaml',
    );
    expect(joinOutputPath('', 'a')).toBe('a');
    expect(() => joinOutputPath('charts', '../../x')).toThrow(UnsafePathError);
  });
});
