# AKS cluster: Entra ID authentication with Azure RBAC, local accounts
# disabled, OIDC issuer + workload identity, private API server (or
# authorized IP ranges), Cilium network policy, automatic upgrades in a weekly
# maintenance window, Azure Policy, Key Vault CSI driver with rotation.

# The control plane's identity, granted "Network Contributor" on the node
# subnet before the cluster is created (load balancers, BYO subnet).
resource "azurerm_user_assigned_identity" "cluster" {
  name                = "id-${var.cluster_name}"
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  tags                = local.tags
}

resource "azurerm_role_assignment" "cluster_network" {
  scope                = local.node_subnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.cluster.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_kubernetes_cluster" "this" {
  name                = var.cluster_name
  location            = azurerm_resource_group.this.location
  resource_group_name = azurerm_resource_group.this.name
  dns_prefix          = trim(substr(local.name_slug, 0, 54), "-")
  kubernetes_version  = var.kubernetes_version
  sku_tier            = var.sku_tier

  automatic_upgrade_channel = var.automatic_upgrade_channel
  node_os_upgrade_channel   = "NodeImage"

  # Entra ID only: no local admin credentials, Azure RBAC for Kubernetes
  local_account_disabled            = true
  role_based_access_control_enabled = true
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    tenant_id              = data.azurerm_client_config.current.tenant_id
    admin_group_object_ids = var.admin_group_object_ids
  }

  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  # API server: private unless endpoint_public_access, then restricted
  private_cluster_enabled = !var.endpoint_public_access
  dynamic "api_server_access_profile" {
    for_each = var.endpoint_public_access ? [var.endpoint_public_access_cidrs] : []

    content {
      authorized_ip_ranges = api_server_access_profile.value
    }
  }

  run_command_enabled   = false
  azure_policy_enabled  = true
  image_cleaner_enabled = true

  image_cleaner_interval_hours = 48

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.cluster.id]
  }

  default_node_pool {
    name                        = "system"
    temporary_name_for_rotation = "systemtmp"
    vm_size                     = var.vm_size
    orchestrator_version        = var.kubernetes_version
    vnet_subnet_id              = local.node_subnet_id
    zones                       = length(var.node_pool_zones) > 0 ? var.node_pool_zones : null
    os_disk_size_gb             = var.node_pool_disk_size_gb
    max_pods                    = 110

    auto_scaling_enabled = var.cluster_autoscaling_enabled
    min_count            = var.cluster_autoscaling_enabled ? var.node_pool_min_size : null
    max_count            = var.cluster_autoscaling_enabled ? var.node_pool_max_size : null
    node_count           = var.node_pool_desired_size

    upgrade_settings {
      max_surge = tostring(var.node_pool_max_unavailable)
    }

    tags = local.tags
  }

  auto_scaler_profile {
    scan_interval                    = var.cluster_autoscaler_scan_interval
    scale_down_delay_after_add       = var.cluster_autoscaler_scale_down_delay_after_add
    scale_down_unneeded              = var.cluster_autoscaler_scale_down_unneeded
    scale_down_unready               = var.cluster_autoscaler_scale_down_unready
    scale_down_utilization_threshold = tostring(var.cluster_autoscaler_scale_down_utilization_threshold)
    max_graceful_termination_sec     = tostring(var.cluster_autoscaler_max_graceful_termination_sec)
    balance_similar_node_groups      = true
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    pod_cidr            = var.pod_cidr
    service_cidr        = var.service_cidr
    dns_service_ip      = var.dns_service_ip
    load_balancer_sku   = "standard"
    outbound_type       = "loadBalancer"
  }

  # Kubernetes version upgrades (automatic_upgrade_channel) ...
  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.patch_day_of_week
    start_time  = format("%02d:00", var.patch_start_hour_utc)
    utc_offset  = "+00:00"
    duration    = var.patch_duration_hours
  }

  # ... and node OS images, in the same weekly window
  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = var.patch_day_of_week
    start_time  = format("%02d:00", var.patch_start_hour_utc)
    utc_offset  = "+00:00"
    duration    = var.patch_duration_hours
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }

  dynamic "oms_agent" {
    for_each = var.azure_monitor_enabled ? [azurerm_log_analytics_workspace.this[0].id] : []

    content {
      log_analytics_workspace_id      = oms_agent.value
      msi_auth_for_monitoring_enabled = true
    }
  }

  dynamic "microsoft_defender" {
    for_each = var.defender_enabled ? [azurerm_log_analytics_workspace.this[0].id] : []

    content {
      log_analytics_workspace_id = microsoft_defender.value
    }
  }

  tags = local.tags

  lifecycle {
    # the cluster autoscaler owns the current node count
    ignore_changes = [default_node_pool[0].node_count]
  }

  depends_on = [azurerm_role_assignment.cluster_network]
}

# Cluster-admin through Azure RBAC for named principals only (e.g. the apply
# identity that installs the add-ons); never for whoever runs Terraform.
resource "azurerm_role_assignment" "cluster_admin" {
  for_each = toset(var.cluster_admin_principal_ids)

  scope                = azurerm_kubernetes_cluster.this.id
  role_definition_name = "Azure Kubernetes Service RBAC Cluster Admin"
  principal_id         = each.value
}
