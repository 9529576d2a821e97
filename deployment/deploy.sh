#!/usr/bin/env bash
# Usage: deployment/deploy.sh ENV TAG
#   ENV  an overlay in k8s/overlays (dev, prod)
#   TAG  an image tag already pushed to the overlay's registry
# Uses the current kubectl context: point it at ENV's cluster first
# (gcloud container clusters get-credentials ...).
#
# Order matters: the migration Job must finish before new pods start,
# because the Deployment runs with MIGRATE_ON_START=false.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 ENV TAG" >&2
  exit 2
fi
env_name=$1
tag=$2
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
overlay="$repo_root/k8s/overlays/$env_name"
namespace=emovox
migrate_timeout_seconds=${MIGRATE_TIMEOUT_SECONDS:-900}
rollout_timeout=${ROLLOUT_TIMEOUT:-900s}

[[ -f "$overlay/kustomization.yaml" ]] || { echo "no overlay $overlay" >&2; exit 2; }
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "invalid image tag: $tag" >&2; exit 2; }

# The overlay names one image repository (images[].newName); set its tag.
mapfile -t repos < <(sed -n 's/^[[:space:]]*newName:[[:space:]]*//p' "$overlay/kustomization.yaml")
[[ ${#repos[@]} -eq 1 ]] || { echo "expected one images[].newName in $overlay/kustomization.yaml" >&2; exit 2; }
image_repo=${repos[0]//\"/}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# kustomize refuses absolute resource paths, so refer to the overlay relatively.
cat >"$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $(realpath --relative-to="$work" "$overlay")
images:
  - name: $image_repo
    newTag: "$tag"
YAML
kubectl kustomize "$work" >"$work/rendered.yaml"
echo "deploying $image_repo:$tag to $env_name (context: $(kubectl config current-context))"

# 1. Everything except the server Deployment: namespace, config, services,
#    ingress, and a fresh migration Job (Jobs are immutable).
kubectl -n "$namespace" delete job emovox-migrate --ignore-not-found --wait=true
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/component!=server'

# 2. Wait for the migrations (Complete or Failed, whichever comes first);
#    on failure the running pods are untouched.
state=
deadline=$((SECONDS + migrate_timeout_seconds))
while [[ -z "$state" && $SECONDS -lt $deadline ]]; do
  sleep 5
  state=$(kubectl -n "$namespace" get job emovox-migrate \
    -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -Eo 'Complete|Failed' | head -1 || true)
done
if [[ "$state" != Complete ]]; then
  echo "migration Job ${state:-timed out}; the Deployment was not changed" >&2
  kubectl -n "$namespace" logs job/emovox-migrate -c migrate --tail=100 >&2 || true
  exit 1
fi

# 3. Roll the server.
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/component=server'
kubectl -n "$namespace" rollout status deployment/emovox --timeout="$rollout_timeout"
echo "deployed $image_repo:$tag to $env_name"
