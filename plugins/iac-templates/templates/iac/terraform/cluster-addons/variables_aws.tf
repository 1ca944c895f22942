variable "aws_region" {
  type        = string
  description = "AWS region of the cluster."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as \"us-east-1\"."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the cluster (selects the matching cluster-autoscaler image)."

  validation {
    condition     = can(regex("^1\\.(29|[3-9][0-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes minor version such as \"1.34\"."
  }
}

variable "vpc_id" {
  type        = string
  description = "VPC of the cluster (AWS Load Balancer Controller)."
}

variable "oidc_provider_arn" {
  type        = string
  description = "ARN of the cluster's IAM OIDC provider (IRSA trust)."
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the cluster (https://oidc.eks.<region>.amazonaws.com/id/<id>)."

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "oidc_issuer_url must start with https://."
  }
}

variable "node_subnet_ids" {
  type        = list(string)
  description = "Private subnets Karpenter launches nodes into."
}

variable "node_security_group_id" {
  type        = string
  description = "Security group of the nodes (the EKS cluster security group) for Karpenter nodes."
}

variable "metrics_server_enabled" {
  type        = bool
  description = "Install metrics-server (resource metrics for HPA and kubectl top)."
  default     = true
}

variable "load_balancer_controller_enabled" {
  type        = bool
  description = "Install the AWS Load Balancer Controller (ALB for Ingress, NLB for Services) with an IRSA role."
  default     = true
}

variable "cluster_autoscaler_enabled" {
  type        = bool
  description = "Install cluster-autoscaler (node group auto-discovery by tags) with an IRSA role."
  default     = false
}

variable "karpenter_enabled" {
  type        = bool
  description = "Install Karpenter (IRSA role, node role, interruption queue, default EC2NodeClass and NodePool). Exclusive with cluster_autoscaler_enabled."
  default     = false

  validation {
    condition     = !(var.karpenter_enabled && var.cluster_autoscaler_enabled)
    error_message = "karpenter_enabled and cluster_autoscaler_enabled are mutually exclusive: both would provision nodes."
  }
}

variable "cluster_autoscaler_scan_interval" {
  type        = string
  description = "How often cluster-autoscaler re-evaluates the cluster (--scan-interval, e.g. \"10s\")."
  default     = "10s"

  validation {
    condition     = can(regex("^[1-9][0-9]*(s|m)$", var.cluster_autoscaler_scan_interval))
    error_message = "cluster_autoscaler_scan_interval must be a duration in seconds or minutes such as \"10s\"."
  }
}

variable "cluster_autoscaler_scale_down_delay_after_add" {
  type        = string
  description = "How long after a scale-up scale-down evaluation resumes (--scale-down-delay-after-add, e.g. \"10m\")."
  default     = "10m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_delay_after_add))
    error_message = "cluster_autoscaler_scale_down_delay_after_add must be a duration such as \"10m\"."
  }
}

variable "cluster_autoscaler_scale_down_unneeded" {
  type        = string
  description = "How long a node must be unneeded before it is removed (--scale-down-unneeded-time, e.g. \"10m\")."
  default     = "10m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_unneeded))
    error_message = "cluster_autoscaler_scale_down_unneeded must be a duration such as \"10m\"."
  }
}

variable "cluster_autoscaler_scale_down_unready" {
  type        = string
  description = "How long an unready node must be unneeded before it is removed (--scale-down-unready-time, e.g. \"20m\")."
  default     = "20m"

  validation {
    condition     = can(regex("^(0|[1-9][0-9]*)(s|m|h)$", var.cluster_autoscaler_scale_down_unready))
    error_message = "cluster_autoscaler_scale_down_unready must be a duration such as \"20m\"."
  }
}

variable "cluster_autoscaler_scale_down_utilization_threshold" {
  type        = number
  description = "Node utilization (requests / allocatable, 0..1) below which a node is a scale-down candidate."
  default     = 0.5

  validation {
    condition     = var.cluster_autoscaler_scale_down_utilization_threshold >= 0 && var.cluster_autoscaler_scale_down_utilization_threshold <= 1
    error_message = "cluster_autoscaler_scale_down_utilization_threshold must be between 0 and 1."
  }
}

variable "cluster_autoscaler_max_graceful_termination_sec" {
  type        = number
  description = "Maximum seconds cluster-autoscaler waits for pods to terminate when draining a node."
  default     = 600

  validation {
    condition     = var.cluster_autoscaler_max_graceful_termination_sec >= 0 && var.cluster_autoscaler_max_graceful_termination_sec <= 86400
    error_message = "cluster_autoscaler_max_graceful_termination_sec must be between 0 and 86400."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags / labels on the cloud resources the module creates (identities, key vault, queues)."
  default     = {}
}
