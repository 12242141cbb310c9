#!/usr/bin/python3
"""Netmiko reference client for the cli benchmark (tests/SpeedUp.Benchmarks/Cli).

Netmiko's usual pattern: one SSH connection per operation. An operation = read the line's downstream
rate (display), set it (send_config_set: system-view, aaa, the CAR command, return), read it back,
disconnect. The password comes from the environment (NETMIKO_BENCH_PASSWORD), never from argv.
Prints one JSON object: {"ms": [per-operation milliseconds], "errors": [messages]}.
Note: Netmiko (paramiko AutoAddPolicy) accepts any host key; it cannot pin the simulator's key.
"""
import argparse
import json
import os
import re
import sys
import time

from netmiko import ConnectHandler

OUTBOUND = re.compile(r"Outbound CAR CIR \(kbps\)\s*:\s*(\d+)")


def read_down(conn, account):
    out = conn.send_command("display access-user user-name " + account)
    match = OUTBOUND.search(out)
    if not match:
        raise RuntimeError("no Outbound CAR CIR in: " + out[-200:])
    return int(match.group(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--account", required=True)
    parser.add_argument("--base", type=int, required=True)
    parser.add_argument("--target", type=int, required=True)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--fast-cli", action="store_true", help="Netmiko's fast_cli=True (shorter fixed sleeps)")
    args = parser.parse_args()
    password = os.environ["NETMIKO_BENCH_PASSWORD"]
    samples, errors = [], []
    for i in range(args.count):
        rate = args.target if i % 2 == 0 else args.base
        started = time.perf_counter()
        try:
            conn = ConnectHandler(device_type="huawei", host="127.0.0.1", port=args.port,
                                  username=args.user, password=password, fast_cli=args.fast_cli)
            try:
                read_down(conn, args.account)
                conn.send_config_set(["aaa", "access-user user-name %s car outbound cir %d" % (args.account, rate)])
                after = read_down(conn, args.account)
                if after != rate:
                    raise RuntimeError("read back %d, expected %d" % (after, rate))
            finally:
                conn.disconnect()
            samples.append((time.perf_counter() - started) * 1000.0)
        except Exception as exc:  # noqa: BLE001 - reported, the benchmark counts errors
            errors.append("%s: %s" % (type(exc).__name__, str(exc).replace(password, "******")[:300]))
    json.dump({"ms": samples, "errors": errors}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
