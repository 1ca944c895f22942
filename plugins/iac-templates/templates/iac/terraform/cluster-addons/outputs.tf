output "external_secrets_namespace" {
  description = "Namespace of External Secrets Operator (null when not installed)."
  value       = var.external_secrets_enabled ? local.external_secrets_namespace : null
}

output "cluster_secret_store_name" {
  description = "Name of the ClusterSecretStore that ExternalSecrets reference (null when External Secrets Operator is not installed)."
  value       = var.external_secrets_enabled ? local.cluster_secret_store_name : null
}

output "releases" {
  description = "Installed Helm releases: name => chart version."
  value       = local.releases
}
