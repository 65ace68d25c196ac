"""Calls through the data-sharing platform (LGSP of the province, NDXP nationally): OAuth2
client credentials for a bearer token, kept until it expires, then JSON requests whose
answers carry `error_code` (0 when all went well).

>>> Platform(url, client_id, secret).call("GET", "/hoso/moi")
{'error_code': 0, 'HoSo': [...]}
"""

import threading
import time

import requests

TIMEOUT = 15  # seconds

_tokens: dict[tuple[str, str], tuple[str, float]] = {}
_lock = threading.Lock()


class PlatformError(Exception):
    """The other side refused a call or answered something unexpected."""


def forget_tokens() -> None:
    """Drop every cached token (a new configuration, or a test's fresh simulator)."""
    with _lock:
        _tokens.clear()


class Platform:
    def __init__(self, url: str, client_id: str, secret: str):
        self.url, self.client_id, self.secret = url, client_id, secret

    def token(self) -> str:
        key = (self.url, self.client_id)
        with _lock:
            cached = _tokens.get(key)
            if cached and time.monotonic() < cached[1] - 30:
                return cached[0]
            response = requests.post(
                self.url + "/token",
                data={"grant_type": "client_credentials"},
                auth=(self.client_id, self.secret),
                timeout=TIMEOUT,
            )
            response.raise_for_status()
            answer = response.json()
            _tokens[key] = (
                answer["access_token"],
                time.monotonic() + int(answer.get("expires_in", 300)),
            )
            return answer["access_token"]

    def call(self, method: str, path: str, **kwargs) -> dict:
        response = requests.request(
            method,
            self.url + path,
            headers={"Authorization": f"Bearer {self.token()}"},
            timeout=TIMEOUT,
            **kwargs,
        )
        response.raise_for_status()
        answer = response.json()
        if str(answer.get("error_code", "0")) != "0":
            raise PlatformError(f"{path}: {answer.get('message') or answer}")
        return answer
