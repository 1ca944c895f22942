import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEngine, localGitSettings } from '@iacforge/plugin-iac-node';
import { catalogLookupFromServices } from './catalogNames';
import { readPublishTarget } from './publishTarget';
import { createClusterGenerateAction } from './actions/clusterGenerate';
import { createGithubGovernanceAction } from './actions/githubGovernance';
import { createHelmGenerateAction } from './actions/helmGenerate';
import { createPlatformGenerateAction } from './actions/platformGenerate';
import { createPublishAction } from './actions/publish';
import { createPublishLocalAction } from './actions/publishLocal';
import { createTerraformGenerateAction } from './actions/terraformGenerate';
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
      },
      async init({ scaffolderActions, config, discovery, auth }) {
        const engine = createEngine(
          config.getOptionalStringArray('iac.templateRoots'),
          { shipped: config.getOptionalBoolean('iac.shippedTemplates') },
        );
        // generated entity names are checked against the catalog (with the
        // task initiator's credentials) before anything is published
        const catalog = catalogLookupFromServices({ discovery, auth });
        const git = localGitSettings(config);
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
          }),
          createPlatformGenerateAction({ engine, catalog }),
          createClusterGenerateAction({ engine, catalog }),
          createTerraformGenerateAction({ engine, catalog }),
          createHelmGenerateAction({ engine, catalog }),
          createValidateAction({
            helmByDefault:
              config.getOptionalBoolean('iac.validate.helm') ?? false,
          }),
          createGithubGovernanceAction({ integrations }),
        );
        if (git.enabled) {
          scaffolderActions.addActions(
            createPublishLocalAction({
              directory: git.directory,
              baseUrl: git.baseUrl,
            }),
          );
        }
      },
    });
  },
});
