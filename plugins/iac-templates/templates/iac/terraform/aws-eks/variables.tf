variable "project" {
  type        = string
  description = "Project / system name: prefix of resource names and the `project` tag."

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

variable "aws_region" {
  type        = string
  description = "AWS region of the cluster (e.g. \"us-east-1\")."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as \"us-east-1\"."
  }
}

variable "cluster_name" {
  type        = string
  description = "EKS cluster name (1-100 letters, digits, \"-\" and \"_\")."

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be 1-100 letters, digits, \"-\" and \"_\", starting with a letter or digit."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the control plane and the node group (e.g. \"1.34\")."
  default     = "1.34"

  validation {
    condition     = can(regex("^1\\.(29|[3-9][0-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes minor version 1.29 or newer, such as \"1.34\"."
  }
}

variable "node_pool_min_size" {
  type        = number
  description = "Minimum number of nodes of the managed node group (autoscaling lower bound)."
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
  description = "Maximum number of nodes of the managed node group (autoscaling upper bound)."
  default     = 3

  validation {
    condition     = var.node_pool_max_size >= 1 && var.node_pool_max_size <= 1000 && floor(var.node_pool_max_size) == var.node_pool_max_size
    error_message = "node_pool_max_size must be a whole number between 1 and 1000."
  }
}

variable "node_pool_desired_size" {
  type        = number
  description = "Initial number of nodes (between min and max). Later changes by the cluster autoscaler are ignored by Terraform."
  default     = 2

  validation {
    condition     = var.node_pool_desired_size >= var.node_pool_min_size && var.node_pool_desired_size <= var.node_pool_max_size
    error_message = "node_pool_desired_size must lie between node_pool_min_size and node_pool_max_size."
  }
}

variable "node_pool_max_unavailable" {
  type        = number
  description = "Maximum number of nodes unavailable at once during a node group update (EKS update_config)."
  default     = 1

  validation {
    condition     = var.node_pool_max_unavailable >= 1 && var.node_pool_max_unavailable <= 100 && floor(var.node_pool_max_unavailable) == var.node_pool_max_unavailable
    error_message = "node_pool_max_unavailable must be a whole number between 1 and 100."
  }
}

variable "node_pool_disk_size_gb" {
  type        = number
  description = "Root volume size of each node in GiB (encrypted gp3)."
  default     = 100

  validation {
    condition     = var.node_pool_disk_size_gb >= 20 && var.node_pool_disk_size_gb <= 4096 && floor(var.node_pool_disk_size_gb) == var.node_pool_disk_size_gb
    error_message = "node_pool_disk_size_gb must be a whole number between 20 and 4096."
  }
}

variable "node_pool_instance_type" {
  type        = string
  description = "EC2 instance type of the managed node group (e.g. \"m6i.large\"; Graviton types such as \"m7g.large\" get an arm64 AMI)."
  default     = "m6i.large"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", var.node_pool_instance_type))
    error_message = "node_pool_instance_type must be an EC2 instance type such as \"m6i.large\"."
  }
}

variable "node_pool_capacity_type" {
  type        = string
  description = "Capacity type of the managed node group: ON_DEMAND or SPOT."
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_pool_capacity_type)
    error_message = "node_pool_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "cluster_autoscaling_enabled" {
  type        = bool
  description = "Tag the node group for cluster-autoscaler auto-discovery (k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<cluster_name>)."
  default     = true
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR of the VPC created for the cluster (/16 to /24). Ignored when existing_vpc_id is set."
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be an IPv4 CIDR block between /16 and /24."
  }
}

variable "private_subnet_cidrs" {
  type        = list(string)
  description = "Private subnet CIDRs, one per availability zone (2-6). Nodes and pods live here. Ignored when existing_vpc_id is set."
  default     = ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]

  validation {
    condition     = length(var.private_subnet_cidrs) >= 2 && length(var.private_subnet_cidrs) <= 6 && alltrue([for c in var.private_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_subnet_cidrs must list 2 to 6 IPv4 CIDR blocks."
  }
}

variable "public_subnet_cidrs" {
  type        = list(string)
  description = "Public subnet CIDRs (load balancers, NAT gateways), one per availability zone, same count as private_subnet_cidrs. Ignored when existing_vpc_id is set."
  default     = ["10.0.96.0/22", "10.0.100.0/22", "10.0.104.0/22"]

  validation {
    condition     = length(var.public_subnet_cidrs) == length(var.private_subnet_cidrs) && alltrue([for c in var.public_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must list one IPv4 CIDR block per private subnet."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "Use one NAT gateway for all availability zones (cheaper, not zone-redundant) instead of one per zone."
  default     = false
}

variable "existing_vpc_id" {
  type        = string
  description = "Deploy into this existing VPC instead of creating one (requires existing_private_subnet_ids). null: create a VPC."
  default     = null

  validation {
    condition     = var.existing_vpc_id == null || can(regex("^vpc-[0-9a-f]{8,17}$", var.existing_vpc_id))
    error_message = "existing_vpc_id must be a VPC id such as \"vpc-0123456789abcdef0\"."
  }
}

variable "existing_private_subnet_ids" {
  type        = list(string)
  description = "Private subnet ids of the existing VPC, in at least two availability zones. Required with existing_vpc_id."
  default     = null

  validation {
    condition     = (var.existing_private_subnet_ids == null) == (var.existing_vpc_id == null)
    error_message = "Set existing_vpc_id and existing_private_subnet_ids together."
  }

  validation {
    condition     = var.existing_private_subnet_ids == null || alltrue([for id in coalesce(var.existing_private_subnet_ids, []) : can(regex("^subnet-[0-9a-f]{8,17}$", id))]) && length(coalesce(var.existing_private_subnet_ids, [])) >= 2
    error_message = "existing_private_subnet_ids must list at least two subnet ids such as \"subnet-0123456789abcdef0\"."
  }
}

variable "endpoint_public_access" {
  type        = bool
  description = "Expose the Kubernetes API on a public endpoint, restricted to endpoint_public_access_cidrs. false: private endpoint only."
  default     = false
}

variable "endpoint_public_access_cidrs" {
  type        = list(string)
  description = "CIDR blocks allowed to reach the public API endpoint. Required when endpoint_public_access is true; 0.0.0.0/0 is rejected."
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
  description = "Extra tags on every resource (added to project, environment and managed-by through the provider's default_tags)."
  default     = {}
}

variable "cluster_log_retention_days" {
  type        = number
  description = "Retention of the control-plane log group in days."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cluster_log_retention_days)
    error_message = "cluster_log_retention_days must be a retention period CloudWatch Logs accepts (e.g. 90, 365, 731)."
  }
}
