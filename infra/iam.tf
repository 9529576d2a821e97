# The app's identity (through Workload Identity; no key files).
resource "google_service_account" "app" {
  account_id   = "${local.name}-app"
  display_name = "emovox ${var.environment} server"
}

# Object admin on this bucket only.
resource "google_storage_bucket_iam_member" "app_objects" {
  bucket = google_storage_bucket.recordings.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.app.email}"
}

# Lets the Cloud SQL Auth Proxy sidecar connect.
resource "google_project_iam_member" "app_sql_client" {
  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.app.email}"
}

# The Kubernetes service account emovox/emovox acts as the app's account.
resource "google_service_account_iam_member" "app_workload_identity" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.k8s_namespace}/${var.k8s_service_account}]"
  depends_on         = [google_container_cluster.main]
}

# Nodes get a minimal account instead of the default compute one.
resource "google_service_account" "nodes" {
  account_id   = "${local.name}-nodes"
  display_name = "emovox ${var.environment} GKE nodes"
}

resource "google_project_iam_member" "nodes_default" {
  project = var.project_id
  role    = "roles/container.defaultNodeServiceAccount"
  member  = "serviceAccount:${google_service_account.nodes.email}"
}

resource "google_artifact_registry_repository_iam_member" "nodes_pull" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.nodes.email}"
}

# Cloud Build: push images and deploy (deployment/cloudbuild.yaml).
resource "google_service_account" "deployer" {
  account_id   = "${local.name}-deployer"
  display_name = "emovox ${var.environment} Cloud Build deployer"
}

resource "google_artifact_registry_repository_iam_member" "deployer_push" {
  location   = google_artifact_registry_repository.images.location
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_project_iam_member" "deployer_roles" {
  for_each = toset(["roles/container.developer", "roles/logging.logWriter"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.deployer.email}"
}
