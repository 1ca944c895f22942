import {
  ChartTarget,
  chartFile,
  locateInTemplate,
  parseLintOutput,
  splitRendered,
} from './helmOutput';

const chart: ChartTarget = {
  dir: 'deploy/charts/c1',
  absDir: '/abs/deploy/charts/c1',
  name: 'c1',
  valuesSets: [{ label: 'values.yaml' }],
};

describe('helm output parsing', () => {
  it('parses helm 3 lint output', () => {
    const output = `==> Linting c1
[INFO] Chart.yaml: icon is recommended
[ERROR] templates/: template: c1/templates/a.yaml:6:15: executing "c1/templates/a.yaml" at <.Values.missing.deep>: nil pointer evaluating interface {}.deep
[WARNING] templates/service.yaml: object name does not conform to Kubernetes naming requirements: "Bad_Name"

Error: 1 chart(s) linted, 1 chart(s) failed
`;
    expect(parseLintOutput(chart, output)).toEqual([
      {
        severity: 'error',
        file: 'deploy/charts/c1/templates/a.yaml',
        line: 6,
        column: 15,
        message:
          'executing "c1/templates/a.yaml" at <.Values.missing.deep>: nil pointer evaluating interface {}.deep',
      },
      {
        severity: 'error',
        file: 'deploy/charts/c1/templates/service.yaml',
        message:
          'object name does not conform to Kubernetes naming requirements: "Bad_Name" (lint warning; fails --strict)',
      },
    ]);
  });

  it('parses helm 4 multi-line lint output the same way', () => {
    const output = `==> Linting c1
[INFO] Chart.yaml: icon is recommended
[ERROR] templates/: c1/templates/a.yaml:6:15
  executing "c1/templates/a.yaml" at <.Values.missing.deep>:
    nil pointer evaluating interface {}.deep
[ERROR] templates/b.yaml: unable to parse YAML: error converting YAML to JSON: yaml: line 6: did not find expected key

Error: 1 chart(s) linted, 1 chart(s) failed
`;
    expect(parseLintOutput(chart, output)).toEqual([
      expect.objectContaining({
        file: 'deploy/charts/c1/templates/a.yaml',
        line: 6,
        column: 15,
        message:
          'executing "c1/templates/a.yaml" at <.Values.missing.deep>: nil pointer evaluating interface {}.deep',
      }),
      {
        severity: 'error',
        file: 'deploy/charts/c1/templates/b.yaml',
        message:
          'unable to parse YAML: error converting YAML to JSON: yaml: line 6: did not find expected key',
      },
    ]);
  });

  it('maps helm paths, including subcharts, to the checked root', () => {
    expect(chartFile(chart, 'c1/templates/x.yaml')).toBe(
      'deploy/charts/c1/templates/x.yaml',
    );
    expect(chartFile(chart, 'c1/charts/db/templates/sts.yaml')).toBe(
      'deploy/charts/c1/charts/db/templates/sts.yaml',
    );
    expect(chartFile({ ...chart, dir: '.' }, 'c1/values.yaml')).toBe(
      'values.yaml',
    );
  });

  it('splits rendered output by # Source', () => {
    const docs = splitRendered(`---
# Source: c1/templates/service.yaml
apiVersion: v1
kind: Service
---
# Source: c1/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
`);
    expect(docs.map(d => d.source)).toEqual([
      'c1/templates/service.yaml',
      'c1/templates/deployment.yaml',
    ]);
  });

  it('finds a rendered key in its template when it is unambiguous', () => {
    const template = `spec:
  replicas: {{ .Values.replicas }}
  template:
    spec:
      containers:
        - name: app
          ports:
            - containerPort: {{ .Values.port }}
        - name: sidecar
`;
    expect(locateInTemplate(template, ['spec', 'replicas'])).toEqual({
      line: 2,
      column: 3,
    });
    expect(
      locateInTemplate(template, [
        'spec',
        'template',
        'spec',
        'containers',
        0,
        'ports',
        0,
        'containerPort',
      ]),
    ).toEqual({ line: 8, column: 15 });
    // "name" occurs twice: no guess
    expect(
      locateInTemplate(template, [
        'spec',
        'template',
        'spec',
        'containers',
        1,
        'name',
      ]),
    ).toBeUndefined();
  });
});
