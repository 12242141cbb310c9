#!/usr/bin/env bash
# Runs every test of the solution: installs what is missing (scripts/setup.sh), builds, then runs
# unit, protocol, driver, simulator, interop (net-snmp, real sshd, radclient and pyrad), in-process host (gRPC, fake clock) and end-to-end
# (the service as its own process) tests; then scans every log of the run for the secrets the tests configured
# (scripts/scan-secrets.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
dotnet build Adapters.sln --nologo -v quiet -clp:ErrorsOnly

rm -rf .run/logs
mkdir -p .run/logs
set +e
dotnet test --solution Adapters.sln --no-build 2>&1 | tee .run/test.log
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI: "N passed, N failed".
passed=$(grep -E '^\s+succeeded: [0-9]+' .run/test.log | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' .run/test.log | tail -n 1 | grep -oE '[0-9]+' || echo 0)
echo "${passed} passed, ${failed} failed"

# Every secret the tests configured must be absent from every log of the run (tests/SpeedUp.Testing/SecretScan.cs).
bash scripts/scan-secrets.sh || status=1
exit "$status"
