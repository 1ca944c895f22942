variable "github_repository" {
  type        = string
  description = "The GitHub repository trusted by the identities, as OWNER/REPO."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/REPO."
  }
}

variable "aws_region" {
  type        = string
  description = "AWS region of the state bucket."
}

variable "state_bucket" {
  type        = string
  description = "Name of the S3 bucket holding the Terraform state (terraform/backend.hcl)."
}

variable "name_prefix" {
  type        = string
  description = "Prefix of the IAM role names (<prefix>-plan, <prefix>-apply)."
}

variable "default_branch" {
  type        = string
  description = "Default branch: plans after a merge and drift detection run from it."
}

variable "apply_environment" {
  type        = string
  description = "GitHub environment of the apply job: the only subject the apply role trusts."
}

variable "create_oidc_provider" {
  type        = bool
  description = "Create the GitHub OIDC provider (false when the account already has one)."
  default     = true
}
