variable "project" {
  type        = string
  description = "Project / system name: the `project` label."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.project))
    error_message = "project must be 2-32 lowercase letters, digits and \"-\", starting with a letter and ending with a letter or digit."
  }
}

variable "environment" {
  type        = string
  description = "Environment of this stack (e.g. \"dev\", \"staging\", \"prod\"): the `environment` label."
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$", var.environment))
    error_message = "environment must be 1-16 lowercase letters, digits and \"-\", starting with a letter."
  }
}

variable "gcp_project_id" {
  type        = string
  description = "GCP project id hosting the cluster (e.g. \"acme-platform-dev\")."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.gcp_project_id))
    error_message = "gcp_project_id must be 6-30 lowercase letters, digits and \"-\", starting with a letter."
  }
}

variable "gcp_region" {
  type        = string
  description = "GCP region of the regional cluster, e.g. \"us-central1\"."

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.gcp_region))
    error_message = "gcp_region must be a GCP region such as \"us-central1\"."
  }
}

variable "cluster_name" {
  type        = string
  description = "GKE cluster name (1-40 lowercase letters, digits and \"-\", starting with a letter)."

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be 1-40 lowercase letters, digits and \"-\", starting with a letter and ending with a letter or digit."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Minimum Kubernetes version of the control plane (\"1.34\", \"1.34.1\" or \"1.34.1-gke.1000\"); the release channel upgrades from there and the node pool follows (auto-upgrade)."
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.(29|[3-9][0-9])(\\.(0|[1-9][0-9]*)(-gke\\.[0-9]+)?)?$", var.kubernetes_version))
    error_message = "kubernetes_version must be a GKE version 1.29 or newer, such as \"1.34\" or \"1.34.1-gke.1000\"."
  }
}

variable "node_pool_min_size" {
  type        = number
  description = "Minimum number of nodes per zone of the node pool (autoscaling lower bound)."
  default     = 1

  validation {
    condition     = var.node_pool_min_size >= 0 && var.node_pool_min_size <= 1000 && floor(var.node_pool_min_size) == var.node_pool_min_size
    error_message = "node_pool_min_size must be a whole number between 0 and 1000."
  }

  validation {
    condition     = var.node_pool_min_size <= var.node_pool_max_size
    error_message = "node_pool_min_size must not be greater than node_pool_max_size."
  }
}

variable "node_pool_max_size" {
  type        = number
  description = "Maximum number of nodes per zone of the node pool (autoscaling upper bound)."
  default     = 3

  validation {
    condition     = var.node_pool_max_size >= 1 && var.node_pool_max_size <= 1000 && floor(var.node_pool_max_size) == var.node_pool_max_size
    error_message = "node_pool_max_size must be a whole number between 1 and 1000."
  }
}

variable "node_pool_desired_size" {
  type        = number
  description = "Initial number of nodes per zone (between min and max). Later changes by the autoscaler are ignored by Terraform."
  default     = 2

  validation {
    condition     = var.node_pool_desired_size >= var.node_pool_min_size && var.node_pool_desired_size <= var.node_pool_max_size
    error_message = "node_pool_desired_size must lie between node_pool_min_size and node_pool_max_size."
  }
}

variable "node_pool_max_unavailable" {
  type        = number
  description = "Maximum number of nodes unavailable at once during a node pool upgrade (surge upgrade max_unavailable)."
  default     = 1

  validation {
    condition     = var.node_pool_max_unavailable >= 1 && var.node_pool_max_unavailable <= 100 && floor(var.node_pool_max_unavailable) == var.node_pool_max_unavailable
    error_message = "node_pool_max_unavailable must be a whole number between 1 and 100."
  }
}

variable "node_pool_disk_size_gb" {
  type        = number
  description = "Boot disk size of each node in GiB."
  default     = 100

  validation {
    condition     = var.node_pool_disk_size_gb >= 20 && var.node_pool_disk_size_gb <= 4096 && floor(var.node_pool_disk_size_gb) == var.node_pool_disk_size_gb
    error_message = "node_pool_disk_size_gb must be a whole number between 20 and 4096."
  }
}

