import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEngine, localGitSettings } from '@iacforge/plugin-iac-node';
import { createClusterGenerateAction } from './actions/clusterGenerate';
import { createGithubGovernanceAction } from './actions/githubGovernance';
import { createHelmGenerateAction } from './actions/helmGenerate';
import { createPlatformGenerateAction } from './actions/platformGenerate';
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
      },
      async init({ scaffolderActions, config }) {
        const engine = createEngine(
          config.getOptionalStringArray('iac.templateRoots'),
          { shipped: config.getOptionalBoolean('iac.shippedTemplates') },
        );
        const git = localGitSettings(config);
        scaffolderActions.addActions(
          createPlatformGenerateAction({ engine }),
          createClusterGenerateAction({ engine }),
          createTerraformGenerateAction({ engine }),
          createHelmGenerateAction({ engine }),
          createValidateAction({
            helmByDefault:
              config.getOptionalBoolean('iac.validate.helm') ?? false,
          }),
          createGithubGovernanceAction({
            integrations: ScmIntegrations.fromConfig(config),
          }),
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
