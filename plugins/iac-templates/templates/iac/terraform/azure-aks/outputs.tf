output "resource_group_name" {
  description = "Resource group of the cluster."
  value       = azurerm_resource_group.this.name
}

output "location" {
  description = "Azure location of the cluster."
  value       = azurerm_resource_group.this.location
}

output "cluster_id" {
  description = "Resource id of the AKS cluster."
  value       = azurerm_kubernetes_cluster.this.id
}

output "cluster_name" {
  description = "Name of the AKS cluster."
  value       = azurerm_kubernetes_cluster.this.name
}

output "cluster_fqdn" {
  description = "FQDN of the API server (the private FQDN for a private cluster)."
  value       = var.endpoint_public_access ? azurerm_kubernetes_cluster.this.fqdn : azurerm_kubernetes_cluster.this.private_fqdn
}

output "oidc_issuer_url" {
  description = "OIDC issuer URL of the cluster, for workload identity federation."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}

output "kubelet_identity_object_id" {
  description = "Object id of the kubelet identity (e.g. for AcrPull on a container registry)."
  value       = azurerm_kubernetes_cluster.this.kubelet_identity[0].object_id
}

output "node_resource_group" {
  description = "Resource group AKS manages for the nodes."
  value       = azurerm_kubernetes_cluster.this.node_resource_group
}

output "log_analytics_workspace_id" {
  description = "Log Analytics workspace of Azure Monitor / Defender (null when both are off)."
  value       = one(azurerm_log_analytics_workspace.this[*].id)
}

output "tenant_id" {
  description = "Entra ID tenant of the cluster's RBAC."
  value       = data.azurerm_client_config.current.tenant_id
}

output "kubeconfig_command" {
  description = "Commands that write a kubeconfig entry for the cluster (Entra ID login through kubelogin)."
  value       = "az aks get-credentials --resource-group ${azurerm_resource_group.this.name} --name ${azurerm_kubernetes_cluster.this.name} && kubelogin convert-kubeconfig -l azurecli"
}
