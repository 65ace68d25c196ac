"""`make run` tells the application the address it serves, so that printed links, QR codes
and signed results point at it; MOTCUA_SITE_URL, when given, wins."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def site_url_seen_by_make_run(tmp_path, *make_args: str, env: dict | None = None) -> str:
    """Run `make run` with a stand-in `motcua` that writes down MOTCUA_SITE_URL and stops."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    seen = tmp_path / "seen"
    fake = bin_dir / "motcua"
    fake.write_text(f'#!/bin/sh\nprintf %s "$MOTCUA_SITE_URL" > {seen}\nexit 3\n')
    fake.chmod(0o755)
    stamp = tmp_path / "installed"  # newer than pyproject.toml: setup has nothing to do
    stamp.touch()
    environment = {k: v for k, v in os.environ.items() if k != "MOTCUA_SITE_URL"}
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "run",
            f"BIN={bin_dir}",
            f"STAMP={stamp}",
            "RUN_PACKAGES=",
            *make_args,
        ],
        cwd=ROOT,
        env=environment | (env or {}),
        capture_output=True,
        timeout=60,
    )
    return seen.read_text()


@pytest.mark.parametrize(
    "args, expected",
    [
        ((), "http://127.0.0.1:8000"),
        (("PORT=8101",), "http://127.0.0.1:8101"),
        (("HOST=localhost", "PORT=8080"), "http://localhost:8080"),
    ],
)
def test_make_run_sets_the_site_address_from_host_and_port(tmp_path, args, expected):
    assert site_url_seen_by_make_run(tmp_path, *args) == expected


def test_a_given_site_address_wins(tmp_path):
    given = {"MOTCUA_SITE_URL": "https://dichvucong.example.gov.vn"}
    seen = site_url_seen_by_make_run(tmp_path, "PORT=8101", env=given)
    assert seen == "https://dichvucong.example.gov.vn"
    seen = site_url_seen_by_make_run(tmp_path / "arg", "PORT=8101", "MOTCUA_SITE_URL=https://a.vn")
    assert seen == "https://a.vn"
