# Cluster add-ons (generated because addons_context.enabled was set): the
# module in modules/cluster-addons installs pinned Helm charts, each
# controller with its own GKE workload identity. Delete this file,
# addons.auto.tfvars.json and modules/cluster-addons to drop the add-ons.
#
# The Helm provider uses the access token of the identity running Terraform.
# With a private endpoint (endpoint_public_access = false) Terraform must run
# inside the VPC (or through a bastion / Connect gateway) for the add-ons.

variable "addons" {
  type = object({
    external_secrets = bool
  })
  description = "Add-ons to install (addons_context): External Secrets Operator with a GCP Secret Manager ClusterSecretStore."
}

variable "plan_identity" {
  type        = string
  description = "Email of the Terraform plan service account (bootstrap output plan_service_account): given get/list on Secrets in the add-ons' release namespaces (Kubernetes RBAC), so plans can refresh the Helm releases. null: no grant."
  default     = null

  validation {
    condition     = var.plan_identity == null || can(regex("@[a-z][a-z0-9-]+\\.iam\\.gserviceaccount\\.com$", var.plan_identity))
    error_message = "plan_identity must be a service account email or null."
  }
}

data "google_client_config" "current" {}

provider "helm" {
  kubernetes = {
    host                   = "https://${google_container_cluster.this.endpoint}"
    cluster_ca_certificate = base64decode(google_container_cluster.this.master_auth[0].cluster_ca_certificate)
    token                  = data.google_client_config.current.access_token
  }
}

module "cluster_addons" {
  source = "./modules/cluster-addons"

  cluster_name   = google_container_cluster.this.name
  gcp_project_id = var.gcp_project_id

  external_secrets_enabled = var.addons.external_secrets
  plan_identity            = var.plan_identity

  # nodes must run before controllers can be scheduled
  depends_on = [google_container_node_pool.default]
}

output "addons" {
  description = "Cluster add-ons: installed Helm releases (name => chart version), the service account of External Secrets Operator and the ClusterSecretStore name."
  value = {
    releases                         = module.cluster_addons.releases
    external_secrets_service_account = module.cluster_addons.external_secrets_service_account
    cluster_secret_store_name        = module.cluster_addons.cluster_secret_store_name
  }
}
