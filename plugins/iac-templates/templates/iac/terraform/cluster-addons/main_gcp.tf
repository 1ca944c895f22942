# GCP add-ons. GKE ships metrics-server, its load balancer controller and a
# managed cluster autoscaler, so only External Secrets Operator is installed:
# its Kubernetes service account impersonates a dedicated Google service
# account (GKE workload identity) that may only read Secret Manager secrets,
# never the node service account.

locals {
  cloud          = "gcp"
  cloud_releases = []

  # The plan identity as the cluster sees it: the Google service account email.
  plan_subject = { kind = "User", name = var.plan_identity }

  external_secrets_service_account_annotations = var.external_secrets_enabled ? {
    "iam.gke.io/gcp-service-account" = google_service_account.external_secrets[0].email
  } : {}
  external_secrets_pod_labels = {}

  cluster_secret_store = {
    gcp = {
      projectID = var.gcp_project_id
    }
  }
}

resource "google_project_service" "secretmanager" {
  count = var.external_secrets_enabled ? 1 : 0

  project            = var.gcp_project_id
  service            = "secretmanager.googleapis.com"
  disable_on_destroy = false
}

resource "google_service_account" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  project      = var.gcp_project_id
  account_id   = "${substr(var.cluster_name, 0, 17)}-ext-secrets"
  display_name = "External Secrets Operator of ${var.cluster_name}"
}

# The operator's Kubernetes service account may act as the Google one.
resource "google_service_account_iam_member" "external_secrets_workload_identity" {
  count = var.external_secrets_enabled ? 1 : 0

  service_account_id = google_service_account.external_secrets[0].name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.gcp_project_id}.svc.id.goog[${local.external_secrets_namespace}/${local.external_secrets_service_account}]"
}

resource "google_project_iam_member" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  project = var.gcp_project_id
  role    = "roles/secretmanager.secretAccessor"
  member  = "serviceAccount:${google_service_account.external_secrets[0].email}"
}
