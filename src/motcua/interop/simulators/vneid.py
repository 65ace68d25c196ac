"""The national identity provider (VNeID) as an OpenID Connect provider: authorization
code flow, RS256-signed ID tokens, userinfo with the account level.

The real provider asks the person to confirm on the VNeID app; this one signs in at once
the person named by `login_hint` (an ID number of PEOPLE), or the first one."""

import json
import secrets
import time
from urllib.parse import parse_qs, urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from .base import Reply, Request, Simulator

PEOPLE = [
    {
        "sub": "vneid-072095001234",
        "id_number": "072095001234",
        "name": "Trần Văn Bình",
        "birthdate": "1995-08-12",
        "phone_number": "+84912345678",
        "email": "binh@example.vn",
        "address": {"formatted": "Ấp Thạnh Hiệp, xã Tân Lập, huyện Tân Biên, tỉnh Tây Ninh"},
        "acr": "2",
    },
    {
        "sub": "vneid-072195004321",
        "id_number": "072195004321",
        "name": "Lê Thị Hoa",
        "birthdate": "1996-02-03",
        "phone_number": "0987654321",
        "address": {"formatted": "Ấp Thạnh Nam, xã Thạnh Bắc, huyện Tân Biên, tỉnh Tây Ninh"},
        "acr": "1",
    },
]


class IdentityProvider(Simulator):
    name = "vneid"

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("--client-id", default="motcua")
        parser.add_argument("--client-secret", default="motcua-secret")

    def __init__(self, **options):
        super().__init__(**options)
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}

    def handle(self, request: Request) -> Reply:
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/authorize": self._authorize,
            "/token": self._token,
            "/userinfo": self._userinfo,
            "/jwks": self._jwks,
        }
        answer = routes.get(request.path)
        if answer is None:
            return Reply(404, {"error": "not_found"})
        with self.lock:
            return answer(request)

    def _issuer(self, request: Request) -> str:
        return f"http://{request.headers.get('Host')}"

    def _discovery(self, request: Request) -> Reply:
        issuer = self._issuer(request)
        return Reply(
            200,
            {
                "issuer": issuer,
                "authorization_endpoint": issuer + "/authorize",
                "token_endpoint": issuer + "/token",
                "userinfo_endpoint": issuer + "/userinfo",
                "jwks_uri": issuer + "/jwks",
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "acr_values_supported": ["1", "2"],
            },
        )

    def _authorize(self, request: Request) -> Reply:
        query = request.query
        if query.get("client_id") != self.options["client_id"] or not query.get("redirect_uri"):
            return Reply(400, {"error": "invalid_client"})
        hint = query.get("login_hint", "")
        person = next((p for p in PEOPLE if p["id_number"] == hint), PEOPLE[0])
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "person": person,
            "nonce": query.get("nonce", ""),
            "redirect_uri": query["redirect_uri"],
            "issuer": self._issuer(request),
        }
        target = (
            query["redirect_uri"] + "?" + urlencode({"code": code, "state": query.get("state", "")})
        )
        return Reply(302, b"", content_type="text/plain").with_location(target)

    def _token(self, request: Request) -> Reply:
        form = {k: v[-1] for k, v in parse_qs(request.body.decode()).items()}
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if (client_id, secret) != (self.options["client_id"], self.options["client_secret"]):
            return Reply(401, {"error": "invalid_client"})
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            return Reply(400, {"error": "invalid_grant"})
        person, now = grant["person"], int(time.time())
        id_token = jwt.encode(
            {
                "iss": grant["issuer"],
                "aud": client_id,
                "sub": person["sub"],
                "nonce": grant["nonce"],
                "iat": now,
                "exp": now + 300,
                "acr": person["acr"],
            },
            self.key,
            algorithm="RS256",
            headers={"kid": "vneid-sim"},
        )
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = person
        return Reply(
            200,
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            },
        )

    def _userinfo(self, request: Request) -> Reply:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        person = self.tokens.get(token)
        if person is None:
            return Reply(401, {"error": "invalid_token"})
        return Reply(200, person)

    def _jwks(self, request: Request) -> Reply:
        key = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        key.update(kid="vneid-sim", use="sig", alg="RS256")
        return Reply(200, {"keys": [key]})
