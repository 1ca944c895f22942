# AWS add-ons. Every controller that calls AWS APIs gets its own IAM role for
# its service account (IRSA), trusted only for that namespace/service account;
# none uses the node role.

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

locals {
  cloud       = "aws"
  partition   = data.aws_partition.current.partition
  account_id  = data.aws_caller_identity.current.account_id
  oidc_issuer = trimprefix(var.oidc_issuer_url, "https://")
  name_prefix = substr(var.cluster_name, 0, 20)

  # The plan role as the cluster sees it: its access entry's Kubernetes group.
  plan_group   = "iacforge:terraform-plan"
  plan_subject = { kind = "Group", name = local.plan_group }

  # Controllers with an IRSA role, when installed.
  irsa = {
    for name, sa in {
      load_balancer_controller = { enabled = var.load_balancer_controller_enabled, namespace = "kube-system", service_account = "aws-load-balancer-controller" }
      cluster_autoscaler       = { enabled = var.cluster_autoscaler_enabled, namespace = "kube-system", service_account = "cluster-autoscaler" }
      karpenter                = { enabled = var.karpenter_enabled, namespace = "kube-system", service_account = "karpenter" }
      external_secrets         = { enabled = var.external_secrets_enabled, namespace = local.external_secrets_namespace, service_account = local.external_secrets_service_account }
    } : name => sa if sa.enabled
  }

  external_secrets_service_account_annotations = var.external_secrets_enabled ? {
    "eks.amazonaws.com/role-arn" = aws_iam_role.irsa["external_secrets"].arn
  } : {}
  external_secrets_pod_labels = {}

  # ClusterSecretStore: AWS Secrets Manager of the cluster's region, read
  # with the operator's IRSA role (only secrets named "<cluster_name>/...").
  cluster_secret_store = {
    aws = {
      region = var.aws_region
    }
  }

  # cluster-autoscaler minor version must match the cluster's.
  cluster_autoscaler_image_tags = {
    "1.29" = "v1.29.5"
    "1.30" = "v1.30.7"
    "1.31" = "v1.31.5"
    "1.32" = "v1.32.7"
    "1.33" = "v1.33.6"
    "1.34" = "v1.34.5"
    "1.35" = "v1.35.2"
  }

  cloud_releases = concat(
    helm_release.metrics_server,
    helm_release.aws_load_balancer_controller,
    helm_release.cluster_autoscaler,
    helm_release.karpenter,
    helm_release.karpenter_defaults,
  )
}
