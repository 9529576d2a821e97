# Generated once and kept in Secret Manager; deployment/README.md copies them
# into the emovox-secrets Kubernetes Secret. No value is committed anywhere.
# URL-safe characters only: the password is embedded in DATABASE_URL.
resource "random_password" "db" {
  length  = 32
  special = false
}

resource "random_password" "token_secret" {
  length  = 64
  special = false
}

resource "random_password" "metrics_token" {
  length  = 40
  special = false
}

locals {
  secrets = {
    db-password   = random_password.db.result
    token-secret  = random_password.token_secret.result
    metrics-token = random_password.metrics_token.result
  }
}

resource "google_secret_manager_secret" "app" {
  for_each  = local.secrets
  secret_id = "${local.name}-${each.key}"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "app" {
  for_each    = local.secrets
  secret      = google_secret_manager_secret.app[each.key].id
  secret_data = each.value
}
