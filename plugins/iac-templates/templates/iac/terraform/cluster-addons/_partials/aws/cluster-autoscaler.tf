# ---------------------------------------------------------------------------
# cluster-autoscaler (node group auto-discovery by tag)
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "cluster_autoscaler" {
  count = var.cluster_autoscaler_enabled ? 1 : 0

  statement {
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  # only the node groups of this cluster
  statement {
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster_name}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  count = var.cluster_autoscaler_enabled ? 1 : 0

  name   = "cluster-autoscaler"
  role   = aws_iam_role.irsa["cluster_autoscaler"].id
  policy = data.aws_iam_policy_document.cluster_autoscaler[0].json
}

resource "helm_release" "cluster_autoscaler" {
  count = var.cluster_autoscaler_enabled ? 1 : 0

  name            = "cluster-autoscaler"
  repository      = "https://kubernetes.github.io/autoscaler"
  chart           = "cluster-autoscaler"
  version         = "9.59.0"
  namespace       = "kube-system"
  atomic          = true
  cleanup_on_fail = true
  wait            = true
  timeout         = 600

  values = [yamlencode({
    cloudProvider = "aws"
    awsRegion     = var.aws_region
    autoDiscovery = {
      clusterName = var.cluster_name
    }
    image = {
      tag = lookup(local.cluster_autoscaler_image_tags, var.kubernetes_version, "v1.35.2")
    }
    rbac = {
      serviceAccount = {
        create = true
        name   = local.irsa["cluster_autoscaler"].service_account
        annotations = {
          "eks.amazonaws.com/role-arn" = aws_iam_role.irsa["cluster_autoscaler"].arn
        }
      }
    }
    extraArgs = {
      "scan-interval"                    = var.cluster_autoscaler_scan_interval
      "scale-down-delay-after-add"       = var.cluster_autoscaler_scale_down_delay_after_add
      "scale-down-unneeded-time"         = var.cluster_autoscaler_scale_down_unneeded
      "scale-down-unready-time"          = var.cluster_autoscaler_scale_down_unready
      "scale-down-utilization-threshold" = var.cluster_autoscaler_scale_down_utilization_threshold
      "max-graceful-termination-sec"     = var.cluster_autoscaler_max_graceful_termination_sec
      "balance-similar-node-groups"      = true
      "skip-nodes-with-system-pods"      = false
      "expander"                         = "least-waste"
    }
  })]

  depends_on = [aws_iam_role_policy.cluster_autoscaler]
}
