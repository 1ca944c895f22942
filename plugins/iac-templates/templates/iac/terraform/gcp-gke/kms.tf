# Application-layer secrets encryption (database_encryption_enabled): the
# key given in database_encryption_key_name, or a key ring and key created
# here in the cluster's region. The GKE service agent
# (service-<project number>@container-engine-robot) must be able to use the
# key before the cluster is created.

data "google_project" "this" {}

locals {
  create_database_encryption_key = var.database_encryption_enabled && var.database_encryption_key_name == null
  database_encryption_key_name   = local.create_database_encryption_key ? google_kms_crypto_key.gke_database_encryption[0].id : var.database_encryption_key_name
}

resource "google_kms_key_ring" "gke" {
  count = local.create_database_encryption_key ? 1 : 0

  name     = "${var.cluster_name}-gke"
  location = var.gcp_region

  depends_on = [google_project_service.this]
}

resource "google_kms_crypto_key" "gke_database_encryption" {
  count = local.create_database_encryption_key ? 1 : 0

  name            = "secrets"
  key_ring        = google_kms_key_ring.gke[0].id
  purpose         = "ENCRYPT_DECRYPT"
  rotation_period = "7776000s"
  labels          = local.labels
}

resource "google_kms_crypto_key_iam_member" "gke_database_encryption" {
  count = var.database_encryption_enabled ? 1 : 0

  crypto_key_id = local.database_encryption_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-${data.google_project.this.number}@container-engine-robot.iam.gserviceaccount.com"

  depends_on = [google_project_service.this]
}
