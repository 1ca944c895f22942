data "azurerm_client_config" "current" {}

locals {
  # Tags on every resource; ours win over var.tags.
  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })

  # DNS prefix and workspace names allow letters, digits and "-" only
  name_slug = replace(var.cluster_name, "_", "-")

  create_network = var.existing_subnet_id == null
  node_subnet_id = local.create_network ? azurerm_subnet.nodes[0].id : var.existing_subnet_id
  monitoring     = var.azure_monitor_enabled || var.defender_enabled
}

resource "azurerm_resource_group" "this" {
  name     = var.resource_group_name
  location = var.location
  tags     = local.tags
}

resource "azurerm_log_analytics_workspace" "this" {
  count = local.monitoring ? 1 : 0

  name                = "log-${local.name_slug}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = local.tags
}
