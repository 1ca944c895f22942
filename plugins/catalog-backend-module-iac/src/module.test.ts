import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { catalogModuleIacTemplates } from './module';

async function providersWith(
  data: object,
  processors: CatalogProcessor[] = [],
) {
  const providers: EntityProvider[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...p: Array<EntityProvider | EntityProvider[]>) =>
            providers.push(...p.flat()),
          addProcessor: (...p: Array<CatalogProcessor | CatalogProcessor[]>) =>
            processors.push(...p.flat()),
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

  it('adds the template lag processor unless iac.catalog.templateLag is false', async () => {
    const processors: CatalogProcessor[] = [];
    await providersWith({}, processors);
    expect(processors.map(p => p.getProcessorName())).toEqual([
      'IacTemplateLagProcessor',
    ]);
    const none: CatalogProcessor[] = [];
    await providersWith({ iac: { catalog: { templateLag: false } } }, none);
    expect(none).toEqual([]);
  });

  it('provides nothing with iac.catalog.templates: false', async () => {
    const [provider] = await providersWith({
      iac: { catalog: { templates: false } },
    });
    expect(await entityNames(provider)).toEqual([]);
  });
});
