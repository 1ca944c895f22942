# The subscription comes from the environment (ARM_SUBSCRIPTION_ID, set by the
# workflows after the OIDC login), never from the code.
provider "azurerm" {
  features {}
}
