"""Bearer tokens of API clients (`motcua apiclient create`), with their scopes."""

from ninja.errors import HttpError
from ninja.security import HttpBearer

from motcua.interop.clients import authenticate
from motcua.interop.models import ApiClient


class ClientToken(HttpBearer):
    """Any active client; endpoints then ask for a scope with `require`."""

    openapi_description = "Mã truy cập do `motcua apiclient create` cấp."

    def authenticate(self, request, token: str) -> ApiClient | None:
        return authenticate(token)


def require(request, scope: str) -> ApiClient:
    """The calling client, or 403 when its token lacks `scope`."""
    client = request.auth
    if scope not in client.scopes:
        raise HttpError(403, f"Mã truy cập không có quyền “{scope}”.")
    return client
