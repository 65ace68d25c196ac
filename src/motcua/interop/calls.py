"""Every API call made with a bearer token is logged (`ApiCall`), answered or refused."""

from django.utils import timezone

from .models import ApiCall, ApiClient

API_PREFIX = "/api/"


class ApiCallLogMiddleware:
    """Writes one `ApiCall` per API request that carried `Authorization: Bearer …`; the
    client is the one the token named (None for an unknown or revoked token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = request.headers.get("Authorization", "")
        if request.path.startswith(API_PREFIX) and header[:7].lower() == "bearer ":
            client = getattr(request, "auth", None)
            ApiCall.objects.create(
                client=client if isinstance(client, ApiClient) else None,
                at=timezone.now(),
                method=request.method[:10],
                path=request.get_full_path()[:500],
                status=response.status_code,
                remote_addr=request.META.get("REMOTE_ADDR", "")[:45],
            )
        return response
