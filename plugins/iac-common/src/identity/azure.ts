import type { CloudIdentityTable, IdentityGrants } from './types';

const none: IdentityGrants = { plan: [], apply: [] };
const write: IdentityGrants = { plan: ['Reader'], apply: ['Contributor'] };
const roleAssignments: IdentityGrants = {
  plan: ['Reader'],
  apply: ['Role Based Access Control Administrator'],
  note: 'Contributor cannot write role assignments. Scope the assignment to the subscription of the stack; add a condition that limits the roles it may assign where your policy requires it.',
};

/** Azure: built-in role names, assigned on the subscription of the stack. */
export const AZURE_IDENTITY: CloudIdentityTable = {
  cloud: 'azure',
  grant: 'azure-role',
  state: {
    plan: ['Storage Blob Data Contributor'],
    apply: ['Storage Blob Data Contributor'],
    note: 'On the state storage account: plans take the blob lease (lock) too.',
  },
  types: {
    'data.azurerm_client_config': none,
    azurerm_resource_group: write,
    azurerm_virtual_network: write,
    azurerm_subnet: write,
    azurerm_log_analytics_workspace: write,
    azurerm_user_assigned_identity: write,
    azurerm_federated_identity_credential: write,
    azurerm_key_vault: write,
    azurerm_kubernetes_cluster: {
      plan: ['Reader', 'Azure Kubernetes Service Cluster User Role'],
      apply: ['Contributor', 'Azure Kubernetes Service Cluster User Role'],
      note: 'Reading the cluster lists its user credentials (listClusterUserCredential), which Reader lacks: without it every plan after the first apply fails.',
    },
    azurerm_role_assignment: roleAssignments,
    azurerm_monitor_data_collection_rule: {
      ...write,
      note: "Container Insights: the data collection rule that routes the cluster's logs to Log Analytics (Microsoft.Insights/dataCollectionRules/write, in Contributor).",
    },
    azurerm_monitor_data_collection_rule_association: {
      ...write,
      note: 'Associates the rule with the cluster (Microsoft.Insights/dataCollectionRuleAssociations/write on the cluster, in Contributor).',
    },
    helm_release: {
      plan: ['Azure Kubernetes Service Cluster User Role'],
      apply: [
        'Azure Kubernetes Service Cluster User Role',
        'Azure Kubernetes Service RBAC Cluster Admin',
      ],
      note: 'Inside the cluster: installing charts needs cluster admin (Azure RBAC for Kubernetes). Plans read the Helm release Secrets: with terraform_context.plan_identity (its Entra object id) the stack grants exactly get/list on Secrets in each release namespace through Kubernetes RBAC (helm_release.plan_access: Role + RoleBinding, subject User = the object id); no Azure RBAC role inside the cluster.',
    },
  },
};
