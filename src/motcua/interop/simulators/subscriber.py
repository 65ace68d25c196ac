"""A webhook subscriber: checks each delivery's signature and timestamp and keeps the
events it accepted, in arrival order (GET /_sim/received)."""

import json
import time

from motcua.interop.webhooks import verify

from .base import Reply, Request, Simulator


class Subscriber(Simulator):
    name = "subscriber"

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("--secret", required=True, help="khóa HMAC của đăng ký webhook")

    def initial_state(self) -> dict:
        return {"received": [], "refused": 0}

    def handle(self, request: Request) -> Reply:
        if request.method == "GET" and request.path == "/_sim/received":
            with self.lock:
                return Reply(200, self.state)
        if request.method != "POST":
            return Reply(404, {"error": "not found"})
        signed = verify(
            self.options["secret"],
            request.body,
            request.headers.get("X-Motcua-Timestamp"),
            request.headers.get("X-Motcua-Signature"),
            now=time.time(),
        )
        with self.lock:
            if not signed:
                self.state["refused"] += 1
                self.save()
                return Reply(401, {"error": "bad signature"})
            self.state["received"].append(json.loads(request.body))
            self.save()
        return Reply(204, b"")
