# Azure add-ons. AKS ships metrics-server, its cloud load balancer integration
# and a managed cluster autoscaler, so only External Secrets Operator is
# installed: it reads an Azure Key Vault (created here, Azure RBAC, purge
# protection) with a user-assigned identity federated to its service account
# (Azure workload identity), never with the kubelet identity.

locals {
  cloud          = "azure"
  cloud_releases = []

  # The plan identity as the cluster sees it: the Entra object id.
  plan_subject = { kind = "User", name = var.plan_identity }

  # Key Vault names: 3-24 letters, digits and "-", globally unique.
  key_vault_name = "kv${substr(replace(lower(var.cluster_name), "/[^a-z0-9]/", ""), 0, 14)}${substr(sha1("${var.resource_group_name}/${var.cluster_name}"), 0, 6)}"

  external_secrets_service_account_annotations = var.external_secrets_enabled ? {
    "azure.workload.identity/client-id" = azurerm_user_assigned_identity.external_secrets[0].client_id
    "azure.workload.identity/tenant-id" = var.tenant_id
  } : {}
  external_secrets_pod_labels = {
    "azure.workload.identity/use" = "true"
  }

  cluster_secret_store = {
    azure = {
      vaultUrl = one(azurerm_key_vault.this[*].vault_uri)
      tenantId = var.tenant_id
      serviceAccount = {
        name      = local.external_secrets_service_account
        namespace = local.external_secrets_namespace
      }
    }
  }
}

resource "azurerm_key_vault" "this" {
  count = var.external_secrets_enabled ? 1 : 0

  name                       = local.key_vault_name
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = var.tenant_id
  sku_name                   = "standard"
  rbac_authorization_enabled = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
  tags                       = var.tags
}

resource "azurerm_user_assigned_identity" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  name                = "id-${var.cluster_name}-external-secrets"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_federated_identity_credential" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  name                = "external-secrets"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.external_secrets[0].id
  issuer              = var.oidc_issuer_url
  subject             = "system:serviceaccount:${local.external_secrets_namespace}:${local.external_secrets_service_account}"
  audience            = ["api://AzureADTokenExchange"]
}

# Read-only access to secret values of this vault only.
resource "azurerm_role_assignment" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  scope                = azurerm_key_vault.this[0].id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.external_secrets[0].principal_id
  principal_type       = "ServicePrincipal"
}
