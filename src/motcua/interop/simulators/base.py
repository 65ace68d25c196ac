"""A small JSON-over-HTTP server for simulators (standard library only)."""

import base64
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


class Reply:
    def __init__(self, status: int, data=None, *, content_type: str = "application/json"):
        self.status = status
        self.data = data
        self.content_type = content_type
        self.headers: dict[str, str] = {}

    def with_location(self, url: str) -> "Reply":
        self.headers["Location"] = url
        return self

    def encode(self) -> bytes:
        if isinstance(self.data, bytes):
            return self.data
        if isinstance(self.data, str):
            return self.data.encode()
        return json.dumps(self.data, ensure_ascii=False).encode()


class Request:
    def __init__(self, method: str, target: str, headers, body: bytes):
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body or b"{}")
        except ValueError:
            return None


class Simulator:
    """Subclasses answer `handle(request) -> Reply`; `self.lock` guards their state, which
    `remember`/`recall` keep in the state file (one JSON document) when one is given."""

    name = "simulator"

    def __init__(self, *, state: str = "", **options):
        self.lock = threading.Lock()
        self.state_path = Path(state) if state else None
        self.options = options
        self.state = self.initial_state()
        if self.state_path and self.state_path.exists():
            self.state = json.loads(self.state_path.read_text())

    def initial_state(self) -> dict:
        return {}

    def save(self) -> None:
        if self.state_path:
            self.state_path.write_text(json.dumps(self.state, ensure_ascii=False))

    def handle(self, request: Request) -> Reply:
        raise NotImplementedError

    # The data-sharing platform's OAuth2 client credentials (options client_id, client_secret).

    def issue_token(self, request: Request) -> Reply:
        expected = base64.b64encode(
            f"{self.options['client_id']}:{self.options['client_secret']}".encode()
        ).decode()
        if request.headers.get("Authorization", "") != f"Basic {expected}":
            return Reply(401, {"error": "invalid_client"})
        token = secrets.token_hex(16)
        self.state.setdefault("tokens", []).append(token)
        self.save()
        return Reply(200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600})

    def authorised(self, request: Request) -> bool:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return given in self.state.get("tokens", [])

    @classmethod
    def add_arguments(cls, parser) -> None:
        """Options of this simulator on `motcua simulate NAME`."""


def serve(simulator: Simulator, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server bound to `host:port` answering with `simulator`; call serve_forever()."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = Request(self.command, self.path, self.headers, body)
            try:
                reply = simulator.handle(request)
            except Exception as error:  # a simulator bug answers 500, as a real server would
                reply = Reply(500, {"error": f"{type(error).__name__}: {error}"})
            payload = reply.encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, format, *args):
            pass

    return ThreadingHTTPServer((host, port), Handler)
