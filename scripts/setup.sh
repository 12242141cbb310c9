#!/usr/bin/env bash
# Idempotent machine setup for SpeedUp (run as root, from anywhere):
#  - installs openssh-server, snmp, snmpd, socat, python3-pysnmp4 (the SNMP peers of the interop tests) and
#    python3-netmiko (the reference SSH CLI client of the cli benchmark) and postgresql (the throwaway PostgreSQL 15
#    servers of the PostgreSQL store tests; no service is started), freeradius-common (the FreeRADIUS dictionaries under
#    /usr/share/freeradius the RADIUS stack's tests load), freeradius-utils (radclient) and python3-pyrad (the RADIUS CoA
#    peers of the interop tests; no service is started) and chromium (the headless browser of the operator console tests,
#    driven by Playwright for .NET from the system binary: no browser is downloaded);
#    apt-get update only when something is missing;
#  - fetches the ip2region database (npm ip2region@2.3.0) to .data/ip2region.db when absent.
# Prints what it did; running it again changes nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${SPEEDUP_DATA_DIR:-$ROOT/.data}"
PACKAGES=(openssh-server snmp snmpd socat python3-pysnmp4 python3-netmiko postgresql freeradius-common freeradius-utils python3-pyrad chromium)
IP2REGION_VERSION="2.3.0"

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: run as root (it installs packages; the simulators' sshd and system users need root too)." >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "packages: already installed (${PACKAGES[*]})"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup.sh: apt-get not found; install ${missing[*]} by hand." >&2
    exit 1
  fi
  echo "packages: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "packages: installed ${missing[*]}"
fi

for tool in /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/pg_ctl /usr/sbin/sshd /usr/bin/socat /usr/bin/snmpget /usr/bin/snmpset /usr/sbin/snmpd /usr/bin/ssh-keygen /usr/bin/python3 /usr/bin/radclient; do
  [ -x "$tool" ] || { echo "setup.sh: $tool is still missing after installation." >&2; exit 1; }
done

# pysnmp must import under the system python (not a pyenv shim that may come first on PATH).
/usr/bin/python3 -c 'import pysnmp.hlapi' 2>/dev/null \
  || { echo "setup.sh: /usr/bin/python3 cannot import pysnmp after installing python3-pysnmp4." >&2; exit 1; }
# Netmiko is the reference SSH CLI client of the benchmark (tests/SpeedUp.Benchmarks/Cli).
/usr/bin/python3 -c 'import netmiko' 2>/dev/null \
  || { echo "setup.sh: /usr/bin/python3 cannot import netmiko after installing python3-netmiko." >&2; exit 1; }

# pyrad is the independent CoA server of the RADIUS interop tests (tests/SpeedUp.Protocols.Radius.Tests/Peers).
/usr/bin/python3 -c 'import pyrad.server' 2>/dev/null \
  || { echo "setup.sh: /usr/bin/python3 cannot import pyrad after installing python3-pyrad." >&2; exit 1; }
[ -f /usr/share/freeradius/dictionary.huawei ] \
  || { echo "setup.sh: /usr/share/freeradius/dictionary.huawei is missing after installing freeradius-common." >&2; exit 1; }

mkdir -p /run/sshd && chmod 755 /run/sshd

if [ -s "$DATA/ip2region.db" ]; then
  echo "ip2region: $DATA/ip2region.db already present"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup.sh: npm is needed to fetch ip2region@$IP2REGION_VERSION (install nodejs/npm)." >&2
    exit 1
  fi
  mkdir -p "$DATA/ip2region"
  tarball="$(cd "$DATA/ip2region" && npm pack "ip2region@$IP2REGION_VERSION" --silent | tail -n 1)"
  tar -xzf "$DATA/ip2region/$tarball" -C "$DATA/ip2region" package/data/ip2region.db
  cp "$DATA/ip2region/package/data/ip2region.db" "$DATA/ip2region.db"
  echo "ip2region: fetched ip2region@$IP2REGION_VERSION ($tarball) -> $DATA/ip2region.db"
fi

# The independent Node.js gRPC client used by the end-to-end tests (tests/clients, versions locked).
if [ -d "$ROOT/tests/clients/node_modules/@grpc/grpc-js" ] && [ -d "$ROOT/tests/clients/node_modules/@grpc/proto-loader" ]; then
  echo "node client: tests/clients/node_modules already present"
else
  command -v npm >/dev/null 2>&1 || { echo "setup.sh: npm is needed for tests/clients." >&2; exit 1; }
  (cd "$ROOT/tests/clients" && npm ci --no-audit --no-fund --silent)
  echo "node client: installed @grpc/grpc-js and @grpc/proto-loader into tests/clients/node_modules"
fi

echo "setup.sh: done"
