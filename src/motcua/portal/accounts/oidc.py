"""Logging in through a national identity provider (OpenID Connect), when configured.

The provider has verified the person, so the account is verified at once and the profile
is filled from the claims. Accounts are matched by the provider's subject (`sub`), never by
an email address someone could also register here. Which claim holds the ID number differs
between providers: MOTCUA_OIDC_ID_NUMBER_CLAIM names it.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from motcua.dossiers.applicants import normalise_phone
from motcua.interop import identity

from ..models import CitizenProfile

PREFIX = "oidc:"


def _birth_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


class CitizenOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        subject = claims.get("sub")
        if not subject:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(username=PREFIX + subject)

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims, with the account level from the ID token when only it has
        one (OpenID Connect puts `acr` there)."""
        claims = super().get_userinfo(access_token, id_token, payload)
        level = settings.MOTCUA_OIDC_LEVEL_CLAIM
        if level not in claims and level in payload:
            claims[level] = payload[level]
        return claims

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    @transaction.atomic
    def create_user(self, claims):
        user = self.UserModel.objects.create_user(PREFIX + claims["sub"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        """Take the provider's name, contacts and identity into the account and profile."""
        user.first_name = (claims.get("name") or user.first_name)[:150]
        user.email = claims.get("email") or user.email
        user.save()
        profile, _ = CitizenProfile.objects.get_or_create(user=user)
        profile.id_number = claims.get(settings.MOTCUA_OIDC_ID_NUMBER_CLAIM) or profile.id_number
        profile.phone = normalise_phone(claims.get("phone_number", "")) or profile.phone
        profile.birth_date = _birth_date(claims.get("birthdate")) or profile.birth_date
        address = claims.get("address")
        if isinstance(address, dict) and address.get("formatted"):
            profile.address = address["formatted"][:500]
        profile.verified_at = profile.verified_at or timezone.now()
        profile.save()
        identity.record(user, claims)
        return user
