#!/usr/bin/python3
"""A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd).

Every message accepted is written to DIR as <n>.eml (the raw bytes as
received) and <n>.json: the envelope, the raw header lines, the headers
decoded by Python's email package (RFC 2047 words, quoted-printable), the
text body, and any text/calendar part parsed by python3-icalendar. The
.json is written to a temporary name then renamed, so a reader never sees
half a file. Prints "ready" once listening.

    tests/smtp_sink.py --port 2525 --dir /tmp/mail [--auth user:password]
                        [--tls-cert cert.pem --tls-key key.pem] [--no-parse]
"""
import argparse
import itertools
import json
import os
import re
import signal
import ssl
import sys
from email import message_from_bytes, policy

import icalendar

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def calendar(part):
    data = part.get_content()
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    out = {"raw": data, "content_type_method": part.get_param("method")}
    try:
        cal = icalendar.Calendar.from_ical(data)
        out["method"] = str(cal.get("METHOD"))
        events = []
        for ev in cal.walk("VEVENT"):
            att = ev.get("ATTENDEE")
            att = att if isinstance(att, list) else [att] if att else []
            events.append({"uid": str(ev.get("UID")), "sequence": int(ev.get("SEQUENCE")),
                           "status": str(ev.get("STATUS")), "summary": str(ev.get("SUMMARY")),
                           "location": str(ev.get("LOCATION")) if ev.get("LOCATION") else None,
                           "dtstart": ev.get("DTSTART").dt.isoformat(), "dtend": ev.get("DTEND").dt.isoformat(),
                           "attendees": [str(a) for a in att]})
        out["events"] = events
    except Exception as e:  # a test asserts there is none
        out["error"] = repr(e)
    return out


def describe(raw, envelope):
    msg = message_from_bytes(raw, policy=policy.default)
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    out = {"from_envelope": envelope.mail_from, "to_envelope": envelope.rcpt_tos, "raw_headers": head,
           "headers": {k.lower(): str(v) for k, v in msg.items()}, "content_type": msg.get_content_type(),
           "text": None, "calendar": None, "size": len(raw)}
    for part in msg.walk():
        ct = part.get_content_type()
        if ct == "text/plain" and out["text"] is None:
            out["text"] = part.get_content()
            out["text_transfer_encoding"] = part.get("Content-Transfer-Encoding")
        elif ct == "text/calendar":
            out["calendar"] = calendar(part)
    return out


class Sink:
    def __init__(self, directory, parse=True):
        self.directory = directory
        self.parse = parse
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        base = os.path.join(self.directory, f"{os.getpid()}-{n:06d}")
        raw = envelope.original_content or envelope.content
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        try:
            if not self.parse:  # benchmarks: the Message-ID only
                m = re.search(rb"^Message-ID: (<[^>]*>)", raw, re.M | re.I)
                info = {"to_envelope": envelope.rcpt_tos, "headers": {"message-id": m.group(1).decode() if m else ""}}
            else:
                info = describe(raw, envelope)
        except Exception as e:
            info = {"error": repr(e), "to_envelope": envelope.rcpt_tos}
        with open(base + ".tmp", "w") as f:
            json.dump(info, f)
        os.rename(base + ".tmp", base + ".json")
        return "250 Message accepted for delivery"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--auth", help="user:password required from clients")
    ap.add_argument("--tls-cert", help="offer STARTTLS with this certificate (and require it)")
    ap.add_argument("--tls-key")
    ap.add_argument("--no-parse", action="store_true", help="store the raw message and its Message-ID only")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535

        kwargs = {"authenticator": authenticator, "auth_required": True, "auth_require_tls": bool(args.tls_cert)}
    if args.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.tls_cert, args.tls_key)
        kwargs.update({"tls_context": ctx, "require_starttls": True})
    controller = Controller(Sink(args.dir, parse=not args.no_parse), hostname="127.0.0.1", port=args.port, **kwargs)
    controller.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), sys.exit(0)))
    signal.signal(signal.SIGINT, lambda *_: (controller.stop(), sys.exit(0)))
    signal.pause()


if __name__ == "__main__":
    main()
