"""Who counts as staff for the stricter login rules, and who must use a second factor.

Staff are the accounts that hold a role somewhere, may enter the admin, or sign results.
Approvers, signers and administrators must pass a second factor (TOTP or a recovery code)
before any page other than the second-factor pages; other staff may enrol.
"""

from motcua.org.access import holds_any
from motcua.org.models import Role

# Roles whose holders must use a second factor.
SECOND_FACTOR_ROLES = (Role.APPROVER, Role.AGENCY_ADMIN)


def is_staff_member(user) -> bool:
    """True for an active account that holds a role (read once per request), enters the
    admin or signs results."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or holds_any(user) or _signs(user)


def needs_second_factor(user) -> bool:
    """True when `user` must pass a second factor: administrators, approvers, signers."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff or user.is_superuser or holds_any(user, *SECOND_FACTOR_ROLES) or _signs(user)
    )


def _signs(user) -> bool:
    from motcua.signing.models import SignerConfig

    return SignerConfig.objects.filter(user=user).exists()
