import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { iacEngineServiceRef } from '@iacforge/plugin-iac-node';
import { localGitServiceRef } from '@iacforge/plugin-iac-backend-module-git';
import { catalogLookupFromServices } from './catalogNames';
import { readPublishTarget } from './publishTarget';
import { registerPublishPermission } from './permissions';
import { createClusterGenerateAction } from './actions/clusterGenerate';
import { createGithubGovernanceAction } from './actions/githubGovernance';
import { createHelmGenerateAction } from './actions/helmGenerate';
import { createPlatformGenerateAction } from './actions/platformGenerate';
import { createPublishAction } from './actions/publish';
import { createPublishLocalAction } from './actions/publishLocal';
import { createTerraformGenerateAction } from './actions/terraformGenerate';
import { createUpgradeAction } from './actions/upgrade';
import { createValidateAction } from './actions/validate';

/**
 * Registers the IaC Forge scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleIac = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'iac',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        iacEngine: iacEngineServiceRef,
        catalogService: catalogServiceRef,
        localGit: localGitServiceRef,
      },
      async init({
        scaffolderActions,
        config,
        discovery,
        auth,
        permissions,
        permissionsRegistry,
        iacEngine,
        catalogService,
        localGit: git,
      }) {
        // iac.publish and its iac-repository resource (conditional on the
        // owner namespace); iac.generate is asked by the generate actions
        registerPublishPermission(permissionsRegistry);
        // the backend's one engine, shared with the IaC Forge plugin
        const engine = iacEngine.engine;
        // generated entity names are checked against the catalog (with the
        // task initiator's credentials) before anything is published
        const catalog = catalogLookupFromServices({ discovery, auth });
        // iac.publish: where iac:publish sends repositories (a wrong value
        // stops the backend with the key, not the first task)
        const target = readPublishTarget(config);
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolderActions.addActions(
          createPublishAction({
            target,
            integrations,
            config,
            localGit: git.enabled
              ? { directory: git.directory, baseUrl: git.baseUrl }
              : undefined,
            permissions,
          }),
          createPlatformGenerateAction({ engine, catalog, permissions }),
          createClusterGenerateAction({ engine, catalog, permissions }),
          createTerraformGenerateAction({ engine, catalog, permissions }),
          createHelmGenerateAction({ engine, catalog, permissions }),
          createValidateAction({
            helmByDefault:
              config.getOptionalBoolean('iac.validate.helm') ?? false,
          }),
          createGithubGovernanceAction({
            integrations,
            catalog: catalogService,
          }),
          createUpgradeAction({
            engine,
            localGit: git.enabled
              ? { directory: git.directory, baseUrl: git.baseUrl }
              : undefined,
            integrations,
            permissions,
          }),
        );
        if (git.enabled) {
          scaffolderActions.addActions(
            createPublishLocalAction({
              directory: git.directory,
              baseUrl: git.baseUrl,
              permissions,
            }),
          );
        }
      },
    });
  },
});
