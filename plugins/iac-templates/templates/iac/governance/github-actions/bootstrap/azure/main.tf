# Bootstrap of the stack's cloud access, applied once by an administrator
# (docs/OIDC_SETUP.md): the state storage account and two user-assigned
# identities federated with GitHub, plan (read-only plus the state) and apply
# (what terraform/ manages), with exactly the roles of permissions.json.

provider "azurerm" {
  features {}
  subscription_id     = var.subscription_id
  storage_use_azuread = true
}

locals {
  permissions = jsondecode(file("${path.module}/permissions.json"))
  identities  = toset(["plan", "apply"])
  subjects = {
    "plan-pull-requests"  = { identity = "plan", subject = "repo:${var.github_repository}:pull_request" }
    "plan-default-branch" = { identity = "plan", subject = "repo:${var.github_repository}:ref:refs/heads/${var.default_branch}" }
    "apply-environment"   = { identity = "apply", subject = "repo:${var.github_repository}:environment:${var.apply_environment}" }
  }
  # one assignment per identity and role: subscription roles, then the state
  assignments = merge(
    { for pair in setproduct(["plan"], local.permissions.plan) : "${pair[0]}: ${pair[1]}" => { identity = pair[0], role = pair[1], scope = "/subscriptions/${var.subscription_id}" } },
    { for pair in setproduct(["apply"], local.permissions.apply) : "${pair[0]}: ${pair[1]}" => { identity = pair[0], role = pair[1], scope = "/subscriptions/${var.subscription_id}" } },
    { for pair in setproduct(["plan"], local.permissions.state.plan) : "${pair[0]} state: ${pair[1]}" => { identity = pair[0], role = pair[1], scope = azurerm_storage_account.state.id } },
    { for pair in setproduct(["apply"], local.permissions.state.apply) : "${pair[0]} state: ${pair[1]}" => { identity = pair[0], role = pair[1], scope = azurerm_storage_account.state.id } },
  )
}

resource "azurerm_resource_group" "state" {
  name     = var.state_resource_group_name
  location = var.location
}

resource "azurerm_storage_account" "state" {
  name                            = var.state_storage_account_name
  resource_group_name             = azurerm_resource_group.state.name
  location                        = var.location
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false

  blob_properties {
    versioning_enabled = true
  }
}

resource "azurerm_storage_container" "state" {
  name                  = var.state_container_name
  storage_account_id    = azurerm_storage_account.state.id
  container_access_type = "private"
}

resource "azurerm_user_assigned_identity" "github" {
  for_each = local.identities

  name                = "id-${var.name_prefix}-${each.key}"
  resource_group_name = azurerm_resource_group.state.name
  location            = var.location
}

resource "azurerm_federated_identity_credential" "github" {
  for_each = local.subjects

  name                = each.key
  resource_group_name = azurerm_resource_group.state.name
  parent_id           = azurerm_user_assigned_identity.github[each.value.identity].id
  issuer              = "https://token.actions.githubusercontent.com"
  subject             = each.value.subject
  audience            = ["api://AzureADTokenExchange"]
}

resource "azurerm_role_assignment" "github" {
  for_each = local.assignments

  scope                = each.value.scope
  role_definition_name = each.value.role
  principal_id         = azurerm_user_assigned_identity.github[each.value.identity].principal_id
  principal_type       = "ServicePrincipal"
}
