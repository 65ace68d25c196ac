"""How django-axes names the account a login tries: the spelling the portal stores, so that
"0912.345.678" and "+84 912 345 678" count against the same account."""

from motcua.portal.accounts.forms import normalise_contact


def username_of(request, credentials: dict | None) -> str:
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_contact(raw)[1]
