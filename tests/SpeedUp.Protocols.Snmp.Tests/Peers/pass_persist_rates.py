#!/usr/bin/python3
"""net-snmp pass_persist handler: a small read-write "rates" table for the interop tests.

Run by snmpd (`pass_persist .1.3.6.1.4.1.3902.6051.1.1.1 /usr/bin/python3 <this file>`), one process
for snmpd's lifetime; the values live in memory, so a SET is visible to the next GET.

Table (entry .1.3.6.1.4.1.3902.6051.1.1.1.1, rows 1..3):
  .1.<row>  rateIndex     integer  read-only
  .2.<row>  rateName      string   read-write (at most 32 bytes)
  .3.<row>  rateDownKbps  gauge    read-write (0..4294967295)
  .4.<row>  rateUpKbps    integer  read-write (0..10000000)

Protocol (snmpd(8) pass_persist): "PING" -> "PONG"; "get"/"getnext" + OID -> OID, type, value or
"NONE"; "set" + OID + "type value" -> "DONE" or an error word. snmpd writes an extra blank line after
each set: blank lines are skipped, only EOF ends the loop.
"""
import sys

BASE = (1, 3, 6, 1, 4, 1, 3902, 6051, 1, 1, 1)
ENTRY = BASE + (1,)
COLUMNS = {1: "integer", 2: "string", 3: "gauge", 4: "integer"}
WRITABLE = {2, 3, 4}
RANGES = {3: (0, 4294967295), 4: (0, 10000000)}

values = {}
for row, (name, down, up) in enumerate([("basic", 20000, 2000), ("fast", 100000, 10000), ("max", 1000000, 50000)], 1):
    values[ENTRY + (1, row)] = row
    values[ENTRY + (2, row)] = name
    values[ENTRY + (3, row)] = down
    values[ENTRY + (4, row)] = up


def parse_oid(text):
    try:
        return tuple(int(part) for part in text.strip().strip(".").split(".") if part != "")
    except ValueError:
        return None


def dotted(oid):
    return "." + ".".join(str(part) for part in oid)


def answer(oid):
    column = oid[len(ENTRY)]
    value = values[oid]
    out(dotted(oid), COLUMNS[column], value)


def out(*lines):
    for line in lines:
        sys.stdout.write("%s\n" % (line,))
    sys.stdout.flush()


def read_command():
    """The next non-blank line, stripped; None at EOF."""
    while True:
        line = sys.stdin.readline()
        if line == "":
            return None
        line = line.strip()
        if line:
            return line


def do_set(oid, typed):
    if oid not in values:
        return "not-writable" if oid and oid[: len(BASE)] == BASE else "no-creation"
    column = oid[len(ENTRY)]
    if column not in WRITABLE:
        return "not-writable"
    kind, _, raw = typed.partition(" ")
    if kind != COLUMNS[column]:
        return "wrong-type"
    if kind == "string":
        if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
            raw = raw[1:-1]
        if len(raw.encode("utf-8")) > 32:
            return "wrong-length"
        values[oid] = raw
        return "DONE"
    try:
        number = int(raw)
    except ValueError:
        return "wrong-value"
    low, high = RANGES[column]
    if not low <= number <= high:
        return "wrong-value"
    values[oid] = number
    return "DONE"


def main():
    while True:
        command = read_command()
        if command is None:
            return
        command = command.lower()
        if command == "ping":
            out("PONG")
        elif command in ("get", "getnext"):
            oid = parse_oid(read_command() or "")
            if oid is None:
                out("NONE")
            elif command == "get":
                answer(oid) if oid in values else out("NONE")
            else:
                following = [key for key in sorted(values) if key > oid]
                answer(following[0]) if following else out("NONE")
        elif command == "set":
            oid = parse_oid(read_command() or "")
            typed = read_command() or ""
            out(do_set(oid, typed) if oid is not None else "not-writable")
        else:
            out("NONE")


if __name__ == "__main__":
    main()
