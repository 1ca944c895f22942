import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { formToPayload } from '@iacforge/plugin-iac-common';
import { IacEngine, requireGenerated } from '@iacforge/plugin-iac-node';
import { buildPayload } from './generate';
import { createClusterGenerateAction } from './clusterGenerate';
import { createHelmGenerateAction } from './helmGenerate';
import { createPlatformGenerateAction } from './platformGenerate';
import { createTerraformGenerateAction } from './terraformGenerate';

const ROOT = path.join(
  path.dirname(require.resolve('@iacforge/plugin-iac-node/package.json')),
  'src/__fixtures__/roots/basic',
);
const engine = IacEngine.fromRoots([ROOT]);

const helm_context = {
  chart_name: 'payments',
  chart_version: '0.1.0',
  app_version: '1.0.0',
  namespace: 'payments',
  image_repository: 'nginx',
  image_tag: '1.27',
};
const input = {
  cloud: 'aws' as const,
  terraform_template: 'tf-one',
  helm_template: 'chart-one',
  terraform_context: {
    project: 'platform',
    aws_region: 'us-east-1',
    cluster_name: 'platform-eks',
  },
  helm_context,
  catalog: { owner: 'group:default/platform-team', system: 'payments' },
};

function workspace() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-ws-'));
}

describe('iac:platform:generate', () => {
  const action = createPlatformGenerateAction({ engine });

  it('writes the tree, the answers file and catalog-info.yaml, with outputs', async () => {
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input,
      workspacePath,
      templateInfo: {
        entityRef: 'template:default/service-new-cluster',
        baseUrl: 'file:///x',
      },
    });
    await action.handler(ctx as any);
    const read = (p: string) =>
      fs.readFileSync(path.join(workspacePath, p), 'utf8');
    expect(read('charts/payments/Chart.yaml')).toContain('name: "payments"');
    expect(
      fs.statSync(path.join(workspacePath, 'terraform/bootstrap.sh')).mode &
        0o777,
    ).toBe(0o755);

    const answers = JSON.parse(read('.iacforge/answers.json'));
    expect(answers.template).toBe('template:default/service-new-cluster');
    expect(answers.templates.map((t: { name: string }) => t.name)).toEqual([
      'tf-one',
      'chart-one',
      'gov',
    ]);
    expect(answers.payload.helm_context.chart_name).toBe('payments');
    expect(answers.content_hash).toMatch(/^[0-9a-f]{64}$/);

    const [component, resource] = YAML.parseAllDocuments(
      read('catalog-info.yaml'),
    ).map(d => d.toJS());
    expect(component).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'payments',
        annotations: {
          'backstage.io/source-template':
            'template:default/service-new-cluster',
          'iacforge.io/cloud': 'aws',
          'iacforge.io/region': 'us-east-1',
          'iacforge.io/cluster': 'platform-eks',
          'iacforge.io/templates':
            'terraform/tf-one@1.0.0,helm/chart-one@0.2.0,governance/gov@1.0.0',
        },
        tags: ['aws', 'us-east-1'],
      },
      spec: {
        type: 'service',
        owner: 'group:default/platform-team',
        system: 'payments',
        dependsOn: ['resource:platform-eks'],
      },
    });
    expect(resource).toMatchObject({
      kind: 'Resource',
      metadata: { name: 'platform-eks' },
      spec: {
        type: 'kubernetes-cluster',
        owner: 'group:default/platform-team',
      },
    });

    expect(ctx.output).toHaveBeenCalledWith(
      'contentHash',
      answers.content_hash,
    );
    expect(ctx.output).toHaveBeenCalledWith('componentName', 'payments');
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining([
        '.iacforge/answers.json',
        'catalog-info.yaml',
        'terraform/main.tf',
      ]),
    );
  });

  it('logs a warning for an image that needs root (nginx), as the preview shows it', async () => {
    const ctx = createMockActionContext({ input, workspacePath: workspace() });
    const warn = jest.spyOn(ctx.logger, 'warn');
    await action.handler(ctx as any);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^helm_context\.image_repository: "nginx" will not become Ready .*nginx-unprivileged/,
      ),
    );
    const quiet = createMockActionContext({
      input: {
        ...input,
        helm_context: {
          ...helm_context,
          image_repository: 'nginxinc/nginx-unprivileged',
        },
      },
      workspacePath: workspace(),
    });
    const quietWarn = jest.spyOn(quiet.logger, 'warn');
    await action.handler(quiet as any);
    expect(quietWarn).not.toHaveBeenCalled();
  });

  it('is deterministic: the same input writes the same bytes', async () => {
    const a = workspace();
    const b = workspace();
    await action.handler(
      createMockActionContext({ input, workspacePath: a }) as any,
    );
    await action.handler(
      createMockActionContext({ input, workspacePath: b }) as any,
    );
    for (const f of [
      '.iacforge/answers.json',
      'catalog-info.yaml',
      'charts/payments/values.yaml',
    ]) {
      expect(fs.readFileSync(path.join(a, f))).toEqual(
        fs.readFileSync(path.join(b, f)),
      );
    }
  });

  it('takes tokens from task secrets, never writes them, and names the repository secrets', async () => {
    const workspacePath = workspace();
    const token = 'splunk-hec-secret-token-0000';
    const ctx = createMockActionContext({
      input: {
        ...input,
        helm_context: {
          ...helm_context,
          logs_enabled: true,
          logs_provider: 'splunk',
          logs_splunk_hec_url:
            'https://splunk.example.com:8088/services/collector',
          logs_splunk_token_secret_name: 'splunk-hec-token',
        },
      },
      secrets: { logs_splunk_token: token },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('secretNames', [
      'LOGS_SPLUNK_TOKEN',
    ]);
    const all = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap(e =>
          e.isDirectory()
            ? all(path.join(dir, e.name))
            : [path.join(dir, e.name)],
        );
    for (const file of all(workspacePath)) {
      expect(fs.readFileSync(file, 'utf8')).not.toContain(token);
    }
  });

  it('refuses tokens passed as plain input', async () => {
    const ctx = createMockActionContext({
      input: {
        ...input,
        helm_context: { ...helm_context, telemetry_auth_token: 'Bearer x' },
      },
      workspacePath: workspace(),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /helm_context.telemetry_auth_token must not be passed as action input.*task secret "telemetry_auth_token"/s,
    );
  });

  it('fails with every field path for a bad payload, writing nothing', async () => {
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input: {
        ...input,
        helm_context: {
          ...helm_context,
          chart_name: 'Not Valid',
          replica_count: 0.5,
        },
      },
      workspacePath,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Invalid IaC Forge payload[\s\S]*helm_context.chart_name[\s\S]*helm_context.replica_count/,
    );
    expect(fs.readdirSync(workspacePath)).toEqual([]);
  });

  it('writes when the preview showed the same content hash', async () => {
    const { catalog: _, ...payload } = input;
    const expected = requireGenerated(
      engine.generate('platform', payload),
    ).contentHash;
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input: { ...input, expectedContentHash: expected },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('contentHash', expected);
    expect(fs.existsSync(path.join(workspacePath, 'charts'))).toBe(true);
  });

  it('fails before writing anything when the preview was stale', async () => {
    // the preview showed chart 0.1.0; the answers now say 0.2.0
    const { catalog: _, ...payload } = input;
    const previewed = requireGenerated(
      engine.generate('platform', payload),
    ).contentHash;
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input: {
        ...input,
        helm_context: { ...helm_context, chart_version: '0.2.0' },
        expectedContentHash: previewed,
      },
      workspacePath,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      new RegExp(
        `^The preview was stale: it showed files with content hash ${previewed.slice(
          0,
          12,
        )}, but the answers now generate [0-9a-f]{12}\\. Nothing was written\\.`,
      ),
    );
    expect(fs.readdirSync(workspacePath)).toEqual([]);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('does not compare when no preview hash is given (API and CLI tasks)', async () => {
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input: { ...input, expectedContentHash: '' },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(fs.existsSync(path.join(workspacePath, 'charts'))).toBe(true);
  });

  it('writes into a subfolder and refuses to leave the workspace', async () => {
    const workspacePath = workspace();
    await action.handler(
      createMockActionContext({
        input: { ...input, targetPath: 'infra' },
        workspacePath,
      }) as any,
    );
    expect(
      fs.existsSync(path.join(workspacePath, 'infra/terraform/main.tf')),
    ).toBe(true);
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...input, targetPath: '../escape' },
          workspacePath,
        }) as any,
      ),
    ).rejects.toThrow(/outside/i);
  });

  it('supports dry runs', async () => {
    expect(action.supportsDryRun).toBe(true);
    const workspacePath = workspace();
    await action.handler(
      createMockActionContext({ input, workspacePath, isDryRun: true }) as any,
    );
    expect(
      fs.existsSync(path.join(workspacePath, 'charts/payments/Chart.yaml')),
    ).toBe(true);
  });

  it('skips Terraform and references the cluster for an existing cluster', async () => {
    const workspacePath = workspace();
    await action.handler(
      createMockActionContext({
        input: {
          cloud: 'gcp',
          existing_cluster: true,
          helm_template: 'chart-one',
          helm_context,
          catalog: {
            owner: 'group:default/platform-team',
            clusterRef: 'resource:default/prod-gke',
          },
        },
        workspacePath,
      }) as any,
    );
    expect(fs.existsSync(path.join(workspacePath, 'terraform'))).toBe(false);
    const docs = YAML.parseAllDocuments(
      fs.readFileSync(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    expect(docs).toHaveLength(1);
    expect(docs[0].spec.dependsOn).toEqual(['resource:default/prod-gke']);
  });
});

