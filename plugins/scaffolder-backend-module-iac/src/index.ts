/**
 * IaC Forge scaffolder actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleIac as default } from './module';
export { createPlatformGenerateAction } from './actions/platformGenerate';
export { createClusterGenerateAction } from './actions/clusterGenerate';
export { createTerraformGenerateAction } from './actions/terraformGenerate';
export { createHelmGenerateAction } from './actions/helmGenerate';
export { createValidateAction } from './actions/validate';
export { createPublishLocalAction } from './actions/publishLocal';
export { createPublishAction, LOCAL_GOVERNANCE_NOTE } from './actions/publish';
export { readPublishTarget, PublishConfigError } from './publishTarget';
export type { PublishTarget, GithubVisibility } from './publishTarget';
export { createGithubGovernanceAction } from './actions/githubGovernance';
export type { GovernanceReceipt } from './actions/githubGovernance';
export {
  iacRepositoryConditions,
  createIacRepositoryConditionalDecision,
} from './permissions';
