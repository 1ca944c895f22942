variable "github_repository" {
  type        = string
  description = "The GitHub repository trusted by the identities, as OWNER/REPO."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/REPO."
  }
}

variable "subscription_id" {
  type        = string
  description = "Subscription of the stack: the identities' roles are assigned on it."
}

variable "location" {
  type        = string
  description = "Azure region of the state storage account and the identities."
}

variable "state_resource_group_name" {
  type        = string
  description = "Resource group of the state storage account and the identities (terraform/backend.hcl)."
}

variable "state_storage_account_name" {
  type        = string
  description = "Storage account holding the Terraform state (terraform/backend.hcl)."
}

variable "state_container_name" {
  type        = string
  description = "Blob container holding the Terraform state (terraform/backend.hcl)."
}

variable "name_prefix" {
  type        = string
  description = "Prefix of the identity names (id-<prefix>-plan, id-<prefix>-apply)."
}

variable "default_branch" {
  type        = string
  description = "Default branch: plans after a merge and drift detection run from it."
}

variable "apply_environment" {
  type        = string
  description = "GitHub environment of the apply job: the only subject the apply identity trusts."
}
