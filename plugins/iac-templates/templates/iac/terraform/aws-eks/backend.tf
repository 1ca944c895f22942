# Remote state in S3 with S3-native locking (use_lockfile; DynamoDB locking is
# deprecated) and server-side encryption. The environment's bucket, key and
# region are kept in backend.hcl (a partial configuration):
#
#   terraform init -backend-config=backend.hcl
#
# Credentials never go here: the workflows authenticate with GitHub OIDC.
terraform {
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }
}
