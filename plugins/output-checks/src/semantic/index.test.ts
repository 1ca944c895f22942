import { runSemanticRules, SemanticRule } from '.';

describe('runSemanticRules', () => {
  const rule: SemanticRule = {
    check: 'pod-security',
    description: 'test rule: one finding per object',
    run: input =>
      input.manifests.map(m => ({
        check: 'pod-security',
        severity: 'error',
        file: m.file,
        message: `${String(m.object.kind)} is wrong`,
      })),
  };

  it('reports the same finding from several values sets once', () => {
    const object = { apiVersion: 'v1', kind: 'Pod' };
    const findings = runSemanticRules(
      {
        files: new Map(),
        manifests: [
          { file: 't/pod.yaml', object, chart: '.', values: 'values.yaml' },
          { file: 't/pod.yaml', object, chart: '.', values: 'ci/a.yaml' },
          { file: 't/other.yaml', object },
        ],
        chartsRendered: true,
      },
      [rule],
    );
    expect(findings).toEqual([
      {
        check: 'pod-security',
        severity: 'error',
        file: 't/pod.yaml',
        message: 'Pod is wrong',
      },
      {
        check: 'pod-security',
        severity: 'error',
        file: 't/other.yaml',
        message: 'Pod is wrong',
      },
    ]);
  });
});
