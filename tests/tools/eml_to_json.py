#!/usr/bin/python3
"""Prints a received message (.eml) as JSON, decoded by Python's email package (policy.default):
an implementation independent of mamori's encoder, for the black-box SMTP tests.

    /usr/bin/python3 -I tests/tools/eml_to_json.py FILE.eml

{"from": [{"name", "address"}], "to": [...], "subject", "date", "message_id", "mime_version",
 "content_type", "charset", "transfer_encoding", "body", "raw_lines": [...], "defects": [...]}
"""

import email
import email.policy
import json
import sys


def addresses(header):
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses] if header else []


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [repr(d) for d in msg.defects]
    for name, value in msg.items():
        defects += ["%s: %r" % (name, d) for d in getattr(value, "defects", ())]
    out = {
        "from": addresses(msg["From"]),
        "to": addresses(msg["To"]),
        "subject": str(msg["Subject"]),
        "date": str(msg["Date"]),
        "message_id": str(msg["Message-ID"]),
        "mime_version": str(msg["MIME-Version"]),
        "content_type": msg.get_content_type(),
        "charset": msg.get_content_charset(),
        "transfer_encoding": msg.get("Content-Transfer-Encoding"),
        "body": msg.get_content(),
        "raw_lines": raw.decode("ascii").split("\r\n"),
        "defects": defects,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
