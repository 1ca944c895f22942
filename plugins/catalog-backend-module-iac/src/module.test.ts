import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModuleIacTemplates } from './module';

async function providersWith(data: object) {
  const providers: EntityProvider[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...p: Array<EntityProvider | EntityProvider[]>) =>
            providers.push(...p.flat()),
        },
      ],
    ],
    features: [
      catalogModuleIacTemplates,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return providers;
}

async function entityNames(provider: EntityProvider): Promise<string[]> {
  const names: string[] = [];
  await provider.connect({
    applyMutation: async m => {
      if (m.type === 'full')
        names.push(...m.entities.map(e => e.entity.metadata.name));
    },
    refresh: async () => {},
  });
  return names;
}

describe('catalogModuleIacTemplates', () => {
  it('adds the Template provider by default', async () => {
    const [provider] = await providersWith({});
    expect(provider.getProviderName()).toBe('iacforge-templates');
    expect(await entityNames(provider)).toHaveLength(5);
  });

  it('provides nothing with iac.catalog.templates: false', async () => {
    const [provider] = await providersWith({
      iac: { catalog: { templates: false } },
    });
    expect(await entityNames(provider)).toEqual([]);
  });
});
