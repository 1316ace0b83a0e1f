"""Shared by the conformance scripts: the emulators' addresses, and a recorder of client x operation results."""
import json
import os
import sys
import traceback
from urllib.parse import urlparse

LOOPBACK = {"127.0.0.1", "localhost"}


def https_url(name):
    """An emulator's https root from the environment; never anything but loopback."""
    url = os.environ[f"ORGPLANE_{name.upper()}_HTTPS_URL"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in LOOPBACK:
        sys.exit(f"refusing to point a client at {url}: only https on 127.0.0.1/localhost")
    return url


class Flows:
    """Runs operations in order; each prints one JSON line {client, op, ok, error?}. A failure skips nothing."""

    def __init__(self, client):
        self.client = client
        self.failed = 0

    def run(self, op, fn):
        try:
            fn()
            print(json.dumps({"client": self.client, "op": op, "ok": True}), flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, not raised
            self.failed += 1
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            print(json.dumps({"client": self.client, "op": op, "ok": False, "error": detail[-2000:]}), flush=True)
            traceback.print_exc(file=sys.stderr)

    def done(self):
        sys.exit(1 if self.failed else 0)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)
