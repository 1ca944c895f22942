import path from 'node:path';
import YAML from 'yaml';
import { GenerateKind, IacEngine, requireGenerated } from './engine';
import { TemplateRenderError } from './render/renderTree';

const ROOT = path.join(__dirname, '__fixtures__', 'roots', 'basic');
const SOURCE = (rel: string) =>
  require('node:fs').readFileSync(path.join(ROOT, rel));

const seedAws = {
  cloud: 'aws',
  existing_cluster: false,
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
    cluster_autoscaling_enabled: false,
  },
  helm_context: {
    chart_name: 'payments',
    chart_version: '0.1.0',
    app_version: '1.0.0',
    namespace: 'payments',
    create_namespace: true,
    image_repository: 'nginx',
    image_tag: '1.27',
    replica_count: 2,
    service_port: 80,
    container_port: 80,
  },
  terraform_template: 'tf-one',
  helm_template: 'chart-one',
};

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

describe('IacEngine', () => {
  const engine = IacEngine.fromRoots([ROOT]);
  const generate = (kind: GenerateKind, input: unknown) =>
    requireGenerated(engine.generate(kind, input));

  it('discovers the trees under its roots', () => {
    expect(
      engine.templates().map(t => `${t.kind}/${t.name}@${t.version}`),
    ).toEqual([
      'governance/gov@1.0.0',
      'helm/chart-one@0.2.0',
      'terraform/tf-one@1.0.0',
    ]);
    expect(engine.templates().find(t => t.name === 'gov')?.include).toBe(
      'auto',
    );
  });

  it('renders a platform payload into a sorted file map', () => {
    const result = generate('platform', seedAws);
    const paths = result.files.map(f => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual([
      '.github/workflows/plan.yml',
      'charts/payments/Chart.yaml',
      'charts/payments/templates/deployment.yaml',
      'charts/payments/values.yaml',
      'terraform/README.md',
      'terraform/bootstrap.sh',
      'terraform/main.tf',
      'terraform/terraform.auto.tfvars.json',
    ]);
    expect(result.templates.map(t => t.name)).toEqual([
      'tf-one',
      'chart-one',
      'gov',
    ]);
  });

  it('copies non-.njk files byte for byte: Helm, HCL and Actions syntax pass through', () => {
    const result = generate('platform', seedAws);
    const file = (p: string) => result.files.find(f => f.path === p)!;
    expect(
      file('terraform/main.tf').content.equals(
        SOURCE('terraform/tf-one/main.tf'),
      ),
    ).toBe(true);
    expect(
      file('charts/payments/templates/deployment.yaml').content.equals(
        SOURCE('helm/chart-one/templates/deployment.yaml'),
      ),
    ).toBe(true);
    expect(file('terraform/main.tf').content.toString()).toContain(
      '%{if v != ""}${v}%{else}',
    );
    expect(
      file('charts/payments/templates/deployment.yaml').content.toString(),
    ).toContain('{{ include "chart.fullname" . }}');
    // rendered files keep foreign syntax too
    const plan = file('.github/workflows/plan.yml').content.toString();
    expect(plan).toContain('run: echo "${{ github.sha }}"');
    expect(plan).toContain('CLUSTER: "platform-eks"');
  });

  it('renders .njk files with escaping filters and drops the suffix', () => {
    const result = generate('platform', seedAws);
    const text = (p: string) =>
      result.files.find(f => f.path === p)!.content.toString();
    expect(JSON.parse(text('terraform/terraform.auto.tfvars.json'))).toEqual({
      cluster_name: 'platform-eks',
      project: 'platform',
    });
    expect(YAML.parse(text('charts/payments/values.yaml'))).toEqual({
      image: { repository: 'nginx', tag: '1.27' },
      replicaCount: 2,
    });
    expect(YAML.parse(text('charts/payments/Chart.yaml'))).toEqual({
      apiVersion: 'v2',
      name: 'payments',
      version: '0.1.0',
      appVersion: '1.0.0',
    });
    expect(text('terraform/README.md')).toBe(
      '# platform-eks\n\nProject: platform\n\n',
    );
  });

  it('keeps unix modes: scripts stay executable', () => {
    const result = generate('platform', seedAws);
    expect(
      result.files.find(f => f.path === 'terraform/bootstrap.sh')!.mode,
    ).toBe(0o755);
    expect(result.files.find(f => f.path === 'terraform/main.tf')!.mode).toBe(
      0o644,
    );
  });

  it('emits conditional files only when their condition holds', () => {
    const on = clone(seedAws) as any;
    on.terraform_context.cluster_autoscaling_enabled = true;
    expect(generate('platform', on).files.map(f => f.path)).toContain(
      'terraform/autoscaler.tf',
    );
    const off = clone(seedAws) as any;
    off.terraform_context.cluster_autoscaling_enabled = false;
    expect(generate('platform', off).files.map(f => f.path)).not.toContain(
      'terraform/autoscaler.tf',
    );
  });

  it('includes auto trees only when their conditions hold', () => {
    const off = clone(seedAws) as any;
    off.governance_context = { enabled: false };
    expect(generate('platform', off).files.map(f => f.path)).not.toContain(
      '.github/workflows/plan.yml',
    );
  });

  it('is deterministic: same input, same bytes', () => {
    const a = generate('platform', seedAws);
    const b = generate('platform', clone(seedAws));
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.files.map(f => f.content.toString('base64'))).toEqual(
      b.files.map(f => f.content.toString('base64')),
    );
    // a fresh engine (new registry, new compile) gives the same bytes too
    expect(
      requireGenerated(
        IacEngine.fromRoots([ROOT]).generate('platform', seedAws),
      ).contentHash,
    ).toBe(a.contentHash);
  });

  it('a one-field edit re-renders into the same Buffers where the text did not change', () => {
    const a = requireGenerated(engine.generate('platform', seedAws));
    const edited = clone(seedAws);
    edited.helm_context.chart_version = '0.2.0';
    const b = requireGenerated(engine.generate('platform', edited));
    expect(b.files.map(f => f.path)).toEqual(a.files.map(f => f.path));
    const changed = b.files.filter(
      (f, i) => !f.content.equals(a.files[i].content),
    );
    expect(changed.map(f => f.path)).toContain('charts/payments/Chart.yaml');
    // every unchanged file is the earlier render's Buffer (its digest and
    // preview JSON are reused), the changed ones new Buffers
    b.files.forEach((f, i) => {
      expect(f.content === a.files[i].content).toBe(
        f.content.equals(a.files[i].content),
      );
    });
    expect(b.contentHash).not.toBe(a.contentHash);
    expect(
      requireGenerated(engine.generate('platform', seedAws)).contentHash,
    ).toBe(a.contentHash);
  });

  it('skips Terraform for an existing cluster', () => {
    const existing = clone(seedAws) as any;
    existing.existing_cluster = true;
    delete existing.terraform_context;
    delete existing.terraform_template;
    existing.cloud = 'gcp';
    const paths = generate('platform', existing).files.map(f => f.path);
    expect(paths.some(p => p.startsWith('terraform/'))).toBe(false);
    expect(paths).toContain('charts/payments/Chart.yaml');
  });

  it('renders only the requested part for the terraform and helm routes', () => {
    const tf = generate('terraform', {
      cloud: 'aws',
      terraform_template: 'tf-one',
      terraform_context: seedAws.terraform_context,
    });
    expect(tf.files.every(f => f.path.startsWith('terraform/'))).toBe(true);
    const helm = generate('helm', {
      helm_template: 'chart-one',
      helm_context: seedAws.helm_context,
    });
    expect(helm.files.every(f => f.path.startsWith('charts/payments/'))).toBe(
      true,
    );
  });

  it('renders a cluster without a workload chart', () => {
    const result = generate('cluster', {
      cloud: 'aws',
      terraform_template: 'tf-one',
      terraform_context: seedAws.terraform_context,
    });
    const paths = result.files.map(f => f.path);
    expect(result.templates.map(t => t.name)).toEqual(['tf-one', 'gov']);
    expect(paths.some(p => p.startsWith('charts/'))).toBe(false);
    expect(paths).toContain('terraform/main.tf');
    expect(paths).toContain('.github/workflows/plan.yml');
    // a cluster payload has no helm_context
    expect(
      engine.validate('cluster', { ...seedAws, helm_template: undefined }),
    ).toMatchObject({
      ok: false,
      issues: expect.arrayContaining([
        expect.objectContaining({ path: 'helm_context' }),
      ]),
    });
  });

  it('answers every invalid field with its path, never throwing', () => {
    const bad = clone(seedAws) as any;
    bad.helm_context.chart_name = 'Not A Name';
    bad.helm_context.replica_count = -1;
    const outcome = engine.generate('platform', bad);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues.map(i => i.path)).toEqual(
      expect.arrayContaining([
        'helm_context.chart_name',
        'helm_context.replica_count',
      ]),
    );
  });

  it('answers a cross-field rule as an issue at its field', () => {
    const bad = clone(seedAws) as any;
    Object.assign(bad.helm_context, {
      hpa_enabled: true,
      hpa_min_replicas: 5,
      hpa_max_replicas: 3,
    });
    expect(engine.generate('platform', bad)).toEqual({
      ok: false,
      issues: [
        {
          path: 'helm_context.hpa_min_replicas',
          message:
            'hpa_min_replicas (5) must not be greater than hpa_max_replicas (3)',
        },
      ],
    });
  });

  it('lists the allowed values of an enum field', () => {
    const bad = clone(seedAws) as any;
    bad.cloud = 'oracle';
    const outcome = engine.generate('platform', bad);
    expect(!outcome.ok && outcome.issues[0]).toEqual(
      expect.objectContaining({
        path: 'cloud',
        allowed: ['aws', 'azure', 'gcp'],
      }),
    );
  });

  it('rejects unknown templates and templates of another cloud', () => {
    const unknown = clone(seedAws) as any;
    unknown.terraform_template = 'nope';
    expect(engine.validate('platform', unknown)).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          path: 'terraform_template',
          message: expect.stringContaining('Unknown terraform template "nope"'),
        }),
      ],
    });
    const wrongCloud = clone(seedAws) as any;
    wrongCloud.cloud = 'azure';
    delete wrongCloud.terraform_context.aws_region;
    wrongCloud.terraform_context.location = 'westeurope';
    wrongCloud.terraform_context.resource_group_name = 'rg-platform';
    const result = engine.validate('platform', wrongCloud);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'terraform_template',
          message: expect.stringContaining('not azure'),
        }),
      ]),
    );
  });

  it('never renders secrets; hands them back separately', () => {
    const withToken = clone(seedAws) as any;
    Object.assign(withToken.helm_context, {
      logs_enabled: true,
      logs_provider: 'splunk',
      logs_splunk_hec_url: 'https://splunk.example.com:8088/services/collector',
      logs_splunk_token_secret_name: 'splunk-hec-token',
      logs_splunk_token: 'super-secret-hec-token-123',
    });
    const result = generate('platform', withToken);
    expect(result.secrets).toEqual([
      {
        field: 'helm_context.logs_splunk_token',
        value: 'super-secret-hec-token-123',
      },
    ]);
    expect(JSON.stringify(result.payload)).not.toContain('super-secret');
    for (const f of result.files) {
      expect(f.content.toString()).not.toContain('super-secret');
    }
  });

  it('rejects a tree whose target would escape the output root', () => {
    const trees = engine.registry.list();
    const chart = trees.find(t => t.manifest.name === 'chart-one')!;
    const evil = {
      ...chart,
      target: undefined,
      files: [{ ...chart.files[0], output: '../x' }],
    };
    expect(() =>
      require('./render/renderTree').renderTree(evil, {
        helm_context: { chart_name: 'a' },
      }),
    ).toThrow(TemplateRenderError);
  });
});
