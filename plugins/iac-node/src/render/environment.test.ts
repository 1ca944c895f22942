import { createEnvironment, findUnescapedPrints } from './environment';

describe('template environment', () => {
  const env = createEnvironment();

  it('leaves Helm, Actions, HCL and bash syntax alone', () => {
    const source = [
      'helm: {{ .Values.x | quote }}',
      'actions: ${{ github.sha }}',
      'hcl: ${var.x} %{ if a }b%{ endif }',
      'bash: ${#ARR[@]} $((1+2))',
      'ours: {= name | yaml_str =}',
      '{## dropped ##}',
    ].join('\n');
    expect(env.renderString(source, { name: 'x' })).toBe(
      [
        'helm: {{ .Values.x | quote }}',
        'actions: ${{ github.sha }}',
        'hcl: ${var.x} %{ if a }b%{ endif }',
        'bash: ${#ARR[@]} $((1+2))',
        'ours: "x"',
        '',
      ].join('\n'),
    );
  });

  it('fails on undefined values instead of printing nothing', () => {
    expect(() => env.renderString('{= missing | yaml_str =}', {})).toThrow(
      /yaml_str: expected a string, number or boolean, got undefined/,
    );
  });

  it('finds prints without an escaping filter', () => {
    const source = [
      'ok: {= a | yaml_str =}',
      'raw: {= b =}',
      'wrong last filter: {= c | yaml_str | upper =}',
      'chain: {= d | default("x") | hcl_str =}',
      'pipe in string: {= e | replace("|", "-") | json =}',
      'or: {= f or g =}',
    ].join('\n');
    expect(findUnescapedPrints(source)).toEqual([
      { line: 2, expression: 'b' },
      { line: 3, expression: 'c | yaml_str | upper' },
      { line: 6, expression: 'f or g' },
    ]);
  });
});
