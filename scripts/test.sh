#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test project, then prints "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-prerequisites.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build TalentMesh.sln -c Release -nologo -clp:ErrorsOnly
status=0
dotnet test --solution TalentMesh.sln -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?

# Microsoft.Testing.Platform ends with a summary (total / failed / succeeded); repeat it in the plain form CI reads.
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
