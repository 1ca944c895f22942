# Default EC2NodeClass + NodePool (custom resources of the release above).
resource "helm_release" "karpenter_defaults" {
  count = var.karpenter_enabled ? 1 : 0

  name      = "karpenter-defaults"
  chart     = local.addon_config_chart
  version   = "1.1.0"
  namespace = "kube-system"
  atomic    = true
  wait      = true
  timeout   = 300

  values = [yamlencode({
    cloud = local.cloud
    karpenter = {
      enabled         = true
      clusterName     = var.cluster_name
      nodeRole        = aws_iam_role.karpenter_node[0].name
      subnetIds       = var.node_subnet_ids
      securityGroupId = var.node_security_group_id
      tags            = var.tags
    }
  })]

  depends_on = [helm_release.karpenter]
}
