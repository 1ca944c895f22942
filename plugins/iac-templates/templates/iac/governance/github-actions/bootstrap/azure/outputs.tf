output "plan_client_id" {
  description = "Set as the repository variable AZURE_CLIENT_ID."
  value       = azurerm_user_assigned_identity.github["plan"].client_id
}

output "plan_principal_id" {
  description = "Object id of the plan identity: terraform_context.plan_identity (plan_identity in terraform/addons.auto.tfvars.json), granted read of the add-ons' Helm release Secrets."
  value       = azurerm_user_assigned_identity.github["plan"].principal_id
}

output "apply_client_id" {
  description = "Set as the variable AZURE_CLIENT_ID of the apply environment."
  value       = azurerm_user_assigned_identity.github["apply"].client_id
}

output "tenant_id" {
  description = "Set as the repository variable AZURE_TENANT_ID."
  value       = azurerm_user_assigned_identity.github["plan"].tenant_id
}
