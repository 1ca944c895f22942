variable "github_repository" {
  type        = string
  description = "The GitHub repository trusted by the identities, as OWNER/REPO."

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be OWNER/REPO."
  }
}

variable "gcp_project_id" {
  type        = string
  description = "Project of the stack: the service accounts' roles are granted on it."
}

variable "gcp_region" {
  type        = string
  description = "Region of the state bucket."
}

variable "state_bucket" {
  type        = string
  description = "Name of the GCS bucket holding the Terraform state (terraform/backend.hcl)."
}

variable "default_branch" {
  type        = string
  description = "Default branch: plans after a merge and drift detection run from it."
}

variable "apply_environment" {
  type        = string
  description = "GitHub environment of the apply job: the only one the apply service account trusts."
}

variable "pool_id" {
  type        = string
  description = "Workload identity pool (and provider) id for GitHub."
  default     = "github"
}
