#!/usr/bin/python3
"""A NAS stand-in for the RADIUS interop tests: pyrad 2.1 (Debian python3-pyrad) as a CoA server.

Usage: pyrad_coa_server.py <secret>
Binds 127.0.0.1 on a free port, prints "READY <port>", then for each CoA-Request or Disconnect-Request prints one JSON
line: what pyrad decoded with its own parser and the FreeRADIUS dictionaries, whether the Request Authenticator checks
(pyrad's VerifyCoARequest) and whether the Message-Authenticator checks (RFC 3579 §3.2 with Python's hmac; pyrad 2.1
has no Message-Authenticator support). Requests that fail either check get no answer, as a NAS drops them. Otherwise:
CoA-Request -> CoA-ACK echoing Huawei-Input-Average-Rate; Disconnect-Request -> Disconnect-NAK with Error-Cause
Session-Context-Not-Found. Answers carry a Message-Authenticator when the request did.
"""
import hashlib
import hmac
import io
import json
import struct
import sys

from pyrad import dictionary, packet, server

DICTIONARIES = "/usr/share/freeradius"
MESSAGE_AUTHENTICATOR = 80


def load_dictionary():
    # pyrad 2.1 rejects the 'vsa' type Debian's dictionary.rfc2865 gives Vendor-Specific; everything else is read as is.
    with open(DICTIONARIES + "/dictionary.rfc2865") as f:
        rfc2865 = f.read().replace("\tvsa", "\toctets")
    others = ["rfc2866", "rfc2869", "rfc3576", "rfc5176", "huawei", "zte", "h3c"]
    return dictionary.Dictionary(io.StringIO(rfc2865), *[DICTIONARIES + "/dictionary." + n for n in others])


def find_attribute(raw, wanted):
    """Offset of the value of the first attribute `wanted` in a raw packet, or None."""
    at = 20
    length = struct.unpack("!H", raw[2:4])[0]
    while at + 2 <= length:
        kind, size = raw[at], raw[at + 1]
        if size < 2:
            return None
        if kind == wanted:
            return at + 2
        at += size
    return None


def message_authenticator_ok(raw, secret, authenticator_field):
    """None when absent; else whether HMAC-MD5(secret, packet with that field and a zeroed attribute) matches."""
    at = find_attribute(raw, MESSAGE_AUTHENTICATOR)
    if at is None:
        return None
    copy = bytearray(raw)
    copy[4:20] = authenticator_field
    copy[at:at + 16] = bytes(16)
    return hmac.compare_digest(hmac.new(secret, bytes(copy), hashlib.md5).digest(), raw[at:at + 16])


def with_message_authenticator(reply_raw, request_authenticator, secret):
    """Appends a Message-Authenticator to a reply and recomputes its Response Authenticator (RFC 3579 §3.2, RFC 2865 §3)."""
    attributes = reply_raw[20:] + bytes([MESSAGE_AUTHENTICATOR, 18]) + bytes(16)
    header = reply_raw[0:2] + struct.pack("!H", 20 + len(attributes))
    mac = hmac.new(secret, header + request_authenticator + attributes, hashlib.md5).digest()
    attributes = attributes[:-16] + mac
    response_authenticator = hashlib.md5(header + request_authenticator + attributes + secret).digest()
    return header + response_authenticator + attributes


def printable(value):
    if isinstance(value, bytes):
        return "0x" + value.hex()
    return value if isinstance(value, (int, str)) else str(value)


class CoaServer(server.Server):
    def HandleCoaPacket(self, pkt):
        self.answer(pkt, packet.CoAACK)

    def HandleDisconnectPacket(self, pkt):
        self.answer(pkt, packet.DisconnectNAK)

    def answer(self, pkt, code):
        raw = pkt.raw_packet
        authenticator_ok = pkt.VerifyCoARequest()
        mac_ok = message_authenticator_ok(raw, pkt.secret, bytes(16))
        attributes = {}
        for key in pkt.keys():
            name = key if isinstance(key, str) else repr(key)
            attributes[name] = [printable(v) for v in pkt[key]]
        print(json.dumps({
            "code": pkt.code, "id": pkt.id, "authenticator_ok": authenticator_ok,
            "message_authenticator_ok": mac_ok, "attributes": attributes,
        }), flush=True)
        if not authenticator_ok or mac_ok is False:
            return
        reply = self.CreateReplyPacket(pkt)
        reply.code = code
        if code == packet.CoAACK and "Huawei-Input-Average-Rate" in pkt:
            reply.AddAttribute("Huawei-Input-Average-Rate", pkt["Huawei-Input-Average-Rate"][0])
        if code == packet.DisconnectNAK:
            reply.AddAttribute("Error-Cause", "Session-Context-Not-Found")
        reply_raw = reply.ReplyPacket()
        if mac_ok is not None:
            reply_raw = with_message_authenticator(reply_raw, pkt.authenticator, pkt.secret)
        pkt.fd.sendto(reply_raw, pkt.source)


def main():
    secret = sys.argv[1].encode()
    srv = CoaServer(dict=load_dictionary(), coa_enabled=True, auth_enabled=False, acct_enabled=False, coaport=0)
    srv.hosts["127.0.0.1"] = server.RemoteHost("127.0.0.1", secret, "localhost")
    srv.BindToAddress("127.0.0.1")
    # pyrad 2.1 crashes on the first packet unless these exist when auth and acct are off (shared/docs/real-peers.md).
    srv._realauthfds = []
    srv._realacctfds = []
    print("READY %d" % srv.coafds[0].getsockname()[1], flush=True)
    srv.Run()


if __name__ == "__main__":
    main()
