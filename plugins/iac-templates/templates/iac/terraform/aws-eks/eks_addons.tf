# EKS-managed add-ons, at the default version for the cluster. vpc-cni and
# kube-proxy are created before the node group ("before compute": the node
# group depends on aws_eks_addon.before_compute), so nodes join with a
# working CNI; coredns and the EBS CSI driver need running
# nodes. vpc-cni and the EBS CSI driver each use their own IRSA role (the
# node role carries neither policy).

locals {
  # issuer host and path: the IAM condition key prefix
  oidc_issuer = trimprefix(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://")

  # add-on => the kube-system service account and AWS managed policy of its IRSA role
  eks_addon_identities = {
    "vpc-cni"            = { service_account = "aws-node", policy = "AmazonEKS_CNI_Policy" }
    "aws-ebs-csi-driver" = { service_account = "ebs-csi-controller-sa", policy = "service-role/AmazonEBSCSIDriverPolicy" }
  }
}

data "aws_iam_policy_document" "eks_addon_trust" {
  for_each = local.eks_addon_identities

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:kube-system:${each.value.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "eks_addon" {
  for_each = local.eks_addon_identities

  name_prefix        = "${local.name_prefix}-${substr(each.key, 0, 10)}-"
  description        = "${each.key} add-on of ${var.cluster_name} (IRSA)"
  assume_role_policy = data.aws_iam_policy_document.eks_addon_trust[each.key].json
}

resource "aws_iam_role_policy_attachment" "eks_addon" {
  for_each = local.eks_addon_identities

  role       = aws_iam_role.eks_addon[each.key].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value.policy}"
}

resource "aws_eks_addon" "before_compute" {
  for_each = {
    "vpc-cni"    = aws_iam_role.eks_addon["vpc-cni"].arn
    "kube-proxy" = null
  }

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  depends_on = [aws_iam_role_policy_attachment.eks_addon]
}

resource "aws_eks_addon" "this" {
  for_each = {
    "coredns"            = null
    "aws-ebs-csi-driver" = aws_iam_role.eks_addon["aws-ebs-csi-driver"].arn
  }

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  service_account_role_arn    = each.value
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  # coredns and the EBS CSI controller need nodes to become active
  depends_on = [aws_eks_node_group.default, aws_iam_role_policy_attachment.eks_addon]
}
