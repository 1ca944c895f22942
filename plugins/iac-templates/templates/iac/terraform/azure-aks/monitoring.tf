# Container Insights with managed identity authentication (oms_agent with
# msi_auth_for_monitoring_enabled) collects nothing until a data collection
# rule with the ContainerInsights extension is associated with the cluster
# (learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable,
# Terraform tab).

locals {
  container_insights_streams = [
    "Microsoft-ContainerLogV2",
    "Microsoft-KubeEvents",
    "Microsoft-KubePodInventory",
    "Microsoft-KubeNodeInventory",
    "Microsoft-KubePVInventory",
    "Microsoft-KubeServices",
    "Microsoft-KubeMonAgentEvents",
    "Microsoft-InsightsMetrics",
    "Microsoft-ContainerInventory",
    "Microsoft-ContainerNodeInventory",
    "Microsoft-Perf",
  ]
}

resource "azurerm_monitor_data_collection_rule" "container_insights" {
  count = var.azure_monitor_enabled ? 1 : 0

  name                = substr("MSCI-${azurerm_resource_group.this.location}-${local.name_slug}", 0, 64)
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  description         = "Container Insights of ${var.cluster_name}"
  tags                = local.tags

  destinations {
    log_analytics {
      name                  = "ciworkspace"
      workspace_resource_id = azurerm_log_analytics_workspace.this[0].id
    }
  }

  data_flow {
    streams      = local.container_insights_streams
    destinations = ["ciworkspace"]
  }

  data_sources {
    extension {
      name           = "ContainerInsightsExtension"
      extension_name = "ContainerInsights"
      streams        = local.container_insights_streams
      extension_json = jsonencode({
        dataCollectionSettings = {
          interval               = "1m"
          namespaceFilteringMode = "Off"
          enableContainerLogV2   = true
        }
      })
    }
  }
}

resource "azurerm_monitor_data_collection_rule_association" "container_insights" {
  count = var.azure_monitor_enabled ? 1 : 0

  name                    = "ContainerInsightsExtension"
  target_resource_id      = azurerm_kubernetes_cluster.this.id
  data_collection_rule_id = azurerm_monitor_data_collection_rule.container_insights[0].id
  description             = "Sends Container Insights data of the cluster to the Log Analytics workspace; deleting it stops the collection."
}
