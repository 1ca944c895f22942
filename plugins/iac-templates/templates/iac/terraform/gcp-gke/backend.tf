# Remote state in a GCS bucket (object versioning recommended; GCS locks the
# state natively). The environment's bucket and prefix are kept in
# backend.hcl (a partial configuration):
#
#   terraform init -backend-config=backend.hcl
#
# Credentials never go here: the workflows authenticate with Workload
# Identity Federation.
terraform {
  backend "gcs" {}
}
