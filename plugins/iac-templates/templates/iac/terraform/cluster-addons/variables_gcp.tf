variable "gcp_project_id" {
  type        = string
  description = "GCP project of the cluster: its Secret Manager backs the ClusterSecretStore and hosts the workload identities."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.gcp_project_id))
    error_message = "gcp_project_id must be a GCP project id."
  }
}
