import type { Entity } from '@backstage/catalog-model';
import { createEngine } from '@iacforge/plugin-iac-node';
import { IacTemplateLagProcessor } from './templateLagProcessor';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', annotations },
  spec: { type: 'service', owner: 'team', lifecycle: 'experimental' },
});

describe('IacTemplateLagProcessor', () => {
  const processor = new IacTemplateLagProcessor(() => [
    { kind: 'terraform', name: 'aws-eks', version: '1.10.0' },
    { kind: 'helm', name: 'basic', version: '1.0.0' },
  ]);

  it('marks a component generated from older template versions (compared as SemVer)', async () => {
    const out = await processor.preProcessEntity(
      component({
        'iacforge.io/templates': 'terraform/aws-eks@1.9.0,helm/basic@1.0.0',
      }),
    );
    expect(out.metadata.annotations).toMatchObject({
      'iacforge.io/outdated': 'true',
      'iacforge.io/template-lag': 'aws-eks 1.9.0 → 1.10.0',
    });
  });

  it('marks an up-to-date component false and drops a stale lag', async () => {
    const out = await processor.preProcessEntity(
      component({
        'iacforge.io/templates': 'terraform/aws-eks@1.10.0',
        'iacforge.io/template-lag': 'aws-eks 1.9.0 → 1.10.0',
      }),
    );
    expect(out.metadata.annotations?.['iacforge.io/outdated']).toBe('false');
    expect(out.metadata.annotations).not.toHaveProperty(
      'iacforge.io/template-lag',
    );
  });

  it('leaves other entities alone', async () => {
    const entity = component({ 'backstage.io/techdocs-ref': 'dir:.' });
    expect(await processor.preProcessEntity(entity)).toBe(entity);
  });

  it('reads the installed versions from the shipped trees', async () => {
    const engine = createEngine();
    const shipped = new IacTemplateLagProcessor(() => engine.templates());
    const out = await shipped.preProcessEntity(
      component({ 'iacforge.io/templates': 'terraform/aws-eks@0.1.0' }),
    );
    expect(out.metadata.annotations?.['iacforge.io/outdated']).toBe('true');
    expect(out.metadata.annotations?.['iacforge.io/template-lag']).toMatch(
      /^aws-eks 0\.1\.0 → \d+\.\d+\.\d+$/,
    );
  });
});
