#!/usr/bin/env bash
# Creates the Secrets the manifests reference, filled with fresh random values.
#
#   k8s/create-secrets.sh [namespace]            create what is missing (default namespace: talentmesh)
#   k8s/create-secrets.sh --print [namespace]    print the Secret YAML instead (no cluster needed)
#
# A Secret that already exists is never touched: regenerating the personal-data
# keys would make every stored ID and phone number unreadable. Rotation is a
# deliberate, additive edit (see k8s/README.md).
set -euo pipefail

print=false
if [[ "${1:-}" == "--print" ]]; then print=true; shift; fi
ns="${1:-talentmesh}"

command -v kubectl >/dev/null || { echo "kubectl is required" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is required (apt-get install -y openssl)" >&2; exit 1; }

hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
b64() { head -c "$1" /dev/urandom | base64 -w0; }
# ECDSA P-256 private key as base64 PKCS#8 DER: one line, fits an env var.
p256() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0; }

kid="$(date -u +%Y%m%d)"

# ensure NAME --from-literal=... : create the Secret unless it exists.
ensure() {
  local name="$1"; shift
  if $print; then
    echo "---"
    kubectl create secret generic "$name" -n "$ns" "$@" --dry-run=client -o yaml
    return
  fi
  if kubectl get secret "$name" -n "$ns" >/dev/null 2>&1; then
    echo "secret/$name exists in $ns, left unchanged"
    return
  fi
  # Server-side apply keeps the values out of the last-applied annotation.
  kubectl create secret generic "$name" -n "$ns" "$@" --dry-run=client -o yaml \
    | kubectl apply --server-side --field-manager=talentmesh-secrets -f -
}

if ! $print; then
  kubectl create namespace "$ns" --dry-run=client -o yaml \
    | kubectl apply --server-side --field-manager=talentmesh-secrets -f -
fi

# Redis requirepass, also read by the Dapr pubsub component. Hex: no
# characters that need escaping in a connection string.
ensure talentmesh-redis \
  --from-literal=password="$(hex 32)"

# Dapr app API token: daprd sends it to the app (dapr.io/app-token-secret),
# the app requires it on every AppCallback call (APP_API_TOKEN).
ensure talentmesh-app-api-token \
  --from-literal=token="$(hex 32)"

# Loaded with envFrom, so each key is a configuration key of Registration.
ensure talentmesh-registration-secrets \
  --from-literal=Registration__Pii__ActiveKeyId="pd-$kid" \
  --from-literal=Registration__Pii__Keys__pd-"$kid"="$(b64 32)" \
  --from-literal=Registration__Pii__BlindIndexKey="$(b64 32)" \
  --from-literal=Registration__TalentCodes__ActiveKeyId="tc-$kid" \
  --from-literal=Registration__TalentCodes__SigningKeys__tc-"$kid"__PrivateKey="$(p256)"

# The console's OpenID Connect client secret: the one registered for client
# talentmesh-backoffice at the provider. Pass it as BACKOFFICE_OIDC_CLIENT_SECRET;
# without it a random one is generated, to be registered at the provider.
if [[ -z "${BACKOFFICE_OIDC_CLIENT_SECRET:-}" ]] && ! $print; then
  echo "BACKOFFICE_OIDC_CLIENT_SECRET is not set: generating one; register it as client talentmesh-backoffice's secret at the provider" >&2
fi
ensure talentmesh-backoffice-oidc \
  --from-literal=client-secret="${BACKOFFICE_OIDC_CLIENT_SECRET:-$(hex 32)}"
