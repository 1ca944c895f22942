variable "cluster_name" {
  type        = string
  description = "Name of the Kubernetes cluster the add-ons are installed into."

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.cluster_name))
    error_message = "cluster_name must be 1-100 letters, digits, \"-\" and \"_\", starting with a letter or digit."
  }
}

variable "external_secrets_enabled" {
  type        = bool
  description = "Install External Secrets Operator and a ClusterSecretStore for the cloud's secret manager, with a workload identity of its own."
  default     = false
}

variable "prometheus_operator_crds_enabled" {
  type        = bool
  description = "Install the Prometheus Operator CRDs (monitoring.coreos.com) that ServiceMonitor, PodMonitor and PrometheusRule objects need. EKS/AKS; leave false on GKE (Managed Service for Prometheus)."
  default     = false
}

variable "plan_identity" {
  type        = string
  description = "The Terraform plan identity (AWS: IAM role ARN, given an EKS access entry in the Kubernetes group iacforge:terraform-plan; Azure: Entra object id; GCP: service account email). Granted get/list on Secrets in every Helm release namespace of the module, so plans can refresh the releases. null: no grant."
  default     = null
}
