import {
  cloudLabel,
  hasIacAnnotations,
  parseTemplates,
  readIacAnnotations,
  repoLinks,
  summarizeAnswers,
} from './entity';

const entity = (annotations: Record<string, string>) => ({
  metadata: { annotations },
});

describe('entity annotations', () => {
  it('reads the iacforge.io annotations', () => {
    const info = readIacAnnotations(
      entity({
        'iacforge.io/cloud': 'aws',
        'iacforge.io/region': 'eu-west-1',
        'iacforge.io/cluster': 'shop-dev',
        'iacforge.io/templates': 'aws-eks@1.2.0, basic@0.3.0,github-actions',
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/',
      }),
    );
    expect(info).toEqual({
      cloud: 'aws',
      knownCloud: 'aws',
      existingCluster: false,
      region: 'eu-west-1',
      cluster: 'shop-dev',
      templates: [
        { name: 'aws-eks', version: '1.2.0' },
        { name: 'basic', version: '0.3.0' },
        { name: 'github-actions' },
      ],
      sourceLocation: 'url:https://github.com/acme/shop/tree/main/',
    });
    expect(cloudLabel(info)).toBe('AWS EKS');
    expect(hasIacAnnotations(entity({ 'iacforge.io/cloud': 'gcp' }))).toBe(
      true,
    );
    expect(hasIacAnnotations(entity({}))).toBe(false);
  });

  it('understands existing clusters and unknown values', () => {
    expect(
      cloudLabel(
        readIacAnnotations(entity({ 'iacforge.io/cloud': 'existing:azure' })),
      ),
    ).toBe('Existing cluster (Azure AKS)');
    expect(
      cloudLabel(
        readIacAnnotations(entity({ 'iacforge.io/cloud': 'existing' })),
      ),
    ).toBe('Existing cluster');
    expect(
      cloudLabel(
        readIacAnnotations(entity({ 'iacforge.io/cloud': 'on-prem' })),
      ),
    ).toBe('on-prem');
    expect(parseTemplates(' , @1, a@')).toEqual([
      { name: '@1' },
      { name: 'a', version: undefined },
    ]);
    // the scaffolder actions record kind/name@version
    expect(parseTemplates('terraform/aws-eks@1.2.0,helm/basic@0.3.0')).toEqual([
      { kind: 'terraform', name: 'aws-eks', version: '1.2.0' },
      { kind: 'helm', name: 'basic', version: '0.3.0' },
    ]);
  });

  it('derives repository links', () => {
    expect(repoLinks('url:https://github.com/acme/shop/tree/main/')).toEqual({
      links: [
        { title: 'Source', url: 'https://github.com/acme/shop' },
        {
          title: 'Workflows',
          url: 'https://github.com/acme/shop/tree/main/.github/workflows',
        },
        { title: 'Workflow runs', url: 'https://github.com/acme/shop/actions' },
        {
          title: 'Generated docs',
          url: 'https://github.com/acme/shop/tree/main/docs',
        },
        {
          title: 'README',
          url: 'https://github.com/acme/shop/blob/main/README.md',
        },
      ],
      cloneUrl: 'https://github.com/acme/shop.git',
      answers: 'https://github.com/acme/shop/blob/main/.iacforge/answers.json',
    });
    expect(repoLinks('url:https://git.example.com/shop')?.links[1]).toEqual({
      title: 'Workflows',
      url: 'https://git.example.com/shop/.github/workflows/',
    });
    expect(repoLinks('garbage')).toBeUndefined();
    expect(repoLinks(undefined)).toBeUndefined();
  });

  it('links the files of the embedded git host (it serves files, not folders)', () => {
    const location =
      'url:http://localhost:7007/api/iac/git/team/shop/blob/main/';
    const withGovernance = repoLinks(location, [
      { kind: 'governance', name: 'github-actions', version: '1.0.0' },
    ])!;
    expect(withGovernance.cloneUrl).toBe(
      'http://localhost:7007/api/iac/git/team/shop.git',
    );
    expect(withGovernance.links.map(l => l.title)).toEqual([
      'README',
      'Governance guide',
      'Plan workflow',
      'Apply workflow',
      'Drift workflow',
    ]);
    expect(withGovernance.links[2].url).toBe(
      'http://localhost:7007/api/iac/git/team/shop/blob/main/.github/workflows/infra-plan.yml',
    );
    expect(repoLinks(location, [])!.links.map(l => l.title)).toEqual([
      'README',
    ]);
  });

  it('falls back to the location the entity was registered from', () => {
    const info = readIacAnnotations(
      entity({
        'iacforge.io/cloud': 'aws',
        'backstage.io/managed-by-location':
          'url:http://localhost:7007/api/iac/git/team/shop/blob/main/catalog-info.yaml',
      }),
    );
    expect(info.sourceLocation).toBe(
      'url:http://localhost:7007/api/iac/git/team/shop/blob/main/',
    );
    expect(
      readIacAnnotations(
        entity({
          'iacforge.io/cloud': 'aws',
          'backstage.io/managed-by-location': 'file:/tmp/catalog-info.yaml',
        }),
      ).sourceLocation,
    ).toBeUndefined();
  });

  it('summarizes answers.json leniently', () => {
    expect(
      summarizeAnswers({
        generated_at: '2026-11-02T10:00:00Z',
        content_hash: 'abc',
        templates: [{ name: 'aws-eks', version: '1.2.0' }, 'basic@0.3.0'],
        payload: {
          cloud: 'aws',
          terraform_context: { aws_region: 'us-east-1', cluster_name: 'c1' },
          helm_context: {
            chart_name: 'orders',
            image_repository: 'nginx',
            image_tag: '1.27',
          },
        },
      }),
    ).toEqual({
      generatedAt: '2026-11-02T10:00:00Z',
      contentHash: 'abc',
      generator: undefined,
      templates: [
        { name: 'aws-eks', version: '1.2.0' },
        { name: 'basic', version: '0.3.0' },
      ],
      facts: [
        ['Cloud', 'aws'],
        ['Region', 'us-east-1'],
        ['Cluster', 'c1'],
        ['Chart', 'orders'],
        ['Image', 'nginx:1.27'],
      ],
      // what the card's Upgrade link prefills
      upgradeForm: { image_tag: '1.27' },
    });
    expect(summarizeAnswers({}).facts).toEqual([]);
    // the shape written by iac:platform:generate
    expect(
      summarizeAnswers({
        generator: { name: 'iacforge', version: '0.1.0' },
        template: 'template:default/iacforge-service-new-cluster',
        request: 'platform',
        templates: [{ name: 'aws-eks', kind: 'terraform', version: '1.2.0' }],
        payload: { cloud: 'aws' },
        content_hash: 'h',
      }),
    ).toMatchObject({
      generator: 'iacforge 0.1.0',
      template: 'template:default/iacforge-service-new-cluster',
      templates: [{ name: 'aws-eks', kind: 'terraform', version: '1.2.0' }],
      facts: [['Cloud', 'aws']],
    });
  });
});
