output "plan_client_id" {
  description = "Set as the repository variable AZURE_CLIENT_ID."
  value       = azurerm_user_assigned_identity.github["plan"].client_id
}

output "apply_client_id" {
  description = "Set as the variable AZURE_CLIENT_ID of the apply environment."
  value       = azurerm_user_assigned_identity.github["apply"].client_id
}

output "tenant_id" {
  description = "Set as the repository variable AZURE_TENANT_ID."
  value       = azurerm_user_assigned_identity.github["plan"].tenant_id
}
