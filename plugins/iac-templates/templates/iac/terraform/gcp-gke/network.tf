# VPC-native network, created unless existing_network_name is set: a custom
# mode VPC, the node subnetwork with secondary ranges for pods and services,
# Private Google Access and flow logs, and Cloud NAT for the private nodes'
# egress.

resource "google_compute_network" "this" {
  count = local.create_network ? 1 : 0

  name                    = "${var.cluster_name}-vpc"
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"

  depends_on = [google_project_service.this]
}

resource "google_compute_subnetwork" "nodes" {
  count = local.create_network ? 1 : 0

  name                     = "${var.cluster_name}-nodes"
  region                   = var.gcp_region
  network                  = google_compute_network.this[0].id
  ip_cidr_range            = var.subnet_cidr
  private_ip_google_access = true

  secondary_ip_range {
    range_name    = "${var.cluster_name}-pods"
    ip_cidr_range = var.pods_secondary_cidr
  }

  secondary_ip_range {
    range_name    = "${var.cluster_name}-services"
    ip_cidr_range = var.services_secondary_cidr
  }

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_router" "this" {
  count = local.create_network ? 1 : 0

  name    = "${var.cluster_name}-router"
  region  = var.gcp_region
  network = google_compute_network.this[0].id
}

resource "google_compute_router_nat" "this" {
  count = local.create_network ? 1 : 0

  name                               = "${var.cluster_name}-nat"
  region                             = var.gcp_region
  router                             = google_compute_router.this[0].name
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
