#!/usr/bin/env bash
# Walks the whole workflow against the running Development mesh (start it first: ./scripts/run.sh in another
# terminal). Re-runnable: every run registers fresh talents. Options go to `talentmesh demo` (e.g. --deadline-seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project services/Cli -- demo "$@"
