"""Production settings pass `check --deploy` without a warning, and every page carries a
Content-Security-Policy that allows no inline script (and no template has any)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"


def _clean_environment() -> dict:
    """This process's environment without what the browser tests set for themselves."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def check_deploy(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        **_clean_environment(),
        "MOTCUA_DEBUG": "0",
        "MOTCUA_SECRET_KEY": secrets.token_urlsafe(50)[:50],
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "motcua", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_in_production(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_behind_the_proxy_https_is_read_from_x_forwarded_proto(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
    )
    env = {
        **os.environ,
        "MOTCUA_DEBUG": "0",
        "MOTCUA_SECRET_KEY": secrets.token_urlsafe(50),
        "MOTCUA_TRUSTED_PROXIES": "1",
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert out.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True True"


def test_plain_http_on_an_intranet_is_a_choice_check_deploy_reports(tmp_path):
    result = check_deploy(tmp_path, MOTCUA_PLAIN_HTTP="1")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


@pytest.mark.parametrize("path", ["/", "/login/", "/procedures/"])
def test_pages_carry_a_policy_without_inline_script(client, db, path):
    policy = client.get(path)["Content-Security-Policy"]
    script = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script == "'self'"
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in SRC.rglob("templates/**/*.html"):
        text = template.read_text()
        for match in re.finditer(r"<script\b([^>]*)>", text):
            if "src=" not in match.group(1):
                offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+=", text) or "javascript:" in text:
            offenders.append(f"{template}: event handler attribute")
    assert offenders == []
