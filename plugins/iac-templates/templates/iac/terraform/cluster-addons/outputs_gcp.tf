output "external_secrets_service_account" {
  description = "Google service account of External Secrets Operator (null when not installed)."
  value       = one(google_service_account.external_secrets[*].email)
}
