// Facts about this deployment that the checks hold the manifests to.

/** Secrets created by the operator (deployment/README.md), referenced by name only. */
export const externalSecrets: Record<string, string[]> = {
  'emovox-secrets': ['DB_PASSWORD', 'TOKEN_SECRET', 'METRICS_TOKEN', 'ADMIN_PASSWORD', 'TOKEN_SECRET_PREVIOUS'],
};

export const readinessPath = '/readyz';
export const livenessPath = '/healthz';
export const minBackendTimeoutSec = 3600;
export const minTerminationGraceSeconds = 45;
/** Environments whose pods must never drop below two. */
export const highlyAvailableOverlays = ['prod'];

/** Every configuration variable of the server (compose sets them all, as production does). */
export const appVariables = [
  'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'GCS_BUCKET', 'GCS_PROJECT_ID', 'STORAGE_EMULATOR_HOST',
  'TOKEN_SECRET', 'CORS_ORIGINS', 'TRUST_PROXY', 'METRICS_TOKEN', 'MAX_CHUNK_BYTES', 'MAX_TAKE_SECONDS',
  'MAX_ACTIVE_TAKES', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'MIGRATE_ON_START', 'LOG_LEVEL', 'NODE_ENV', 'TMPDIR',
];
/** Only the local stack talks to an emulator. */
export const localOnlyVariables = ['STORAGE_EMULATOR_HOST'];
export const postgresMajor = '17';
