import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { iacTemplateEntitiesLocation } from '@iacforge/plugin-iac-templates';
import { IacTemplatesEntityProvider, readLocationEntities } from './provider';

async function provided(
  enabled: boolean,
  locationFile = iacTemplateEntitiesLocation(),
) {
  const mutations: EntityProviderMutation[] = [];
  await new IacTemplatesEntityProvider({ locationFile, enabled }).connect({
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  });
  return mutations;
}

describe('IacTemplatesEntityProvider', () => {
  it('provides the five shipped Template entities with their source file', async () => {
    const [mutation] = await provided(true);
    expect(mutation.type).toBe('full');
    const entities = mutation.type === 'full' ? mutation.entities : [];
    expect(entities.map(e => e.entity.metadata.name).sort()).toEqual([
      'iacforge-cluster',
      'iacforge-gitops-service',
      'iacforge-service-existing-cluster',
      'iacforge-service-new-cluster',
      'iacforge-upgrade',
    ]);
    for (const { entity } of entities) {
      expect(entity.kind).toBe('Template');
      const source =
        entity.metadata.annotations?.['backstage.io/managed-by-location'];
      expect(source).toMatch(/^file:.*template\.yaml$/);
      expect(fs.existsSync(source!.slice('file:'.length))).toBe(true);
    }
  });

  it('removes them when turned off (an empty full mutation)', async () => {
    expect(await provided(false)).toEqual([{ type: 'full', entities: [] }]);
  });

  it('names the file of a broken entity', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iacforge-loc-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'loc.yaml'),
        'kind: Location\nspec:\n  targets: [./t.yaml]\n',
      );
      fs.writeFileSync(path.join(dir, 't.yaml'), 'kind: [unclosed\n');
      expect(() => readLocationEntities(path.join(dir, 'loc.yaml'))).toThrow(
        /t\.yaml/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
