# The plan role signs in to the cluster through an access entry that maps it
# to a Kubernetes group and nothing else (no access policy): the RBAC of
# helm_release.plan_access is all it may do in the cluster.
resource "aws_eks_access_entry" "plan" {
  count = var.plan_identity == null ? 0 : 1

  cluster_name      = var.cluster_name
  principal_arn     = var.plan_identity
  kubernetes_groups = [local.plan_group]
  type              = "STANDARD"
  tags              = var.tags
}
