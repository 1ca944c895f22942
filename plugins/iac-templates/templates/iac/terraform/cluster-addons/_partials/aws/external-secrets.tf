# ---------------------------------------------------------------------------
# External Secrets Operator: read-only access to this cluster's secrets
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  statement {
    actions = [
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
      "secretsmanager:ListSecretVersionIds",
    ]
    resources = ["arn:${local.partition}:secretsmanager:${var.aws_region}:${local.account_id}:secret:${var.cluster_name}/*"]
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  name   = "external-secrets"
  role   = aws_iam_role.irsa["external_secrets"].id
  policy = data.aws_iam_policy_document.external_secrets[0].json
}
