# Cluster add-ons (generated because addons_context.enabled was set): the
# module in modules/cluster-addons installs pinned Helm charts, each
# controller with its own IRSA role. Delete this file, addons.auto.tfvars.json
# and modules/cluster-addons to drop the add-ons.
#
# The Helm provider talks to the cluster's API endpoint: with a private
# endpoint (endpoint_public_access = false) Terraform must run from inside
# the VPC (self-hosted runner, VPN) for the add-ons to apply.

variable "addons" {
  type = object({
    metrics_server           = bool
    load_balancer_controller = bool
    external_secrets         = bool
    cluster_autoscaler       = bool
    karpenter                = bool
    prometheus_operator_crds = bool
  })
  description = "Add-ons to install (addons_context): metrics-server, AWS Load Balancer Controller, External Secrets Operator, cluster-autoscaler, Karpenter, Prometheus Operator CRDs."

  validation {
    condition     = !(var.addons.karpenter && var.addons.cluster_autoscaler)
    error_message = "karpenter and cluster_autoscaler are mutually exclusive: both would provision nodes."
  }

  validation {
    condition     = !var.addons.cluster_autoscaler || var.cluster_autoscaling_enabled
    error_message = "cluster-autoscaler discovers node groups by tag: set cluster_autoscaling_enabled to true."
  }
}

variable "cluster_autoscaler_scan_interval" {
  type        = string
  description = "How often cluster-autoscaler re-evaluates the cluster (e.g. \"10s\")."
  default     = "10s"
}

variable "cluster_autoscaler_scale_down_delay_after_add" {
  type        = string
  description = "How long after a scale-up scale-down evaluation resumes (e.g. \"10m\")."
  default     = "10m"
}

variable "cluster_autoscaler_scale_down_unneeded" {
  type        = string
  description = "How long a node must be unneeded before it is removed (e.g. \"10m\")."
  default     = "10m"
}

variable "cluster_autoscaler_scale_down_unready" {
  type        = string
  description = "How long an unready node must be unneeded before it is removed (e.g. \"20m\")."
  default     = "20m"
}

variable "cluster_autoscaler_scale_down_utilization_threshold" {
  type        = number
  description = "Node utilization (requests / allocatable, 0..1) below which a node is a scale-down candidate."
  default     = 0.5
}

variable "cluster_autoscaler_max_graceful_termination_sec" {
  type        = number
  description = "Maximum seconds cluster-autoscaler waits for pods to terminate when draining a node."
  default     = 600
}

variable "plan_identity" {
  type        = string
  description = "IAM role ARN of the Terraform plan identity (bootstrap output plan_role_arn): given an EKS access entry in the Kubernetes group iacforge:terraform-plan and get/list on Secrets in the add-ons' release namespaces, so plans can refresh the Helm releases. null: no grant."
  default     = null

  validation {
    condition     = var.plan_identity == null || can(regex("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/", var.plan_identity))
    error_message = "plan_identity must be an IAM role ARN (arn:aws:iam::<account>:role/<name>) or null."
  }
}

provider "helm" {
  kubernetes = {
    host                   = aws_eks_cluster.this.endpoint
    cluster_ca_certificate = base64decode(aws_eks_cluster.this.certificate_authority[0].data)
    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", aws_eks_cluster.this.name, "--region", var.aws_region, "--output", "json"]
    }
  }
}

module "cluster_addons" {
  source = "./modules/cluster-addons"

  cluster_name           = aws_eks_cluster.this.name
  kubernetes_version     = aws_eks_cluster.this.version
  aws_region             = var.aws_region
  vpc_id                 = local.vpc_id
  oidc_provider_arn      = aws_iam_openid_connect_provider.eks.arn
  oidc_issuer_url        = aws_eks_cluster.this.identity[0].oidc[0].issuer
  node_subnet_ids        = local.private_subnet_ids
  node_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  tags                   = local.tags

  metrics_server_enabled           = var.addons.metrics_server
  load_balancer_controller_enabled = var.addons.load_balancer_controller
  external_secrets_enabled         = var.addons.external_secrets
  cluster_autoscaler_enabled       = var.addons.cluster_autoscaler
  karpenter_enabled                = var.addons.karpenter
  prometheus_operator_crds_enabled = var.addons.prometheus_operator_crds
  plan_identity                    = var.plan_identity

  cluster_autoscaler_scan_interval                    = var.cluster_autoscaler_scan_interval
  cluster_autoscaler_scale_down_delay_after_add       = var.cluster_autoscaler_scale_down_delay_after_add
  cluster_autoscaler_scale_down_unneeded              = var.cluster_autoscaler_scale_down_unneeded
  cluster_autoscaler_scale_down_unready               = var.cluster_autoscaler_scale_down_unready
  cluster_autoscaler_scale_down_utilization_threshold = var.cluster_autoscaler_scale_down_utilization_threshold
  cluster_autoscaler_max_graceful_termination_sec     = var.cluster_autoscaler_max_graceful_termination_sec

  # nodes must run before controllers can be scheduled
  depends_on = [aws_eks_node_group.default, aws_eks_addon.this]
}

output "addons" {
  description = "Cluster add-ons: installed Helm releases (name => chart version), IRSA roles and the ClusterSecretStore name."
  value = {
    releases                  = module.cluster_addons.releases
    irsa_role_arns            = module.cluster_addons.irsa_role_arns
    cluster_secret_store_name = module.cluster_addons.cluster_secret_store_name
  }
}
