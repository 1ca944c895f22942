import {
  DEFAULT_TEMPLATES,
  evaluateWhen,
  parsePlatformPayload,
  parseTemplateManifest,
  resolveTemplateNames,
  TemplateRef,
  validateTemplateSelection,
} from './index';
import { expectIssue, platform, valueOf } from './__fixtures__/helpers';

const REGISTRY: TemplateRef[] = [
  { name: 'aws-eks', kind: 'terraform', clouds: ['aws'] },
  { name: 'azure-aks', kind: 'terraform', clouds: ['azure'] },
  { name: 'gcp-gke', kind: 'terraform', clouds: ['gcp'] },
  { name: 'basic', kind: 'helm', clouds: ['aws', 'azure', 'gcp'] },
  { name: 'aks-basic', kind: 'helm', clouds: ['azure'] },
  { name: 'gke-basic', kind: 'helm', clouds: ['gcp'] },
  {
    name: 'github-actions',
    kind: 'governance',
    clouds: ['aws', 'azure', 'gcp'],
  },
];

describe('DEFAULT_TEMPLATES', () => {
  it('matches the generator spec', () => {
    expect(DEFAULT_TEMPLATES).toEqual({
      aws: { terraform: 'aws-eks', helm: 'basic' },
      azure: { terraform: 'azure-aks', helm: 'aks-basic' },
      gcp: { terraform: 'gcp-gke', helm: 'gke-basic' },
    });
  });
});

describe('resolveTemplateNames', () => {
  it('uses cloud defaults, overrides, and skips terraform for existing clusters', () => {
    expect(resolveTemplateNames({ cloud: 'azure' })).toEqual({
      terraform: 'azure-aks',
      helm: 'aks-basic',
    });
    expect(
      resolveTemplateNames({ cloud: 'gcp', existing_cluster: true }),
    ).toEqual({ helm: 'gke-basic' });
    expect(
      resolveTemplateNames({
        cloud: 'aws',
        helm_template: 'custom',
        terraform_template: 'aws-eks-v2',
      }),
    ).toEqual({
      terraform: 'aws-eks-v2',
      helm: 'custom',
    });
    expect(resolveTemplateNames({})).toEqual({ helm: 'basic' });
  });
});

describe('validateTemplateSelection', () => {
  it('accepts the defaults and valid overrides', () => {
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      expect(validateTemplateSelection({ cloud }, REGISTRY)).toEqual([]);
    }
    expect(
      validateTemplateSelection(
        { cloud: 'azure', helm_template: 'basic' },
        REGISTRY,
      ),
    ).toEqual([]);
  });

  it('rejects a template of the wrong cloud', () => {
    expect(
      validateTemplateSelection(
        { cloud: 'aws', terraform_template: 'gcp-gke' },
        REGISTRY,
      ),
    ).toEqual([
      {
        path: 'terraform_template',
        message:
          'terraform template "gcp-gke" supports gcp, not aws. Available terraform templates for aws: aws-eks',
      },
    ]);
    expect(
      validateTemplateSelection(
        { cloud: 'aws', helm_template: 'aks-basic' },
        REGISTRY,
      ),
    ).toEqual([
      {
        path: 'helm_template',
        message:
          'helm template "aks-basic" supports azure, not aws. Available helm templates for aws: basic',
      },
    ]);
  });

  it('rejects unknown templates and templates of the wrong kind', () => {
    expect(
      validateTemplateSelection(
        { cloud: 'gcp', helm_template: 'gke-fancy' },
        REGISTRY,
      ),
    ).toEqual([
      {
        path: 'helm_template',
        message:
          'Unknown helm template "gke-fancy". Available helm templates for gcp: basic, gke-basic',
      },
    ]);
    expect(
      validateTemplateSelection(
        { cloud: 'aws', terraform_template: 'basic' },
        REGISTRY,
      )[0],
    ).toEqual({
      path: 'terraform_template',
      message:
        '"basic" is a helm template, not a terraform template. Available terraform templates for aws: aws-eks',
    });
  });

  it('reports a missing default template', () => {
    const registry = REGISTRY.filter(t => t.name !== 'aks-basic');
    expect(validateTemplateSelection({ cloud: 'azure' }, registry)).toEqual([
      {
        path: 'helm_template',
        message:
          'The default helm template "aks-basic" for azure is not installed; set helm_template. Available helm templates for azure: basic',
      },
    ]);
  });

  it('ignores terraform for existing clusters but flags an override', () => {
    expect(
      validateTemplateSelection(
        { cloud: 'gcp', existing_cluster: true },
        REGISTRY,
      ),
    ).toEqual([]);
    expect(
      validateTemplateSelection(
        { cloud: 'gcp', existing_cluster: true, terraform_template: 'gcp-gke' },
        REGISTRY,
      ),
    ).toEqual([
      {
        path: 'terraform_template',
        message: expect.stringMatching(
          /Not used when existing_cluster is true/,
        ),
      },
    ]);
  });

  it('works on a parsed payload', () => {
    const payload = valueOf(
      parsePlatformPayload(
        platform('aws', { top: { terraform_template: 'azure-aks' } }),
      ),
    );
    expect(validateTemplateSelection(payload, REGISTRY)).toHaveLength(1);
  });
});

