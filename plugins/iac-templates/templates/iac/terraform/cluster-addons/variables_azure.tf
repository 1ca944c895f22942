variable "location" {
  type        = string
  description = "Azure location of the cluster (and of the identities and key vault the module creates)."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the cluster; the module's identities and key vault are created in it."
}

variable "oidc_issuer_url" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster (workload identity federation)."

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "oidc_issuer_url must start with https://."
  }
}

variable "tenant_id" {
  type        = string
  description = "Entra ID tenant of the workload identities and the key vault."

  validation {
    condition     = can(regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$", var.tenant_id))
    error_message = "tenant_id must be a GUID."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags / labels on the cloud resources the module creates (identities, key vault, queues)."
  default     = {}
}
