# Regional GKE cluster: no default node pool (the pool below is managed on
# its own), private nodes, private endpoint unless endpoint_public_access
# (then master authorized networks), workload identity, shielded nodes,
# Dataplane V2 (network policy), release channel with a recurring
# maintenance window, no client certificate, no legacy ABAC.

resource "google_service_account" "nodes" {
  account_id   = "${substr(var.cluster_name, 0, 23)}-nodes"
  display_name = "Nodes of ${var.cluster_name}"

  depends_on = [google_project_service.this]
}

# Least privilege for nodes: logs, metrics and image pulls only.
resource "google_project_iam_member" "nodes" {
  for_each = toset([
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
  ])

  project = var.gcp_project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_container_cluster" "this" {
  name                = var.cluster_name
  location            = var.gcp_region
  deletion_protection = var.deletion_protection

  remove_default_node_pool = true
  initial_node_count       = 1
  min_master_version       = var.kubernetes_version

  network         = local.network_name
  subnetwork      = local.subnetwork_name
  networking_mode = "VPC_NATIVE"

  ip_allocation_policy {
    cluster_secondary_range_name  = local.pods_range_name
    services_secondary_range_name = local.services_range_name
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = !var.endpoint_public_access
    master_ipv4_cidr_block  = var.master_ipv4_cidr_block
  }

  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = false

    dynamic "cidr_blocks" {
      for_each = var.endpoint_public_access ? var.endpoint_public_access_cidrs : []

      content {
        cidr_block   = cidr_blocks.value
        display_name = "allowed-${cidr_blocks.key}"
      }
    }
  }

  release_channel {
    channel = var.release_channel
  }

  workload_identity_config {
    workload_pool = local.workload_pool
  }

  enable_shielded_nodes = true
  enable_legacy_abac    = false
  datapath_provider     = "ADVANCED_DATAPATH"

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  # Kubernetes Secrets encrypted in etcd with a Cloud KMS key (kms.tf)
  dynamic "database_encryption" {
    for_each = var.database_encryption_enabled ? [local.database_encryption_key_name] : []

    content {
      state    = "ENCRYPTED"
      key_name = database_encryption.value
    }
  }

  # The default pool is removed right after creation, but while it exists it
  # runs as the nodes' own service account, never the Compute Engine default.
  node_config {
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }

  cluster_autoscaling {
    autoscaling_profile = var.cluster_autoscaling_profile
  }

  maintenance_policy {
    recurring_window {
      start_time = var.patch_window_start
      end_time   = var.patch_window_end
      recurrence = var.patch_window_recurrence
    }
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }

  monitoring_config {
    enable_components = ["SYSTEM_COMPONENTS"]

    managed_prometheus {
      enabled = true
    }
  }

  resource_labels = local.labels

  lifecycle {
    # node_config only describes the removed default pool
    ignore_changes = [node_config]
  }

  depends_on = [google_project_service.this, google_project_iam_member.nodes, google_kms_crypto_key_iam_member.gke_database_encryption]
}

resource "google_container_node_pool" "default" {
  # The node version follows the control plane through the release channel
  # (auto_upgrade), so it is not pinned here.
  name_prefix = "default-"
  cluster     = google_container_cluster.this.id
  location    = var.gcp_region

  # Per zone: the initial size when autoscaling, else the fixed size.
  initial_node_count = var.cluster_autoscaling_enabled ? var.node_pool_desired_size : null
  node_count         = var.cluster_autoscaling_enabled ? null : var.node_pool_desired_size

  dynamic "autoscaling" {
    for_each = var.cluster_autoscaling_enabled ? [1] : []

    content {
      min_node_count  = var.node_pool_min_size
      max_node_count  = var.node_pool_max_size
      location_policy = "BALANCED"
    }
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  upgrade_settings {
    strategy        = "SURGE"
    max_surge       = 1
    max_unavailable = var.node_pool_max_unavailable
  }

  node_config {
    machine_type    = var.machine_type
    disk_size_gb    = var.node_pool_disk_size_gb
    disk_type       = "pd-balanced"
    image_type      = "COS_CONTAINERD"
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    labels          = local.labels
    resource_labels = local.labels

    metadata = {
      disable-legacy-endpoints = "true"
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }

  lifecycle {
    create_before_destroy = true
    # node_count is left to the autoscaler when autoscaling (null here)
    ignore_changes = [initial_node_count]
  }

  depends_on = [google_project_iam_member.nodes]
}
