# Bootstrap of the stack's cloud access, applied once by an administrator
# (docs/OIDC_SETUP.md): the state bucket, the GitHub OIDC provider and two
# roles, plan (read-only plus the state) and apply (what terraform/ manages),
# with exactly the grants of permissions.json.

provider "aws" {
  region = var.aws_region
}

locals {
  permissions = jsondecode(file("${path.module}/permissions.json"))
  oidc_host   = "token.actions.githubusercontent.com"
  oidc_arn    = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${local.oidc_host}"
  subjects = {
    plan = [
      "repo:${var.github_repository}:pull_request",
      "repo:${var.github_repository}:ref:refs/heads/${var.default_branch}",
    ]
    apply = ["repo:${var.github_repository}:environment:${var.apply_environment}"]
  }
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.oidc_host}"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "trust" {
  for_each = local.subjects

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${local.oidc_host}:sub"
      values   = each.value
    }
  }
}

data "aws_iam_policy_document" "permissions" {
  for_each = local.subjects

  statement {
    sid       = "Stack"
    actions   = local.permissions[each.key]
    resources = ["*"]
  }

  statement {
    sid       = "State"
    actions   = local.permissions.state[each.key]
    resources = [aws_s3_bucket.state.arn, "${aws_s3_bucket.state.arn}/*"]
  }
}

resource "aws_iam_role" "github" {
  for_each = local.subjects

  name               = "${var.name_prefix}-${each.key}"
  description        = "GitHub Actions ${each.key} identity of ${var.github_repository}"
  assume_role_policy = data.aws_iam_policy_document.trust[each.key].json
}

resource "aws_iam_role_policy" "github" {
  for_each = local.subjects

  name   = "terraform-${each.key}"
  role   = aws_iam_role.github[each.key].id
  policy = data.aws_iam_policy_document.permissions[each.key].json
}
