#!/usr/bin/env bash
# The secret scan that closes a test run: no secret the tests handed to a service (listed by the test support in
# .run/logs/secrets.list) may appear in any log of the run — the services' whole output (.run/logs/*.log) and the
# test runner's (.run/test.log). Prints only where a secret was found, never the secret.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOGS="$ROOT/.run/logs"
list="$LOGS/secrets.list"

if [ ! -s "$list" ]; then
  echo "secret scan: no secrets were listed (did the end-to-end tests run?)" >&2
  exit 1
fi

shopt -s nullglob
logs=("$LOGS"/*.log)
[ -f "$ROOT/.run/test.log" ] && logs+=("$ROOT/.run/test.log")
secrets=$(sort -u "$list" | wc -l)
if [ "${#logs[@]}" -eq 0 ]; then
  echo "secret scan: no logs to scan" >&2
  exit 1
fi

bytes=$(cat "${logs[@]}" | wc -c)
if found=$(grep -F -l -f <(sort -u "$list") "${logs[@]}"); then
  echo "secret scan: FAILED — a configured secret appears in:" >&2
  echo "$found" >&2
  exit 1
fi
echo "secret scan: ${secrets} secrets, ${#logs[@]} logs (${bytes} bytes): none found"
