# Autopilot: nodes, scaling and Workload Identity are managed by GKE.
resource "google_container_cluster" "main" {
  name     = local.name
  location = var.region

  enable_autopilot    = true
  deletion_protection = var.deletion_protection

  network    = google_compute_network.main.id
  subnetwork = google_compute_subnetwork.gke.id

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  release_channel {
    channel = "REGULAR"
  }

  # The control plane answers only the listed networks (and, when enabled, Google Cloud's public ranges,
  # which Cloud Build's default worker pool needs to run deployment/deploy.sh).
  master_authorized_networks_config {
    gcp_public_cidrs_access_enabled = var.control_plane_google_cloud_access
    dynamic "cidr_blocks" {
      for_each = var.control_plane_authorized_networks
      content {
        cidr_block   = cidr_blocks.value.cidr_block
        display_name = cidr_blocks.value.display_name
      }
    }
  }

  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = google_service_account.nodes.email
      oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    }
  }

  depends_on = [google_project_service.apis]
}
