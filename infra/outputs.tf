output "cluster_name" {
  value = google_container_cluster.main.name
}

output "cluster_location" {
  value = google_container_cluster.main.location
}

output "image_repository" {
  description = "newName for the overlay's images entry."
  value       = "${google_artifact_registry_repository.images.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/server"
}

output "ingress_ip" {
  description = "Point the app's DNS A record here."
  value       = google_compute_global_address.ingress.address
}

output "sql_instance_connection_name" {
  value = google_sql_database_instance.main.connection_name
}

output "secret_ids" {
  description = "Secret Manager secrets to copy into the emovox-secrets Kubernetes Secret."
  value       = { for k, s in google_secret_manager_secret.app : k => s.secret_id }
}

output "deployer_service_account" {
  value = google_service_account.deployer.email
}

# Paste into k8s/overlays/<env>/infra.env.
output "k8s_infra_env" {
  value = <<-EOT
    GCS_PROJECT_ID=${var.project_id}
    GCS_BUCKET=${google_storage_bucket.recordings.name}
    CLOUDSQL_INSTANCE=${google_sql_database_instance.main.connection_name}
    DB_NAME=${google_sql_database.app.name}
    DB_USER=${google_sql_user.app.name}
    GCP_SERVICE_ACCOUNT=${google_service_account.app.email}
    STATIC_IP_NAME=${google_compute_global_address.ingress.name}
    SECURITY_POLICY=${google_compute_security_policy.edge.name}
  EOT
}
