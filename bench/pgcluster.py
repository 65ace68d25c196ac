"""Throwaway PostgreSQL 15 clusters on loopback for the scaling benchmarks: a primary made
with initdb, a streaming replica made from it with pg_basebackup, each started with pg_ctl
from /usr/lib/postgresql/15/bin in a temporary folder. PostgreSQL refuses to run as root:
as root the commands run as the `postgres` user."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(os.environ.get("MOTCUA_PG_BIN", "/usr/lib/postgresql/15/bin"))
ROOT = os.geteuid() == 0


def available() -> bool:
    return (BIN / "pg_ctl").exists() and (not ROOT or shutil.which("runuser") is not None)


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if ROOT else command


def run(*command: str) -> str:
    return subprocess.run(
        _as_owner(list(command)), check=True, capture_output=True, text=True
    ).stdout


def own(folder: Path) -> None:
    if ROOT:
        shutil.chown(folder, "postgres", "postgres")


class Cluster:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def init(self, **settings: str) -> "Cluster":
        self.folder.mkdir(parents=True)
        own(self.folder)
        run(
            str(BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        self.configure(wal_level="replica", max_wal_senders="4", **settings)
        return self

    def configure(self, **settings: str) -> None:
        lines = [
            f"port = {self.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.folder}'",
            *(f"{key} = '{value}'" for key, value in settings.items()),
        ]
        conf = self.data / "postgresql.auto.conf"
        run("sh", "-c", f"printf '%s\\n' {' '.join(_quote(line) for line in lines)} >> {conf}")

    def replica_of(self, primary: "Cluster") -> float:
        """Copy `primary` with pg_basebackup (streaming its WAL, writing standby.signal and
        the connection to follow); return the seconds it took."""
        self.folder.mkdir(parents=True)
        own(self.folder)
        began = time.perf_counter()
        run(
            str(BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary.port), "-U",
            "postgres", "-D", str(self.data), "-X", "stream", "-R", "-c", "fast",
        )  # fmt: skip
        seconds = time.perf_counter() - began
        self.configure(hot_standby="on")
        return seconds

    def start(self) -> "Cluster":
        log = self.folder / "log"
        run(str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-w", "start")
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def child(module: str, env: dict, *args: str) -> None:
    """Run `python -m bench <module> <args>` with `env` added (fresh settings); its output
    goes to ours; raises when it fails."""
    subprocess.run(
        [sys.executable, "-m", "bench", module, *args], env={**os.environ, **env}, check=True
    )