variable "machine_type" {
  type        = string
  description = "Machine type of the node pool, e.g. \"e2-standard-4\"."
  default     = "e2-standard-4"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*-[a-z0-9-]+$", var.machine_type))
    error_message = "machine_type must be a Compute Engine machine type such as \"e2-standard-4\"."
  }
}

variable "patch_window_start" {
  type        = string
  description = "Start of the first maintenance window (RFC 3339, UTC), repeated by patch_window_recurrence."
  default     = "2025-01-04T02:00:00Z"

  validation {
    condition     = can(formatdate("YYYY", var.patch_window_start))
    error_message = "patch_window_start must be an RFC 3339 timestamp such as \"2025-01-04T02:00:00Z\"."
  }
}

variable "patch_window_end" {
  type        = string
  description = "End of the first maintenance window (RFC 3339, UTC), at least 4 hours after patch_window_start."
  default     = "2025-01-04T08:00:00Z"

  validation {
    condition     = can(formatdate("YYYY", var.patch_window_end)) && timecmp(var.patch_window_end, timeadd(var.patch_window_start, "4h")) >= 0
    error_message = "patch_window_end must be an RFC 3339 timestamp at least 4 hours after patch_window_start."
  }
}

variable "patch_window_recurrence" {
  type        = string
  description = "Recurrence of the maintenance window as an RFC 5545 RRULE, e.g. \"FREQ=WEEKLY;BYDAY=SA,SU\"."
  default     = "FREQ=WEEKLY;BYDAY=SA,SU"

  validation {
    condition     = can(regex("^FREQ=|;FREQ=", var.patch_window_recurrence)) && can(regex("^[A-Z]+=[A-Z0-9,+:-]+(;[A-Z]+=[A-Z0-9,+:-]+)*$", var.patch_window_recurrence))
    error_message = "patch_window_recurrence must be an RRULE with FREQ, such as \"FREQ=WEEKLY;BYDAY=SA,SU\"."
  }

  # GKE needs 48 hours of maintenance window in every 32-day period. A
  # 32-day period holds at most ceil(32 / INTERVAL) daily and
  # days * min(5, ceil(6 / INTERVAL)) weekly occurrences, so a shorter window
  # can never reach 48 hours (the generator checks the exact total).
  validation {
    condition = try(timecmp(var.patch_window_end, timeadd(var.patch_window_start, format("%dh", ceil(48 / (
      regex("FREQ=([A-Z]+)", var.patch_window_recurrence)[0] == "DAILY" ? ceil(32 / tonumber(try(regex("INTERVAL=([0-9]+)", var.patch_window_recurrence)[0], "1"))) :
      regex("FREQ=([A-Z]+)", var.patch_window_recurrence)[0] == "WEEKLY" ? length(split(",", try(regex("BYDAY=([A-Z0-9,+-]+)", var.patch_window_recurrence)[0], "SA"))) * min(5, ceil(6 / tonumber(try(regex("INTERVAL=([0-9]+)", var.patch_window_recurrence)[0], "1")))) :
      48
    ))))) >= 0, true)
    error_message = "The maintenance window cannot reach 48 hours in every 32-day period (GKE requirement): lengthen it (patch_window_end) or let patch_window_recurrence repeat it more often."
  }
}

