#!/usr/bin/env bash
# Runs the service's main job on this machine: installs what is missing (scripts/setup.sh), builds,
# starts the simulated China Telecom and China Unicom BRAS (CLI over real sshd, SNMP agents, RADIUS CoA faces) and then
# the speed-up service on 127.0.0.1:50051 (SQLite in .data/speedup.db), ready to call over gRPC.
#   bash scripts/run.sh                              # one instance, embedded SQLite (the default)
#   bash scripts/run.sh --postgres --instances 2     # two instances on one PostgreSQL database, ports 50051, 50052
#   bash scripts/run.sh -- --SpeedUp:Channels:3:Name=ct-acme …   # anything after -- goes to the service (configuration keys)
# With --postgres the database is SPEEDUP_POSTGRES_CONNECTION when set (its password, if any, in
# SPEEDUP_POSTGRES_PASSWORD), else a local cluster under .data/postgres (scripts/local-postgres.sh).
# Ctrl+C stops the service and the simulators.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

instances=1
provider=Sqlite
service_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) provider=Postgres ;;
    --instances) instances="${2:?--instances needs a number}"; shift ;;
    --) shift; service_args=("$@"); break ;;
    *) echo "usage: scripts/run.sh [--postgres] [--instances N] [-- --SpeedUp:key=value ...]" >&2; exit 2 ;;
  esac
  shift
done
[[ "$instances" =~ ^[1-9]$ ]] || { echo "run.sh: --instances takes 1..9" >&2; exit 2; }
[ "$provider" = Postgres ] || [ "$instances" -eq 1 ] || { echo "run.sh: several instances need --postgres (SQLite serves one)" >&2; exit 2; }

bash scripts/setup.sh
dotnet build Adapters.sln -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p .run
log=.run/simulators.log
dotnet simulators/SpeedUp.Simulator/bin/Release/net10.0/SpeedUp.Simulator.dll --config simulators/simulators.json >"$log" 2>&1 &
simulators=$!
pids=("$simulators")
local_postgres=no
trap 'kill "${pids[@]}" 2>/dev/null; wait "${pids[@]}" 2>/dev/null || true; [ "$local_postgres" = no ] || bash scripts/local-postgres.sh stop' EXIT

# The launcher prints one line per network (those of simulators.json, then simulators/networks/*.network.json), then
# "Running; …" once every one has started; the service below needs china-telecom and china-unicom.
for _ in $(seq 1 300); do
  grep -q '^china-unicom:' "$log" && grep -q '^china-telecom:' "$log" && grep -q '^Running;' "$log" && break
  kill -0 "$simulators" 2>/dev/null || { cat "$log" >&2; echo "run.sh: the simulators did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q '^china-unicom:' "$log" && grep -q '^china-telecom:' "$log" || { cat "$log" >&2; echo "run.sh: the simulators did not start in time" >&2; exit 1; }
grep -E '^[a-z0-9-]{1,32}: .* \| snmp v2c' "$log"

# Pin the simulated Telecom BRAS host key the launcher reports, and hand the device secrets over by environment.
host_key="$(grep '^china-telecom:' "$log" | sed -E 's/.*host key (SHA256:[^)]+)\).*/\1/')"
export SpeedUp__Channels__0__HostKeySha256="$host_key"
export SPEEDUP_CT_SSH_PASSWORD="${SPEEDUP_CT_SSH_PASSWORD:-ct-cli-pass}"
export SPEEDUP_CU_SNMP_COMMUNITY="${SPEEDUP_CU_SNMP_COMMUNITY:-private}"
# Zhejiang's China Telecom lines go first through RADIUS CoA (writes to the BRAS's CoA port, read-backs through its
# CLI), with the SSH CLI channel as their fallback: configuration alone (README, "A province on RADIUS CoA").
export SpeedUp__Channels__2__Name=ct-huawei-coa SpeedUp__Channels__2__Carrier=ChinaTelecom \
  SpeedUp__Channels__2__Provinces__0=Zhejiang SpeedUp__Channels__2__Driver=huawei-coa SpeedUp__Channels__2__Priority=10 \
  SpeedUp__Channels__2__Host=127.0.0.1 SpeedUp__Channels__2__Port=2201 SpeedUp__Channels__2__Username=ct-cli \
  SpeedUp__Channels__2__SecretEnvironmentVariable=SPEEDUP_CT_SSH_PASSWORD SpeedUp__Channels__2__HostKeySha256="$host_key" \
  SpeedUp__Channels__2__Coa__ReadDriver=huawei-cli-ssh SpeedUp__Channels__2__Coa__Port=3799 \
  SpeedUp__Channels__2__Coa__SecretEnvironmentVariable=SPEEDUP_CT_COA_SECRET
export SPEEDUP_CT_COA_SECRET="${SPEEDUP_CT_COA_SECRET:-ct-coa-secret}"

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
echo "Admin tool (README, \"Admin command-line tool\"): SPEEDUP_ADMIN_KEY_ID=demo-operator SPEEDUP_ADMIN_KEY_SECRET=\"\$SPEEDUP_DEMO_OPERATOR_SECRET\" \\"
echo "  src/SpeedUp.Admin.Cli/bin/Release/net10.0/speedup-admin channels list"

first_port="${SpeedUp__Host__Port:-50051}"
first_admin_port="${SpeedUp__Admin__Port:-9464}"
if [ "$provider" = Sqlite ]; then
  echo "Speed-up service on 127.0.0.1:$first_port, metrics on http://127.0.0.1:$first_admin_port/metrics (Ctrl+C stops everything)"
  dotnet src/SpeedUp.Host/bin/Release/net10.0/SpeedUp.Host.dll "${service_args[@]}"
  exit
fi

export SpeedUp__Storage__Provider=Postgres SpeedUp__Cluster__Instances="$instances"
if [ -n "${SPEEDUP_POSTGRES_CONNECTION:-}" ]; then
  export SpeedUp__Storage__ConnectionString="$SPEEDUP_POSTGRES_CONNECTION"
else
  local_postgres=yes
  export SpeedUp__Storage__ConnectionString="$(bash scripts/local-postgres.sh start | tail -n 1)"
  echo "PostgreSQL: local cluster in .data/postgres ($SpeedUp__Storage__ConnectionString), stopped with the service"
fi
# Every instance must decrypt the keys the others store: one master key for the deployment.
export SpeedUp__Security__MasterKeyPath="${SpeedUp__Security__MasterKeyPath:-.data/cluster.master.key}"
for i in $(seq 0 $((instances - 1))); do
  port=$((first_port + i))
  admin_port=$((first_admin_port + i))
  SpeedUp__Host__Port="$port" SpeedUp__Admin__Port="$admin_port" SpeedUp__Cluster__InstanceId="instance-$((i + 1))" \
    dotnet src/SpeedUp.Host/bin/Release/net10.0/SpeedUp.Host.dll "${service_args[@]}" > >(sed -u "s/^/[instance-$((i + 1))] /") 2>&1 &
  pids+=("$!")
  echo "Speed-up instance-$((i + 1)) on 127.0.0.1:$port, metrics on http://127.0.0.1:$admin_port/metrics"
  # The first instance migrates the schema and writes the master key; the others start after it.
  [ "$i" -eq 0 ] && for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
done
echo "$instances instances on PostgreSQL (Ctrl+C stops everything); put them behind one balancer: README, \"Several instances\"."
wait "${pids[@]}"
