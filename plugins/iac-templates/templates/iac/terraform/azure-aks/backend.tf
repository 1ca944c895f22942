# Remote state in an Azure Storage blob, reached with Entra ID (no storage
# account keys): the workflows log in with GitHub OIDC (use_oidc) and the
# backend uses Entra ID authentication for the data plane (use_azuread_auth).
# The environment's storage account, container and key are kept in
# backend.hcl (a partial configuration):
#
#   terraform init -backend-config=backend.hcl
terraform {
  backend "azurerm" {
    use_oidc         = true
    use_azuread_auth = true
  }
}
