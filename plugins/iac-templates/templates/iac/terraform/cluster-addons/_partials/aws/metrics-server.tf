# ---------------------------------------------------------------------------
# metrics-server
# ---------------------------------------------------------------------------

resource "helm_release" "metrics_server" {
  count = var.metrics_server_enabled ? 1 : 0

  name            = "metrics-server"
  repository      = "https://kubernetes-sigs.github.io/metrics-server/"
  chart           = "metrics-server"
  version         = "3.13.1"
  namespace       = "kube-system"
  atomic          = true
  cleanup_on_fail = true
  wait            = true
  timeout         = 600

  values = [yamlencode({
    replicas = 2
    podDisruptionBudget = {
      enabled      = true
      minAvailable = 1
    }
  })]
}
