output "workload_identity_provider" {
  description = "Set as the repository variable GCP_WORKLOAD_IDENTITY_PROVIDER."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "plan_service_account" {
  description = "Set as the repository variable GCP_SERVICE_ACCOUNT."
  value       = google_service_account.github["plan"].email
}

output "apply_service_account" {
  description = "Set as the variable GCP_SERVICE_ACCOUNT of the apply environment."
  value       = google_service_account.github["apply"].email
}
