variable "project" {
  type        = string
  description = "Project / system name: the `project` tag."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.project))
    error_message = "project must be 2-32 lowercase letters, digits and \"-\", starting with a letter and ending with a letter or digit."
  }
}

variable "environment" {
  type        = string
  description = "Environment of this stack (e.g. \"dev\", \"staging\", \"prod\"): the `environment` tag."
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$", var.environment))
    error_message = "environment must be 1-16 lowercase letters, digits and \"-\", starting with a letter."
  }
}

variable "location" {
  type        = string
  description = "Azure location (region) of the cluster, e.g. \"eastus\"."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]+$", var.location))
    error_message = "location must be an Azure location name such as \"eastus\"."
  }
}

variable "resource_group_name" {
  type        = string
  description = "Resource group created for the cluster."

  validation {
    condition     = can(regex("^[A-Za-z0-9_().-]{0,89}[A-Za-z0-9_()-]$", var.resource_group_name))
    error_message = "resource_group_name must be 1-90 letters, digits, \"_\", \"-\", \".\", \"(\" and \")\", not ending with \".\"."
  }
}

variable "cluster_name" {
  type        = string
  description = "AKS cluster name (1-63 letters, digits, \"-\" and \"_\")."

  validation {
    condition     = can(regex("^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$", var.cluster_name))
    error_message = "cluster_name must be 1-63 letters, digits, \"-\" and \"_\", starting and ending with a letter or digit."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes version of the control plane and the node pool: a minor (\"1.34\", latest patch) or a patch version (\"1.34.2\")."
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.(29|[3-9][0-9])(\\.(0|[1-9][0-9]*))?$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes version 1.29 or newer, such as \"1.34\" or \"1.34.2\"."
  }
}

variable "node_pool_min_size" {
  type        = number
  description = "Minimum number of nodes of the system node pool (autoscaling lower bound, at least 1)."
  default     = 1

  validation {
    condition     = var.node_pool_min_size >= 1 && var.node_pool_min_size <= 1000 && floor(var.node_pool_min_size) == var.node_pool_min_size
    error_message = "node_pool_min_size must be a whole number between 1 and 1000 (the system pool needs a node)."
  }

  validation {
    condition     = var.node_pool_min_size <= var.node_pool_max_size
    error_message = "node_pool_min_size must not be greater than node_pool_max_size."
  }
}

variable "node_pool_max_size" {
  type        = number
  description = "Maximum number of nodes of the system node pool (autoscaling upper bound)."
  default     = 3

  validation {
    condition     = var.node_pool_max_size >= 1 && var.node_pool_max_size <= 1000 && floor(var.node_pool_max_size) == var.node_pool_max_size
    error_message = "node_pool_max_size must be a whole number between 1 and 1000."
  }
}

variable "node_pool_desired_size" {
  type        = number
  description = "Initial number of nodes (between min and max). Later changes by the autoscaler are ignored by Terraform."
  default     = 2

  validation {
    condition     = var.node_pool_desired_size >= var.node_pool_min_size && var.node_pool_desired_size <= var.node_pool_max_size
    error_message = "node_pool_desired_size must lie between node_pool_min_size and node_pool_max_size."
  }
}

variable "node_pool_max_unavailable" {
  type        = number
  description = "Nodes upgraded at once: the node pool's upgrade max_surge (extra nodes created, and old nodes drained, per batch)."
  default     = 1

  validation {
    condition     = var.node_pool_max_unavailable >= 1 && var.node_pool_max_unavailable <= 100 && floor(var.node_pool_max_unavailable) == var.node_pool_max_unavailable
    error_message = "node_pool_max_unavailable must be a whole number between 1 and 100."
  }
}

variable "node_pool_disk_size_gb" {
  type        = number
  description = "OS disk size of each node in GiB."
  default     = 100

  validation {
    condition     = var.node_pool_disk_size_gb >= 20 && var.node_pool_disk_size_gb <= 4096 && floor(var.node_pool_disk_size_gb) == var.node_pool_disk_size_gb
    error_message = "node_pool_disk_size_gb must be a whole number between 20 and 4096."
  }
}

variable "vm_size" {
  type        = string
  description = "VM size of the system node pool, e.g. \"Standard_D4s_v5\"."
  default     = "Standard_D4s_v5"

  validation {
    condition     = can(regex("^Standard_[A-Za-z0-9_]+$", var.vm_size))
    error_message = "vm_size must be an Azure VM size such as \"Standard_D4s_v5\"."
  }
}

variable "node_pool_zones" {
  type        = list(string)
  description = "Availability zones of the node pool (e.g. [\"1\", \"2\", \"3\"]). Empty: no zone pinning (for regions without availability zones)."
  default     = []

  validation {
    condition     = alltrue([for z in var.node_pool_zones : contains(["1", "2", "3"], z)])
    error_message = "node_pool_zones may only contain \"1\", \"2\" and \"3\"."
  }
}

variable "patch_day_of_week" {
  type        = string
  description = "Day of the weekly maintenance window for Kubernetes and node OS upgrades."
  default     = "Sunday"

  validation {
    condition     = contains(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], var.patch_day_of_week)
    error_message = "patch_day_of_week must be a day name such as \"Sunday\"."
  }
}