describe('iac:terraform:generate and iac:helm:generate', () => {
  it('write only their part', async () => {
    const tf = workspace();
    await createTerraformGenerateAction({ engine }).handler(
      createMockActionContext({
        input: {
          cloud: 'aws',
          terraform_template: 'tf-one',
          terraform_context: input.terraform_context,
        },
        workspacePath: tf,
      }) as any,
    );
    expect(fs.readdirSync(tf).sort()).toEqual(['.iacforge', 'terraform']);
    const helm = workspace();
    await createHelmGenerateAction({ engine }).handler(
      createMockActionContext({
        input: { helm_template: 'chart-one', helm_context },
        workspacePath: helm,
      }) as any,
    );
    expect(fs.readdirSync(helm).sort()).toEqual(['.iacforge', 'charts']);
  });
});

describe('form input (the Template passes ${{ parameters }})', () => {
  const action = createPlatformGenerateAction({ engine });
  // a form as the scaffolder hands it over: flat fields of every step
  const form = {
    cloud: 'aws',
    region: 'us-east-1',
    project: 'platform',
    cluster_name: 'platform-eks',
    node_pool: {
      instance_type: 'm6i.large',
      min_size: 1,
      desired_size: 2,
      max_size: 3,
    },
    terraform_template: 'tf-one',
    helm_template: 'chart-one',
    ...helm_context,
    features: { hpa_enabled: true, hpa_max_replicas: 5, keda_query: 'up' },
    owner: 'group:default/platform-team',
    repo_name: 'payments',
    preview: 'abc',
  };
  const formOptions = { extra: { governance_context: { enabled: false } } };

  it('renders what the preview renders: the payload of formToPayload for the same form and options', async () => {
    // what the IacPreview field sends to the API
    const previewed = formToPayload(form, formOptions).payload;
    const expected = requireGenerated(
      engine.generate('platform', previewed),
    ).contentHash;
    const workspacePath = workspace();
    const ctx = createMockActionContext({
      input: { form, formOptions, expectedContentHash: expected },
      workspacePath,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('contentHash', expected);
    const answers = JSON.parse(
      fs.readFileSync(
        path.join(workspacePath, '.iacforge/answers.json'),
        'utf8',
      ),
    );
    expect(answers.payload.helm_context).toMatchObject({
      hpa_enabled: true,
      hpa_max_replicas: 5,
    });
    expect(answers.payload.helm_context.keda_query).toBeUndefined();
  });

  it('reads the form as the scaffolder renders ${{ parameters }}: frozen objects without prototype', () => {
    const rendered = (value: unknown): unknown => {
      if (Array.isArray(value)) return Object.freeze(value.map(rendered));
      if (value && typeof value === 'object') {
        const out = Object.create(null);
        for (const [k, v] of Object.entries(value)) out[k] = rendered(v);
        return Object.freeze(out);
      }
      return value;
    };
    const { payload } = buildPayload(
      { form: rendered(form) as Record<string, unknown>, formOptions },
      undefined,
    );
    expect(payload).toEqual(formToPayload(form, formOptions).payload);
  });

  it('projects the form for its own kind', () => {
    const { payload } = buildPayload({ form, formOptions }, undefined, 'helm');
    expect(Object.keys(payload).sort()).toEqual([
      'cloud',
      'helm_context',
      'helm_template',
    ]);
    expect(payload).toEqual(
      formToPayload(form, { ...formOptions, kind: 'helm' }).payload,
    );
  });

  it('takes secrets from task secrets only, never from the form', () => {
    const { payload, used } = buildPayload(
      {
        form: {
          ...form,
          features: { telemetry_enabled: true, telemetry_auth_token: 'x' },
        },
      },
      { telemetry_auth_token: 'Bearer from-secrets' },
    );
    expect((payload.helm_context as any).telemetry_auth_token).toBe(
      'Bearer from-secrets',
    );
    expect(used).toEqual(['helm_context.telemetry_auth_token']);
  });

  it('refuses a form mixed with payload fields, and malformed forms', () => {
    expect(() =>
      buildPayload({ form, cloud: 'gcp', helm_context }, undefined),
    ).toThrow(/Pass either "form".*not both: found cloud, helm_context/);
    expect(() => buildPayload({ form: 'x' as any }, undefined)).toThrow(
      /form must be an object/,
    );
    expect(() =>
      buildPayload({ form, formOptions: [] as any }, undefined),
    ).toThrow(/formOptions must be an object/);
  });

  it('keeps accepting payload-shaped input (API users, own templates)', async () => {
    const { payload } = buildPayload(input, undefined);
    expect(payload.cloud).toBe('aws');
    expect(payload.helm_context).toEqual(helm_context);
  });
});

describe('buildPayload', () => {
  it('treats empty strings and nulls from template expressions as not set', () => {
    const { payload } = buildPayload(
      {
        cloud: 'aws',
        terraform_context: {
          aws_region: 'us-east-1',
          location: '',
          gcp_region: null,
          tags: {},
        },
        helm_template: '',
        catalog: { owner: 'x' },
        targetPath: 'infra',
      },
      undefined,
    );
    expect(payload).toEqual({
      cloud: 'aws',
      terraform_context: { aws_region: 'us-east-1', tags: {} },
    });
  });
});

describe('iac:cluster:generate', () => {
  it('writes the cluster without a chart and catalogs it as infrastructure', async () => {
    const workspacePath = workspace();
    await createClusterGenerateAction({ engine }).handler(
      createMockActionContext({
        input: {
          cloud: 'aws',
          terraform_template: 'tf-one',
          terraform_context: input.terraform_context,
          catalog: { owner: 'group:default/platform-team' },
        },
        workspacePath,
      }) as any,
    );
    expect(fs.existsSync(path.join(workspacePath, 'charts'))).toBe(false);
    expect(
      fs.existsSync(path.join(workspacePath, '.github/workflows/plan.yml')),
    ).toBe(true);
    const [component] = YAML.parseAllDocuments(
      fs.readFileSync(path.join(workspacePath, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJS());
    expect(component.metadata.name).toBe('platform-eks');
    expect(component.spec.type).toBe('infrastructure');
  });
});
