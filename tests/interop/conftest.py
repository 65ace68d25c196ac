import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from motcua.interop.clients import create_client


@pytest.fixture
def online_procedure(make_procedure):
    """Birth registration, fully online, at communes."""
    return make_procedure("1.001193", "Đăng ký khai sinh", online_level="full", fee_amount=0)


@pytest.fixture
def api_client(tree):
    """A read-write client of the district (communes A and B are below it) and its token."""
    client, token = create_client("cong-tinh", agency=tree["district"], scopes=["read", "write"])
    return client, token


@pytest.fixture
def bearer(api_client):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_client[1]}"}


@pytest.fixture
def dossier_body(tree, online_procedure):
    return {
        "procedure": "1.001193",
        "agency": tree["commune_a"].code,
        "channel": "online",
        "external_id": "TINH-2025-0001",
        "applicant": {"name": "Trần Văn Bình", "id_number": "072095001234", "phone": "0912345678"},
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Running:
    """A simulator process on loopback."""

    def __init__(self, name: str, args: list[str], port: int):
        self.name, self.args, self.port = name, args, port
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self) -> "Running":
        command = [sys.executable, "-m", "motcua", "simulate", self.name, "--port", str(self.port)]
        self.process = subprocess.Popen([*command, *self.args], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"simulator {self.name} exited"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"simulator {self.name} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def get(self, path: str):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture
def simulator(tmp_path):
    """`simulator(name, *args)` starts `motcua simulate name --port <free> *args`; every
    one started is stopped after the test."""
    started = []

    def start(name: str, *args: str) -> Running:
        running = Running(name, [*args, "--state", str(tmp_path / f"{name}.json")], free_port())
        started.append(running)
        return running.start()

    yield start
    for running in started:
        running.stop()