variable "release_channel" {
  type        = string
  description = "GKE release channel (automatic upgrades): RAPID, REGULAR or STABLE."
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "database_encryption_enabled" {
  type        = bool
  description = "Encrypt Kubernetes Secrets in etcd with a Cloud KMS key (application-layer secrets encryption)."
  default     = false
}

variable "database_encryption_key_name" {
  type        = string
  description = "Existing Cloud KMS key (projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>) for database_encryption_enabled. null: the stack creates a key ring \"<cluster_name>-gke\" and key \"secrets\" in gcp_region."
  default     = null

  validation {
    condition     = var.database_encryption_key_name == null || can(regex("^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}$", var.database_encryption_key_name))
    error_message = "database_encryption_key_name must be a Cloud KMS key name: projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>."
  }
}

variable "cluster_autoscaling_enabled" {
  type        = bool
  description = "Autoscale the node pool between node_pool_min_size and node_pool_max_size (per zone) with cluster_autoscaling_profile. false: a fixed node_pool_desired_size per zone."
  default     = true
}

variable "cluster_autoscaling_profile" {
  type        = string
  description = "GKE autoscaling profile: BALANCED or OPTIMIZE_UTILIZATION (scales down faster, packs nodes tighter)."
  default     = "BALANCED"

  validation {
    condition     = contains(["BALANCED", "OPTIMIZE_UTILIZATION"], var.cluster_autoscaling_profile)
    error_message = "cluster_autoscaling_profile must be BALANCED or OPTIMIZE_UTILIZATION."
  }
}

variable "subnet_cidr" {
  type        = string
  description = "Primary range of the subnetwork created for the nodes. Ignored with an existing network."
  default     = "10.20.0.0/20"

  validation {
    condition     = can(cidrhost(var.subnet_cidr, 0))
    error_message = "subnet_cidr must be an IPv4 CIDR block."
  }
}

variable "pods_secondary_cidr" {
  type        = string
  description = "Secondary range for pods (VPC-native cluster). Ignored with an existing network."
  default     = "10.24.0.0/14"

  validation {
    condition     = can(cidrhost(var.pods_secondary_cidr, 0))
    error_message = "pods_secondary_cidr must be an IPv4 CIDR block."
  }
}

variable "services_secondary_cidr" {
  type        = string
  description = "Secondary range for services (VPC-native cluster). Ignored with an existing network."
  default     = "10.28.0.0/20"

  validation {
    condition     = can(cidrhost(var.services_secondary_cidr, 0))
    error_message = "services_secondary_cidr must be an IPv4 CIDR block."
  }
}

variable "master_ipv4_cidr_block" {
  type        = string
  description = "/28 range of the private control plane; must not overlap the other ranges."
  default     = "172.16.0.16/28"

  validation {
    condition     = can(cidrhost(var.master_ipv4_cidr_block, 0)) && endswith(var.master_ipv4_cidr_block, "/28")
    error_message = "master_ipv4_cidr_block must be an IPv4 /28 CIDR block."
  }
}

variable "existing_network_name" {
  type        = string
  description = "Use this existing VPC network (with the three existing_* names below) instead of creating one. null: create one."
  default     = null
}

variable "existing_subnetwork_name" {
  type        = string
  description = "Existing subnetwork of the nodes (with existing_network_name)."
  default     = null
}

variable "existing_pods_range_name" {
  type        = string
  description = "Name of the existing secondary range for pods (with existing_network_name)."
  default     = null
}

variable "existing_services_range_name" {
  type        = string
  description = "Name of the existing secondary range for services (with existing_network_name)."
  default     = null

  validation {
    condition = (
      length(compact([var.existing_network_name, var.existing_subnetwork_name, var.existing_pods_range_name, var.existing_services_range_name])) == 0 ||
      length(compact([var.existing_network_name, var.existing_subnetwork_name, var.existing_pods_range_name, var.existing_services_range_name])) == 4
    )
    error_message = "Set all of existing_network_name, existing_subnetwork_name, existing_pods_range_name and existing_services_range_name, or none."
  }
}

variable "endpoint_public_access" {
  type        = bool
  description = "Expose the control plane's public endpoint, restricted to endpoint_public_access_cidrs (master authorized networks). false: private endpoint only."
  default     = false
}

variable "endpoint_public_access_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the public endpoint (master authorized networks). Required when endpoint_public_access is true; 0.0.0.0/0 is rejected."
  default     = []

  validation {
    condition     = alltrue([for c in var.endpoint_public_access_cidrs : can(cidrhost(c, 0)) && !endswith(c, "/0")])
    error_message = "endpoint_public_access_cidrs must be IPv4 CIDR blocks other than 0.0.0.0/0."
  }

  validation {
    condition     = var.endpoint_public_access == (length(var.endpoint_public_access_cidrs) > 0)
    error_message = "endpoint_public_access_cidrs must be set when (and only when) endpoint_public_access is true."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra labels on every resource (project, environment and managed-by are added)."
  default     = {}
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to destroy the cluster (set to false, apply, then destroy)."
  default     = true
}
