# The Ingress's address (k8s: kubernetes.io/ingress.global-static-ip-name).
resource "google_compute_global_address" "ingress" {
  name       = "${local.name}-ip"
  depends_on = [google_project_service.apis]
}

# Cloud Armor policy attached through the BackendConfig: /metrics is
# scraped inside the cluster and never served to the internet.
resource "google_compute_security_policy" "edge" {
  name        = "${local.name}-edge"
  description = "emovox ${var.environment}: deny /metrics at the load balancer"

  rule {
    action   = "deny(403)"
    priority = 1000
    match {
      expr {
        # Lower-cased first: the server's routes match paths case-insensitively, so /METRICS reaches it too.
        expression = "request.path.lower().startsWith('/metrics')"
      }
    }
    description = "metrics are internal"
  }

  rule {
    action   = "allow"
    priority = 2147483647
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    description = "default"
  }
}
