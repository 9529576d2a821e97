variable "project_id" {
  description = "Google Cloud project that hosts this environment."
  type        = string
}

variable "environment" {
  description = "Environment name, used in resource names (dev, prod)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be a short lowercase name such as dev or prod."
  }
}

variable "region" {
  description = "Region for GKE, Cloud SQL and Artifact Registry."
  type        = string
  default     = "europe-west1"
}

variable "bucket_location" {
  description = "Location of the recordings bucket."
  type        = string
  default     = "EU"
}

variable "bucket_name" {
  description = "Globally unique name of the recordings bucket."
  type        = string
}

variable "temp_object_prefixes" {
  description = "Object prefixes the server uses for temporary objects; deleted after temp_object_max_age_days."
  type        = list(string)
  default     = ["tmp/"]
}

variable "temp_object_max_age_days" {
  description = "Age in days after which temporary objects are deleted."
  type        = number
  default     = 7
}

variable "noncurrent_version_days" {
  description = "Days a deleted or overwritten object version is kept (versioning)."
  type        = number
  default     = 30
}

variable "db_tier" {
  description = "Cloud SQL machine tier (Enterprise edition)."
  type        = string
  default     = "db-custom-1-3840"
}

variable "db_availability_type" {
  description = "ZONAL, or REGIONAL for a standby in another zone (recommended for prod)."
  type        = string
  default     = "ZONAL"
}

variable "db_backup_retained_count" {
  description = "Number of automated daily backups to keep."
  type        = number
  default     = 14
}

variable "db_log_retention_days" {
  description = "Days of transaction logs kept for point-in-time recovery (1-7)."
  type        = number
  default     = 7
}

variable "db_name" {
  description = "Database name."
  type        = string
  default     = "emovox"
}

variable "db_user" {
  description = "Database user of the application."
  type        = string
  default     = "emovox"
}

variable "k8s_namespace" {
  description = "Kubernetes namespace of the app (k8s/base sets emovox)."
  type        = string
  default     = "emovox"
}

variable "k8s_service_account" {
  description = "Kubernetes service account of the app pods."
  type        = string
  default     = "emovox"
}

variable "deletion_protection" {
  description = "Protect the cluster and database from terraform destroy."
  type        = bool
  default     = true
}

variable "subnet_cidr" {
  description = "Primary range of the GKE subnet."
  type        = string
  default     = "10.10.0.0/20"
}

variable "pods_cidr" {
  description = "Secondary range for pods."
  type        = string
  default     = "10.20.0.0/14"
}

variable "services_cidr" {
  description = "Secondary range for services."
  type        = string
  default     = "10.30.0.0/20"
}

variable "control_plane_authorized_networks" {
  description = "Networks allowed to reach the GKE control plane (operators' offices, VPN egress, a Cloud Build private pool)."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  validation {
    condition     = length(var.control_plane_authorized_networks) > 0 && alltrue([for n in var.control_plane_authorized_networks : can(cidrhost(n.cidr_block, 0)) && !contains(["0.0.0.0/0", "::/0"], n.cidr_block)])
    error_message = "control_plane_authorized_networks needs at least one valid CIDR, and never 0.0.0.0/0."
  }
}

variable "control_plane_google_cloud_access" {
  description = "Also admit Google Cloud's public IP ranges to the control plane (needed by Cloud Build's default pool)."
  type        = bool
  default     = false
}
