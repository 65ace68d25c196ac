"""API clients: create one (the token is shown once), find it from a bearer token, revoke it.

>>> client, token = create_client("dvcqg-adapter", agency=district, scopes=["read", "write"])
>>> authenticate(token) == client
True
"""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.errors import InvalidInput
from motcua.org.models import Agency

from .models import ApiClient, Scope

TOKEN_PREFIX = "mct_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_client(name: str, *, agency: Agency, scopes: list[str]) -> tuple[ApiClient, str]:
    """A new client of `agency`'s subtree with `scopes` (read, write); returns it and its
    bearer token, which is stored only as a hash."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput({"name": "Nhập tên hệ thống."})
    if ApiClient.objects.filter(name=name).exists():
        raise InvalidInput({"name": f"Đã có hệ thống tên “{name}”."})
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise InvalidInput({"scope": "Quyền chỉ gồm: " + ", ".join(Scope.values) + "."})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    user = get_user_model().objects.create_user(f"api:{name}"[:150], first_name=f"API {name}"[:150])
    client = ApiClient.objects.create(
        name=name,
        agency=agency,
        scopes=sorted(set(scopes)),
        token_sha256=_digest(token),
        token_prefix=token[:12],
        user=user,
        created_at=timezone.now(),
    )
    return client, token


def authenticate(token: str) -> ApiClient | None:
    """The active client holding `token`, or None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiClient.objects.select_related("agency", "user")
        .filter(token_sha256=_digest(token), revoked_at__isnull=True)
        .first()
    )


def revoke(client: ApiClient) -> ApiClient:
    """The token stops working at once; the client's history stays."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
    return client
