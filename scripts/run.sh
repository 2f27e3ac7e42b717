#!/usr/bin/env bash
# Runs the whole mesh: redis-server and the three services under the Aspire AppHost (no Docker needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh

cat <<'INFO'
TalentMesh is starting (Ctrl+C stops everything):
  dashboard     http://localhost:18888   (the login link with its token is printed below)
  registration  gRPC h2c http://127.0.0.1:5101   JSON/health/metrics http://127.0.0.1:5102
  evaluation    gRPC h2c http://127.0.0.1:5111   JSON/health/metrics http://127.0.0.1:5112
  redemption    gRPC h2c http://127.0.0.1:5121   JSON/health/metrics http://127.0.0.1:5122
  console       http://127.0.0.1:5130   (back office; Development sign-in picks a role)
  redis         127.0.0.1:6380 (AOF in .run/redis)
INFO
exec dotnet run --project services/AppHost --launch-profile http "$@"
