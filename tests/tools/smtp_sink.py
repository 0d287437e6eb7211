#!/usr/bin/python3
"""A tiny SMTP sink for the black-box tests (Debian's python3-aiosmtpd; run with /usr/bin/python3).

    /usr/bin/python3 -I tests/tools/smtp_sink.py OUT_DIR [--port N] [--tls none|starttls|implicit]
                                                 [--reject-rcpt ADDRESS]...

Listens on 127.0.0.1 (port 0: a free one), prints the port on stdout once it accepts connections,
and writes each message it receives to OUT_DIR as NNNN.eml (the DATA exactly as received) with
NNNN.json beside it ({"mail_from", "rcpt_tos", "auth_user"}); the .eml appears only when complete.
It runs until SIGTERM or SIGINT.

--tls starttls  offers STARTTLS and requires it before MAIL (and before AUTH)
--tls implicit  speaks TLS from the first byte (smtps://)
                Both make a self-signed certificate for 127.0.0.1 (openssl) in OUT_DIR/tls/cert.pem,
                which the client can trust as its CA file.
--reject-rcpt   answers 550 to RCPT TO that address
$SMTP_SINK_AUTH "user:password" requires SMTP AUTH with that account (kept out of the command line).
"""

import argparse
import json
import os
import signal
import ssl
import subprocess
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    """Writes each message to OUT_DIR/NNNN.eml and NNNN.json."""

    def __init__(self, out_dir, reject):
        self.out_dir = out_dir
        self.reject = set(reject)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 <%s>: recipient unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            stem = os.path.join(self.out_dir, "%04d" % self.count)
        user = getattr(session.auth_data, "login", None)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                "auth_user": user.decode() if user else None}
        with open(stem + ".json", "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False)
        with open(stem + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(stem + ".eml.tmp", stem + ".eml")
        return "250 Message accepted for delivery"


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = getattr(auth_data, "login", None) == self.user and auth_data.password == self.password
        # handled=False: aiosmtpd itself answers 535 to a refusal.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


class FreePortController(Controller):
    """Binds the port given (0: any free one) and learns the real port before the readiness probe."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def self_signed(tls_dir):
    os.makedirs(tls_dir, exist_ok=True)
    cert, key = os.path.join(tls_dir, "cert.pem"), os.path.join(tls_dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    ap.add_argument("--reject-rcpt", action="append", default=[])
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    kwargs = {"hostname": "127.0.0.1", "port": args.port, "server_hostname": "smtp-sink.test"}
    if args.tls != "none":
        ctx = self_signed(os.path.join(args.out_dir, "tls"))
        if args.tls == "starttls":
            kwargs.update(tls_context=ctx, require_starttls=True)
        else:
            kwargs.update(ssl_context=ctx)
    auth = os.environ.get("SMTP_SINK_AUTH")
    if auth:
        user, _, password = auth.partition(":")
        kwargs.update(authenticator=Authenticator(user, password), auth_required=True,
                      auth_require_tls=args.tls != "none")
    else:
        kwargs.update(auth_require_tls=False)

    controller = FreePortController(Sink(args.out_dir, args.reject_rcpt), **kwargs)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(controller.port, flush=True)
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