describe('template manifest', () => {
  const manifest = {
    name: 'basic',
    kind: 'helm',
    version: '1.2.0',
    description: 'Generic workload chart',
    clouds: ['aws', 'azure', 'gcp'],
    inputs_schema: 'helm_context',
    files: [
      { path: 'templates/istio-*.yaml', when: 'helm_context.istio_enabled' },
      { path: 'templates/hpa.yaml', when: 'helm_context.hpa_enabled' },
      {
        path: 'templates/deployment-replicas.yaml',
        when: '!helm_context.hpa_enabled',
      },
      {
        path: 'templates/logs-splunk-secret.yaml',
        when: 'helm_context.logs_provider=splunk',
      },
      { path: 'ci/{minimal,all-on}-values.yaml', when: 'cloud!=gcp' },
    ],
  };

  it('accepts a complete manifest', () => {
    expect(valueOf(parseTemplateManifest(manifest)).files).toHaveLength(5);
  });

  it.each([
    [
      { kind: 'ansible' },
      'kind',
      /Must be one of "terraform", "helm", "governance", "gitops"/,
    ],
    [{ clouds: [] }, 'clouds', 'Must contain at least 1 item'],
    [{ clouds: ['aws', 'aws'] }, 'clouds', /only once/],
    [{ clouds: ['oci'] }, 'clouds[0]', /Must be one of "aws"/],
    [{ version: '1' }, 'version', /SemVer 2/],
    [{ name: 'Basic' }, 'name', /template name/],
    [
      { files: [{ path: '../escape.yaml', when: 'cloud' }] },
      'files[0].path',
      /path traversal/,
    ],
    [
      { files: [{ path: '/etc/passwd', when: 'cloud' }] },
      'files[0].path',
      /no leading "\/"/,
    ],
    [
      { files: [{ path: 'a.yaml', when: 'helm_context.istio_enabled && x' }] },
      'files[0].when',
      /dotted payload path/,
    ],
    [
      { files: [{ path: 'a.yaml' }] },
      'files[0].when',
      /Required field is missing/,
    ],
    [{ extra: true }, 'extra', /Unknown field "extra"/],
  ])('rejects %j', (overrides, path, message) => {
    expectIssue(
      parseTemplateManifest({ ...manifest, ...overrides }),
      path,
      message,
    );
  });
});

describe('evaluateWhen', () => {
  const payload = {
    cloud: 'aws',
    existing_cluster: false,
    helm_context: {
      istio_enabled: true,
      hpa_enabled: false,
      logs_provider: 'splunk',
      env: [],
      tags: { a: 'b' },
    },
  };
  it.each([
    ['helm_context.istio_enabled', true],
    ['!helm_context.istio_enabled', false],
    ['helm_context.hpa_enabled', false],
    ['!helm_context.hpa_enabled', true],
    ['existing_cluster', false],
    ['!existing_cluster', true],
    ['helm_context.logs_provider=splunk', true],
    ['helm_context.logs_provider=grafana-cloud', false],
    ['helm_context.logs_provider!=grafana-cloud', true],
    ['cloud=aws', true],
    ['helm_context.missing', false],
    ['helm_context.missing.deeper', false],
    ['!helm_context.missing', true],
    ['helm_context.env', false],
    ['helm_context.tags', true],
    ['helm_context.missing=x', false],
    ['helm_context.missing!=x', true],
    ['constructor', false],
  ])('%s → %s', (when, expected) => {
    expect(evaluateWhen(when, payload)).toBe(expected);
  });
});
