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

  # Every release of the module but plan_access: their namespaces are where
  # the plan identity reads the Helm release Secrets. A new release must be
  # listed here (the identity output check fails otherwise).
  release_list = concat(local.cloud_releases, helm_release.prometheus_operator_crds, helm_release.addon_namespaces, helm_release.external_secrets, helm_release.cluster_secret_store)

  # Pod and container security contexts of the "restricted" Pod Security
  # level, for the charts installed into restricted namespaces.
  restricted_pod_security_context = {
    runAsNonRoot   = true
    seccompProfile = { type = "RuntimeDefault" }
  }
  restricted_security_context = {
    allowPrivilegeEscalation = false
    capabilities             = { drop = ["ALL"] }
    readOnlyRootFilesystem   = true
    runAsNonRoot             = true
    seccompProfile           = { type = "RuntimeDefault" }
  }

  releases = {
    for r in concat(local.release_list, helm_release.plan_access) :
    r.name => r.version
  }

  # plan_access itself lives in kube-system
  release_namespaces = sort(distinct(concat(["kube-system"], [for r in local.release_list : r.namespace])))
}

# The operator's namespace enforces the "restricted" Pod Security level: it
# is created (labelled) by the module's chart, and the values below give
# every pod of the chart a restricted security context (the pod-security
# output check evaluates them against that level).
resource "helm_release" "addon_namespaces" {
  count = var.external_secrets_enabled ? 1 : 0

  name      = "addon-namespaces"
  chart     = local.addon_config_chart
  version   = "1.1.0"
  namespace = "kube-system"
  atomic    = true
  wait      = true
  timeout   = 300

  values = [yamlencode({
    cloud = local.cloud
    namespaces = [
      { name = local.external_secrets_namespace, podSecurity = "restricted" },
    ]
  })]
}

resource "helm_release" "external_secrets" {
  count = var.external_secrets_enabled ? 1 : 0

  name            = "external-secrets"
  repository      = "https://charts.external-secrets.io"
  chart           = "external-secrets"
  version         = "2.9.0"
  namespace       = local.external_secrets_namespace
  atomic          = true
  cleanup_on_fail = true
  wait            = true
  timeout         = 600

  values = [yamlencode({
    installCRDs        = true
    replicaCount       = 2
    podSecurityContext = local.restricted_pod_security_context
    securityContext    = local.restricted_security_context
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
      replicaCount       = 2
      podSecurityContext = local.restricted_pod_security_context
      securityContext    = local.restricted_security_context
    }
    certController = {
      podSecurityContext = local.restricted_pod_security_context
      securityContext    = local.restricted_security_context
    }
  })]

  depends_on = [helm_release.addon_namespaces]
}

# The ClusterSecretStore is a custom resource of the operator above, so it is
# installed by a second release (a chart shipped with this module) once the
# operator and its webhook are ready.
resource "helm_release" "cluster_secret_store" {
  count = var.external_secrets_enabled ? 1 : 0

  name      = "cluster-secret-store"
  chart     = local.addon_config_chart
  version   = "1.1.0"
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

# Prometheus Operator CRDs (monitoring.coreos.com): the workload chart's
# ServiceMonitor, PodMonitor and PrometheusRule objects are refused without
# them. CRDs only, no operator: the platform's collector (kube-prometheus-stack,
# Grafana Alloy, an OpenTelemetry target allocator) reads these objects; see
# docs/terraform.md. The chart keeps the CRDs in templates/, so upgrades of
# this release upgrade them (Helm never upgrades crds/).
resource "helm_release" "prometheus_operator_crds" {
  count = var.prometheus_operator_crds_enabled ? 1 : 0

  name            = "prometheus-operator-crds"
  repository      = "https://prometheus-community.github.io/helm-charts"
  chart           = "prometheus-operator-crds"
  version         = "29.0.0"
  namespace       = "kube-system"
  atomic          = true
  cleanup_on_fail = true
  wait            = true
  timeout         = 300

  # Kept when the release is uninstalled: deleting a CRD deletes every
  # ServiceMonitor, PodMonitor and PrometheusRule of every namespace.
  # (values of the chart's crds subchart, charts/crds/templates/crd-*.yaml)
  values = [yamlencode({
    crds = {
      annotations = { "helm.sh/resource-policy" = "keep" }
    }
  })]
}

# `terraform plan` refreshes every helm_release above, and the Helm provider
# reads each release from the Secrets (sh.helm.release.v1.*) of its
# namespace. The plan identity gets exactly get and list on Secrets in those
# namespaces (a Role and a RoleBinding each, from the module's chart), no
# cluster-wide read: it then also reads the other Secrets of those
# namespaces, which is the trade-off docs/governance.md describes.
resource "helm_release" "plan_access" {
  count = var.plan_identity == null ? 0 : 1

  name      = "terraform-plan-access"
  chart     = local.addon_config_chart
  version   = "1.1.0"
  namespace = "kube-system"
  atomic    = true
  wait      = true
  timeout   = 300

  values = [yamlencode({
    cloud = local.cloud
    planAccess = {
      enabled    = true
      namespaces = local.release_namespaces
      subject    = local.plan_subject
    }
  })]
}
