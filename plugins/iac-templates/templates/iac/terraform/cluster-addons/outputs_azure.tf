output "key_vault_id" {
  description = "Key Vault read by the ClusterSecretStore (null when External Secrets Operator is not installed). Grant writers \"Key Vault Secrets Officer\" on it."
  value       = one(azurerm_key_vault.this[*].id)
}

output "key_vault_uri" {
  description = "URI of the Key Vault read by the ClusterSecretStore (null when External Secrets Operator is not installed)."
  value       = one(azurerm_key_vault.this[*].vault_uri)
}

output "external_secrets_client_id" {
  description = "Client id of the workload identity of External Secrets Operator (null when not installed)."
  value       = one(azurerm_user_assigned_identity.external_secrets[*].client_id)
}