variable "patch_start_hour_utc" {
  type        = number
  description = "Start hour (UTC, 0-23) of the weekly maintenance window."
  default     = 2

  validation {
    condition     = var.patch_start_hour_utc >= 0 && var.patch_start_hour_utc <= 23 && floor(var.patch_start_hour_utc) == var.patch_start_hour_utc
    error_message = "patch_start_hour_utc must be a whole number between 0 and 23."
  }
}

variable "patch_duration_hours" {
  type        = number
  description = "Length of the weekly maintenance window in hours (4-24)."
  default     = 4

  validation {
    condition     = var.patch_duration_hours >= 4 && var.patch_duration_hours <= 24 && floor(var.patch_duration_hours) == var.patch_duration_hours
    error_message = "patch_duration_hours must be a whole number between 4 and 24."
  }
}

variable "automatic_upgrade_channel" {
  type        = string
  description = "AKS automatic upgrade channel: patch, stable, rapid or node-image."
  default     = "patch"

  validation {
    condition     = contains(["patch", "stable", "rapid", "node-image"], var.automatic_upgrade_channel)
    error_message = "automatic_upgrade_channel must be patch, stable, rapid or node-image."
  }
}

variable "sku_tier" {
  type        = string
  description = "AKS pricing tier: Free, Standard (uptime SLA) or Premium."
  default     = "Standard"

  validation {
    condition     = contains(["Free", "Standard", "Premium"], var.sku_tier)
    error_message = "sku_tier must be Free, Standard or Premium."
  }
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID group object ids granted cluster-admin through Azure RBAC (local accounts are disabled)."
  default     = []

  validation {
    condition     = alltrue([for id in var.admin_group_object_ids : can(regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$", id))])
    error_message = "admin_group_object_ids must be Entra ID object ids (GUIDs)."
  }
}

variable "cluster_admin_principal_ids" {
  type        = list(string)
  description = "Entra ID object ids (users, groups, service principals) given \"Azure Kubernetes Service RBAC Cluster Admin\" on the cluster, e.g. the apply identity that installs the add-ons. Nothing is granted to whoever runs Terraform."
  default     = []

  validation {
    condition     = alltrue([for id in var.cluster_admin_principal_ids : can(regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$", id))])
    error_message = "cluster_admin_principal_ids must be Entra ID object ids (GUIDs)."
  }
}

variable "cluster_autoscaling_enabled" {
  type        = bool
  description = "Enable the cluster autoscaler on the system node pool between node_pool_min_size and node_pool_max_size."
  default     = true
}

variable "cluster_autoscaler_scan_interval" {
  type        = string
  description = "auto_scaler_profile: how often the autoscaler re-evaluates the cluster (e.g. \"10s\")."
  default     = "10s"

  validation {
    condition     = can(regex("^[1-9][0-9]*(s|m)$", var.cluster_autoscaler_scan_interval))
    error_message = "cluster_autoscaler_scan_interval must be a duration in seconds or minutes such as \"10s\"."
  }
}

variable "cluster_autoscaler_scale_down_delay_after_add" {
  type        = string
  description = "auto_scaler_profile: how long after a scale-up scale-down evaluation resumes (e.g. \"10m\")."
  default     = "10m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_delay_after_add))
    error_message = "cluster_autoscaler_scale_down_delay_after_add must be a duration such as \"10m\"."
  }
}

variable "cluster_autoscaler_scale_down_unneeded" {
  type        = string
  description = "auto_scaler_profile: how long a node must be unneeded before it is removed (e.g. \"10m\")."
  default     = "10m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_unneeded))
    error_message = "cluster_autoscaler_scale_down_unneeded must be a duration such as \"10m\"."
  }
}

variable "cluster_autoscaler_scale_down_unready" {
  type        = string
  description = "auto_scaler_profile: how long an unready node must be unneeded before it is removed (e.g. \"20m\")."
  default     = "20m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_unready))
    error_message = "cluster_autoscaler_scale_down_unready must be a duration such as \"20m\"."
  }
}

variable "cluster_autoscaler_scale_down_utilization_threshold" {
  type        = number
  description = "auto_scaler_profile: node utilization (0..1) below which a node is a scale-down candidate."
  default     = 0.5

  validation {
    condition     = var.cluster_autoscaler_scale_down_utilization_threshold >= 0 && var.cluster_autoscaler_scale_down_utilization_threshold <= 1
    error_message = "cluster_autoscaler_scale_down_utilization_threshold must be between 0 and 1."
  }
}

variable "cluster_autoscaler_max_graceful_termination_sec" {
  type        = number
  description = "auto_scaler_profile: maximum seconds the autoscaler waits for pods to terminate when draining a node."
  default     = 600

  validation {
    condition     = var.cluster_autoscaler_max_graceful_termination_sec >= 0 && var.cluster_autoscaler_max_graceful_termination_sec <= 86400 && floor(var.cluster_autoscaler_max_graceful_termination_sec) == var.cluster_autoscaler_max_graceful_termination_sec
    error_message = "cluster_autoscaler_max_graceful_termination_sec must be a whole number between 0 and 86400."
  }
}

variable "vnet_cidr" {
  type        = string
  description = "Address space of the virtual network created for the cluster. Ignored when existing_subnet_id is set."
  default     = "10.10.0.0/16"

  validation {
    condition     = can(cidrhost(var.vnet_cidr, 0))
    error_message = "vnet_cidr must be an IPv4 CIDR block."
  }
}

variable "node_subnet_cidr" {
  type        = string
  description = "Subnet of the nodes, inside vnet_cidr. Ignored when existing_subnet_id is set."
  default     = "10.10.0.0/20"

  validation {
    condition     = can(cidrhost(var.node_subnet_cidr, 0))
    error_message = "node_subnet_cidr must be an IPv4 CIDR block."
  }
}

variable "pod_cidr" {
  type        = string
  description = "Pod CIDR (Azure CNI Overlay): must not overlap the virtual network or service_cidr."
  default     = "192.168.0.0/16"

  validation {
    condition     = can(cidrhost(var.pod_cidr, 0))
    error_message = "pod_cidr must be an IPv4 CIDR block."
  }
}

variable "service_cidr" {
  type        = string
  description = "Kubernetes service CIDR: must not overlap the virtual network or pod_cidr."
  default     = "172.16.0.0/16"

  validation {
    condition     = can(cidrhost(var.service_cidr, 0))
    error_message = "service_cidr must be an IPv4 CIDR block."
  }
}

variable "dns_service_ip" {
  type        = string
  description = "Cluster DNS service IP, inside service_cidr."
  default     = "172.16.0.10"

  validation {
    condition     = can(regex("^([0-9]{1,3}\\.){3}[0-9]{1,3}$", var.dns_service_ip))
    error_message = "dns_service_ip must be an IPv4 address."
  }
}

variable "existing_subnet_id" {
  type        = string
  description = "Resource id of an existing subnet for the nodes instead of creating a virtual network. null: create one."
  default     = null

  validation {
    condition     = var.existing_subnet_id == null || can(regex("^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft.Network/virtualNetworks/[^/]+/subnets/[^/]+$", var.existing_subnet_id))
    error_message = "existing_subnet_id must be a subnet resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)."
  }
}

variable "endpoint_public_access" {
  type        = bool
  description = "Expose the API server publicly, restricted to endpoint_public_access_cidrs. false: private cluster."
  default     = false
}

variable "endpoint_public_access_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the public API server (authorized IP ranges). Required when endpoint_public_access is true; 0.0.0.0/0 is rejected."
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
  description = "Extra tags on every resource (project, environment and managed-by are added)."
  default     = {}
}

variable "azure_monitor_enabled" {
  type        = bool
  description = "Send container logs and metrics to a Log Analytics workspace (Container Insights, oms_agent with managed identity auth)."
  default     = true
}

variable "defender_enabled" {
  type        = bool
  description = "Enable the Microsoft Defender for Containers profile (needs the Defender for Containers plan on the subscription; billed)."
  default     = false
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the Log Analytics workspace in days (30-730)."
  default     = 90

  validation {
    condition     = var.log_retention_days >= 30 && var.log_retention_days <= 730
    error_message = "log_retention_days must be between 30 and 730."
  }
}
