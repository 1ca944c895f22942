# Cluster add-ons (generated because addons_context.enabled was set): the
# module in modules/cluster-addons installs pinned Helm charts, each
# controller with its own workload identity. Delete this file,
# addons.auto.tfvars.json and modules/cluster-addons to drop the add-ons.
#
# The Helm provider signs in with Entra ID through kubelogin (Azure CLI
# login of the workflow). With a private cluster (endpoint_public_access =
# false) Terraform must run inside the virtual network for the add-ons.

variable "addons" {
  type = object({
    external_secrets         = bool
    prometheus_operator_crds = bool
  })
  description = "Add-ons to install (addons_context): External Secrets Operator with an Azure Key Vault ClusterSecretStore, Prometheus Operator CRDs."

  validation {
    condition     = length(var.cluster_admin_principal_ids) + length(var.admin_group_object_ids) > 0
    error_message = "The add-ons are installed through Azure RBAC: name the apply identity in cluster_admin_principal_ids (or a group it is in, in admin_group_object_ids)."
  }
}

variable "plan_identity" {
  type        = string
  description = "Entra object id of the Terraform plan identity (bootstrap output plan_principal_id): given get/list on Secrets in the add-ons' release namespaces (Kubernetes RBAC), so plans can refresh the Helm releases. null: no grant."
  default     = null

  validation {
    condition     = var.plan_identity == null || can(regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$", var.plan_identity))
    error_message = "plan_identity must be an Entra object id (GUID) or null."
  }
}

locals {
  # Well-known application id of the AKS Entra ID server (the token audience
  # of every AKS cluster with Entra ID integration); not a credential.
  aks_entra_server_app_id = "6dae42f8-4368-4678-94ff-3960e28e3630"
}

# The Helm provider signs in as the identity running Terraform, which must be
# one of the named cluster admins (cluster_admin_principal_ids or a member of
# admin_group_object_ids, see aks.tf): nothing is granted to the caller, so a
# pull request's plan identity never becomes cluster-admin.

provider "helm" {
  kubernetes = {
    host                   = azurerm_kubernetes_cluster.this.kube_config[0].host
    cluster_ca_certificate = base64decode(azurerm_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate)
    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "kubelogin"
      args        = ["get-token", "--login", "azurecli", "--server-id", local.aks_entra_server_app_id]
    }
  }
}

module "cluster_addons" {
  source = "./modules/cluster-addons"

  cluster_name        = azurerm_kubernetes_cluster.this.name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  oidc_issuer_url     = azurerm_kubernetes_cluster.this.oidc_issuer_url
  tenant_id           = data.azurerm_client_config.current.tenant_id
  tags                = local.tags

  external_secrets_enabled         = var.addons.external_secrets
  prometheus_operator_crds_enabled = var.addons.prometheus_operator_crds
  plan_identity                    = var.plan_identity

  depends_on = [azurerm_role_assignment.cluster_admin]
}

output "addons" {
  description = "Cluster add-ons: installed Helm releases (name => chart version), the Key Vault behind the ClusterSecretStore and its name."
  value = {
    releases                  = module.cluster_addons.releases
    key_vault_uri             = module.cluster_addons.key_vault_uri
    cluster_secret_store_name = module.cluster_addons.cluster_secret_store_name
  }
}
