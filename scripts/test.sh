#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test project. Whatever happens — a missing prerequisite,
# a build error, a failing or crashing test — the last line is "N passed, N failed", the form CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
passed=0
failed=0
status=0
summarize() {
  # Each failed test again, with the first lines of its message, next to the totals: the tail of a long run (all that
  # CI shows) then names what failed, which the interleaved output of parallel test projects buries.
  if grep -aq '^failed ' "$log" 2>/dev/null; then
    printf '\nFailed tests:\n'
    awk '/^failed / { n = 0; keep = 1; print; next }
         keep && /^  / { if (++n <= 12) print substr($0, 1, 4000); next }
         { keep = 0 }' "$log"
  fi
  rm -f "$log"
  # On a line of its own even if the output before it did not end with a newline.
  printf '\n%s passed, %s failed\n' "$passed" "$failed"
}
trap summarize EXIT
# An interrupted run still ends with the summary (bash runs the EXIT trap on exit, not on an untrapped signal).
trap 'failed=$((failed > 0 ? failed : 1)); exit 130' INT TERM

if ! scripts/ensure-prerequisites.sh; then failed=1; exit 1; fi
if ! dotnet build TalentMesh.sln -c Release -nologo -clp:ErrorsOnly; then failed=1; exit 1; fi

dotnet test --solution TalentMesh.sln -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?

# Microsoft.Testing.Platform ends with the solution's totals (total / failed / succeeded); the last ones count. -a: a
# test's output may hold bytes that make grep call the log binary and print no line.
passed=$(grep -aoE '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
failed=$(grep -aoE '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
passed=${passed:-0}
failed=${failed:-0}
# A crashed test host can end the run without counting its tests as failed.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
exit "$status"
