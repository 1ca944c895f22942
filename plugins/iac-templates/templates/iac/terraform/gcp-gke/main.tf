locals {
  # Labels on every resource (provider default_labels); ours win over var.tags.
  labels = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })

  create_network      = var.existing_network_name == null
  network_name        = local.create_network ? google_compute_network.this[0].name : var.existing_network_name
  subnetwork_name     = local.create_network ? google_compute_subnetwork.nodes[0].name : var.existing_subnetwork_name
  pods_range_name     = local.create_network ? "${var.cluster_name}-pods" : var.existing_pods_range_name
  services_range_name = local.create_network ? "${var.cluster_name}-services" : var.existing_services_range_name

  workload_pool = "${var.gcp_project_id}.svc.id.goog"
}

# Every API a feature of the stack uses (Binary Authorization, Cloud Logging,
# Managed Service for Prometheus / Cloud Monitoring, Cloud KMS for database
# encryption); left enabled when the stack is destroyed.
resource "google_project_service" "this" {
  for_each = toset(concat(
    [
      "compute.googleapis.com",
      "container.googleapis.com",
      "iam.googleapis.com",
      "binaryauthorization.googleapis.com",
      "logging.googleapis.com",
      "monitoring.googleapis.com",
    ],
    var.database_encryption_enabled ? ["cloudkms.googleapis.com"] : [],
  ))

  service            = each.value
  disable_on_destroy = false
}
