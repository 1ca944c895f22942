# Bootstrap of the stack's cloud access, applied once by an administrator
# (docs/OIDC_SETUP.md): the state bucket, a workload identity pool for this
# repository and two service accounts, terraform-plan (read-only plus the
# state) and terraform-apply (what terraform/ manages), with exactly the
# roles of permissions.json.

provider "google" {
  project = var.gcp_project_id
  region  = var.gcp_region
}

locals {
  permissions = jsondecode(file("${path.module}/permissions.json"))
  identities  = toset(["plan", "apply"])
  grants = merge(
    { for role in local.permissions.plan : "plan ${role}" => { identity = "plan", role = role } },
    { for role in local.permissions.apply : "apply ${role}" => { identity = "apply", role = role } },
  )
  state_grants = merge(
    { for role in local.permissions.state.plan : "plan ${role}" => { identity = "plan", role = role } },
    { for role in local.permissions.state.apply : "apply ${role}" => { identity = "apply", role = role } },
  )
  principals = {
    plan  = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.github_repository}"
    apply = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.environment/${var.apply_environment}"
  }
}

resource "google_storage_bucket" "state" {
  name                        = var.state_bucket
  location                    = var.gcp_region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}

resource "google_iam_workload_identity_pool" "github" {
  workload_identity_pool_id = var.pool_id
  display_name              = "GitHub Actions"
}

resource "google_iam_workload_identity_pool_provider" "github" {
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = var.pool_id
  display_name                       = "GitHub Actions"
  attribute_mapping = {
    "google.subject"        = "assertion.sub"
    "attribute.repository"  = "assertion.repository"
    "attribute.ref"         = "assertion.ref"
    "attribute.environment" = "assertion.environment"
  }
  # only tokens of this repository, and only from its default branch, its
  # pull requests or the apply environment
  attribute_condition = "assertion.repository == '${var.github_repository}' && (assertion.ref == 'refs/heads/${var.default_branch}' || assertion.event_name == 'pull_request' || assertion.environment == '${var.apply_environment}')"

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "github" {
  for_each = local.identities

  account_id   = "terraform-${each.key}"
  display_name = "GitHub Actions ${each.key} identity of ${var.github_repository}"
}

resource "google_service_account_iam_member" "github" {
  for_each = local.identities

  service_account_id = google_service_account.github[each.key].name
  role               = "roles/iam.workloadIdentityUser"
  member             = local.principals[each.key]
}

resource "google_project_iam_member" "github" {
  for_each = local.grants

  project = var.gcp_project_id
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.github[each.value.identity].email}"
}

resource "google_storage_bucket_iam_member" "state" {
  for_each = local.state_grants

  bucket = google_storage_bucket.state.name
  role   = each.value.role
  member = "serviceAccount:${google_service_account.github[each.value.identity].email}"
}
