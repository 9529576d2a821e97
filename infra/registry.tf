resource "google_artifact_registry_repository" "images" {
  repository_id = "emovox"
  location      = var.region
  format        = "DOCKER"
  description   = "emovox server images"
  depends_on    = [google_project_service.apis]
}
