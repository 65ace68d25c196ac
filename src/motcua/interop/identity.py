"""National electronic identity (VNeID) over OpenID Connect: the account level a login
brings, and the check a procedure demanding level 2 makes.

The login itself is mozilla-django-oidc's (`portal.accounts.oidc`); it calls `record` with
the claims. The level is read from the claim MOTCUA_OIDC_LEVEL_CLAIM (default `acr`): its
last digit, "2" in "2", "level2" or "urn:vneid:loa:2"; an identity without it is level 1.

>>> level_of({"acr": "urn:vneid:loa:2"})
2
"""

import re

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from .models import NationalIdentity

_LAST_DIGIT = re.compile(r"(\d)\D*$")


def level_of(claims: dict) -> int:
    value = str(claims.get(settings.MOTCUA_OIDC_LEVEL_CLAIM) or "")
    found = _LAST_DIGIT.search(value)
    level = int(found.group(1)) if found else 1
    return level if level in (1, 2) else 1


def record(user, claims: dict) -> NationalIdentity:
    """Keep the subject and level the provider gave at this login."""
    identity, _ = NationalIdentity.objects.update_or_create(
        user=user,
        defaults={
            "subject": claims["sub"],
            "level": level_of(claims),
            "verified_at": timezone.now(),
        },
    )
    return identity


def account_level(user) -> int:
    """0 for an account not logged in through the national identity provider."""
    identity = NationalIdentity.objects.filter(user=user).first()
    return identity.level if identity else 0


def refuse_below_level(request, procedure):
    """None when the user's account level is enough for `procedure`, else the page that
    explains how to log in with a level 2 account (status 403)."""
    if account_level(request.user) >= procedure.identity_level:
        return None
    context = {
        "procedure": procedure,
        "level": account_level(request.user),
        "oidc": settings.MOTCUA_OIDC,
        "label": settings.MOTCUA_OIDC_LABEL,
    }
    return render(request, "interop/identity_required.html", context, status=403)
