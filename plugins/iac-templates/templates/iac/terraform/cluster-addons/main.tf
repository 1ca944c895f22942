# External Secrets Operator (every cloud) and the ClusterSecretStore for the
# cloud's secret manager. The cloud-specific identity (IRSA role, Azure
# workload identity, GKE workload identity) and the store's provider settings
# come from the main_<cloud>.tf file of this module:
#   local.external_secrets_service_account  (annotations / labels)
#   local.external_secrets_pod_labels
#   local.cluster_secret_store              (values of the addon-config chart)

locals {
  external_secrets_namespace       = "external-secrets"
  external_secrets_service_account = "external-secrets"
  cluster_secret_store_name        = "${var.cluster_name}-secrets"
  addon_config_chart               = "${path.module}/charts/addon-config"

  releases = {
    for r in concat(local.cloud_releases, helm_release.external_secrets, helm_release.cluster_secret_store) :
    r.name => r.version
  }
}

resource "helm_release" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  name             = "external-secrets"
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = "2.9.0"
  namespace        = local.external_secrets_namespace
  create_namespace = true
  atomic           = true
  cleanup_on_fail  = true
  wait             = true
  timeout          = 600

  values = [yamlencode({
    installCRDs  = true
    replicaCount = 2
    serviceAccount = {
      create      = true
      name        = local.external_secrets_service_account
      annotations = local.external_secrets_service_account_annotations
    }
    podLabels = local.external_secrets_pod_labels
    podDisruptionBudget = {
      enabled      = true
      minAvailable = 1
    }
    webhook = {
      replicaCount = 2
    }
  })]
}

# The ClusterSecretStore is a custom resource of the operator above, so it is
# installed by a second release (a chart shipped with this module) once the
# operator and its webhook are ready.
resource "helm_release" "cluster_secret_store" {
  count = var.external_secrets_enabled ? 1 : 0

  name      = "cluster-secret-store"
  chart     = local.addon_config_chart
  version   = "1.0.0"
  namespace = local.external_secrets_namespace
  atomic    = true
  wait      = true
  timeout   = 300

  values = [yamlencode({
    cloud = local.cloud
    clusterSecretStore = merge(local.cluster_secret_store, {
      enabled = true
      name    = local.cluster_secret_store_name
    })
  })]

  depends_on = [helm_release.external_secrets]
}
