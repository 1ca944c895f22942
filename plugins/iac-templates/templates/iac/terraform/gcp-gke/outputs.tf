output "project_id" {
  description = "GCP project of the cluster."
  value       = var.gcp_project_id
}

output "region" {
  description = "Region of the (regional) cluster."
  value       = google_container_cluster.this.location
}

output "cluster_name" {
  description = "Name of the GKE cluster."
  value       = google_container_cluster.this.name
}

output "cluster_id" {
  description = "Resource id of the GKE cluster."
  value       = google_container_cluster.this.id
}

output "cluster_endpoint" {
  description = "IP address of the control plane endpoint (the private endpoint unless endpoint_public_access)."
  value       = google_container_cluster.this.endpoint
  sensitive   = true
}

output "cluster_ca_certificate" {
  description = "Base64-encoded CA certificate of the cluster."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
  sensitive   = true
}

output "workload_identity_pool" {
  description = "Workload identity pool of the cluster (<project>.svc.id.goog)."
  value       = local.workload_pool
}

output "node_pool_name" {
  description = "Name of the node pool."
  value       = google_container_node_pool.default.name
}

output "node_service_account" {
  description = "Service account of the nodes."
  value       = google_service_account.nodes.email
}

output "network_name" {
  description = "VPC network of the cluster (created or existing)."
  value       = local.network_name
}

output "subnetwork_name" {
  description = "Subnetwork of the nodes (created or existing)."
  value       = local.subnetwork_name
}

output "kubeconfig_command" {
  description = "Command that writes a kubeconfig entry for the cluster."
  value       = "gcloud container clusters get-credentials ${google_container_cluster.this.name} --region ${google_container_cluster.this.location} --project ${var.gcp_project_id}"
}
