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

# What deployment/deploy.sh does (kubectl apply of k8s/, the migration Job and its logs, rollout status), and
# nothing on Secrets: roles/container.developer would let the deployer read the app's secrets.
resource "google_project_iam_custom_role" "deployer" {
  role_id     = "emovoxDeployer${title(var.environment)}"
  title       = "emovox ${var.environment} deployer"
  description = "Apply emovox's manifests without access to Kubernetes Secrets."
  permissions = [
    "container.clusters.get",
    "container.configMaps.create", "container.configMaps.get", "container.configMaps.update",
    "container.deployments.create", "container.deployments.get", "container.deployments.list", "container.deployments.update",
    "container.horizontalPodAutoscalers.create", "container.horizontalPodAutoscalers.get", "container.horizontalPodAutoscalers.update",
    "container.ingresses.create", "container.ingresses.get", "container.ingresses.update",
    "container.jobs.create", "container.jobs.delete", "container.jobs.get", "container.jobs.list",
    "container.namespaces.create", "container.namespaces.get", "container.namespaces.update",
    "container.networkPolicies.create", "container.networkPolicies.get", "container.networkPolicies.update",
    "container.podDisruptionBudgets.create", "container.podDisruptionBudgets.get", "container.podDisruptionBudgets.update",
    "container.pods.get", "container.pods.getLogs", "container.pods.list",
    "container.replicaSets.get", "container.replicaSets.list",
    "container.serviceAccounts.create", "container.serviceAccounts.get", "container.serviceAccounts.update",
    "container.services.create", "container.services.get", "container.services.update",
    # BackendConfig, FrontendConfig and ManagedCertificate are custom resources.
    "container.thirdPartyObjects.create", "container.thirdPartyObjects.get", "container.thirdPartyObjects.update",
  ]
}

resource "google_project_iam_member" "deployer_apply" {
  project = var.project_id
  role    = google_project_iam_custom_role.deployer.id
  member  = "serviceAccount:${google_service_account.deployer.email}"
}

resource "google_project_iam_member" "deployer_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.deployer.email}"
}
