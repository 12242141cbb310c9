#!/usr/bin/python3
"""pysnmp (Debian python3-pysnmp4, pysnmp 4.4) as a second, independent SNMP manager against OUR agent.

usage: pysnmp_manager.py v2c PORT COMMUNITY READ_OID
       pysnmp_manager.py v3 PORT USER AUTHPASS PRIVPASS READ_OID WRITE_OID WRITE_TEXT

Against udp 127.0.0.1:PORT, "v2c" runs
  v2c-get            GET READ_OID with COMMUNITY
and "v3" runs, in this order, with USM authPriv (usmHMACSHAAuthProtocol + usmAesCfb128Protocol):
  v3-get             GET READ_OID
  v3-set             SET WRITE_OID = OctetString(WRITE_TEXT)
  v3-get-after-set   GET WRITE_OID (a fresh engine: discovery again)
  v3-wrong-auth      GET READ_OID with a wrong auth password (expects an error indication)
Each step prints one JSON object per line: {"step", "error"} or {"step", "oid", "type", "value"}.

pysnmp builds its messages itself (not with net-snmp's library), so it differs from snmpget in ways that
exercise our agent differently: its discovery probe, msgID/request-id choice, msgMaxSize 65507, its own
key localisation and AES salt handling, and it walks through the usmStatsNotInTimeWindows report path
with engine boots/time it learned from the discovery report. Notably pysnmp 4.4 pads the AES-CFB plaintext
with zero octets to a multiple of 16 ("PyCrypto seems to require padding", rfc3826/priv/aes.py), so the
decrypted scopedPDU is followed by 1..16 zero octets; net-snmp snmpd ignores them.
"""
import json
import sys

from pysnmp.hlapi import (CommunityData, ContextData, ObjectIdentity, ObjectType, OctetString, SnmpEngine,
                          UdpTransportTarget, UsmUserData, getCmd, setCmd, usmAesCfb128Protocol,
                          usmHMACSHAAuthProtocol)


def emit(step, error_indication, error_status, error_index, var_binds):
    if error_indication:
        print(json.dumps({"step": step, "error": str(error_indication)}), flush=True)
    elif error_status:
        print(json.dumps({"step": step, "error": "%s at %s" % (error_status.prettyPrint(), error_index)}), flush=True)
    else:
        for name, value in var_binds:
            print(json.dumps({"step": step, "oid": str(name), "type": value.__class__.__name__,
                              "value": value.prettyPrint()}), flush=True)


def run(step, command, engine, auth, target, *objects):
    emit(step, *next(command(engine, auth, target, ContextData(), *objects, lookupMib=False)))


def main(argv):
    if len(argv) == 5 and argv[1] == "v2c":
        port, community, read_oid = argv[2:]
        target = UdpTransportTarget(("127.0.0.1", int(port)), timeout=2, retries=1)
        run("v2c-get", getCmd, SnmpEngine(), CommunityData(community, mpModel=1), target, ObjectType(ObjectIdentity(read_oid)))
        return 0
    if len(argv) != 9 or argv[1] != "v3":
        sys.stderr.write(__doc__)
        return 2
    port, user, auth_pass, priv_pass, read_oid, write_oid, write_text = argv[2:]
    target = UdpTransportTarget(("127.0.0.1", int(port)), timeout=2, retries=1)

    def usm(auth_key):
        return UsmUserData(user, auth_key, priv_pass,
                           authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)

    engine = SnmpEngine()
    run("v3-get", getCmd, engine, usm(auth_pass), target, ObjectType(ObjectIdentity(read_oid)))
    run("v3-set", setCmd, engine, usm(auth_pass), target, ObjectType(ObjectIdentity(write_oid), OctetString(write_text)))
    run("v3-get-after-set", getCmd, SnmpEngine(), usm(auth_pass), target, ObjectType(ObjectIdentity(write_oid)))
    run("v3-wrong-auth", getCmd, SnmpEngine(), usm(auth_pass + "-wrong"), target, ObjectType(ObjectIdentity(read_oid)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
