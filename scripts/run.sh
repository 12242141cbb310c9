#!/usr/bin/env bash
# Runs the service's main job on this machine: installs what is missing (scripts/setup.sh), builds,
# starts the simulated China Telecom and China Unicom BRAS (CLI over real sshd, SNMP agents) and then
# the speed-up service on 127.0.0.1:50051 (SQLite in .data/speedup.db), ready to call over gRPC.
# Ctrl+C stops the service and the simulators.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh
dotnet build Adapters.sln -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p .run
log=.run/simulators.log
dotnet simulators/SpeedUp.Simulator/bin/Release/net10.0/SpeedUp.Simulator.dll --config simulators/simulators.json >"$log" 2>&1 &
simulators=$!
trap 'kill "$simulators" 2>/dev/null; wait "$simulators" 2>/dev/null || true' EXIT

for _ in $(seq 1 150); do
  grep -q '^china-unicom:' "$log" && grep -q '^china-telecom:' "$log" && break
  kill -0 "$simulators" 2>/dev/null || { cat "$log" >&2; echo "run.sh: the simulators did not start" >&2; exit 1; }
  sleep 0.2
done
grep -E '^china-(telecom|unicom):' "$log"

# Pin the simulated Telecom BRAS host key the launcher reports, and hand the device secrets over by environment.
host_key="$(grep '^china-telecom:' "$log" | sed -E 's/.*host key (SHA256:[^)]+)\).*/\1/')"
export SpeedUp__Channels__0__HostKeySha256="$host_key"
export SPEEDUP_CT_SSH_PASSWORD="${SPEEDUP_CT_SSH_PASSWORD:-ctsim-pass}"
export SPEEDUP_CU_SNMP_COMMUNITY="${SPEEDUP_CU_SNMP_COMMUNITY:-private}"

# Calls are signed (README, "Security"). The local demo keys get random secrets, made once and kept owner-only in
# .data/demo-keys.env: demo-key acts for the customer "demo", demo-operator reaches the admin APIs.
keys=.data/demo-keys.env
if [ ! -s "$keys" ]; then
  (umask 077; mkdir -p .data
   printf 'SPEEDUP_DEMO_KEY_SECRET=%s\nSPEEDUP_DEMO_OPERATOR_SECRET=%s\n' \
     "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
     "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" >"$keys")
fi
set -a; . "$keys"; set +a
echo "Access keys: demo-key (customer demo) and demo-operator; secrets in $keys. Sign a grpcurl call with:"
echo "  dotnet src/SpeedUp.Host/bin/Release/net10.0/SpeedUp.Host.dll sign --key-id demo-key --secret-env SPEEDUP_DEMO_KEY_SECRET \\"
echo "    --method broadband.speedup.v1.SpeedUpService/Precheck --json '{\"ipAddress\":\"202.101.172.35\"}'"

echo "Speed-up service on 127.0.0.1:${SpeedUp__Host__Port:-50051} (Ctrl+C stops everything)"
dotnet src/SpeedUp.Host/bin/Release/net10.0/SpeedUp.Host.dll
