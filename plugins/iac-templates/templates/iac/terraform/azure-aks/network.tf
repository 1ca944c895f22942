# Virtual network and node subnet, created unless existing_subnet_id is set.
# Pods get addresses from pod_cidr (Azure CNI Overlay), not from the subnet.

resource "azurerm_virtual_network" "this" {
  count = local.create_network ? 1 : 0

  name                = "vnet-${var.cluster_name}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  address_space       = [var.vnet_cidr]
  tags                = local.tags
}

resource "azurerm_subnet" "nodes" {
  count = local.create_network ? 1 : 0

  name                 = "snet-${var.cluster_name}-nodes"
  resource_group_name  = azurerm_resource_group.this.name
  virtual_network_name = azurerm_virtual_network.this[0].name
  address_prefixes     = [var.node_subnet_cidr]
}
