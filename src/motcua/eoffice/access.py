"""Who may do what in the e-office, answered from `org` roles (held for a subtree)."""

from motcua.org.access import may, visible_agencies
from motcua.org.models import Agency, Role, RoleAssignment, in_force

EOFFICE_ROLES = (Role.CLERK, Role.OFFICE_HEAD, Role.DOC_HANDLER, Role.DOC_SIGNER)


def uses_eoffice(user) -> bool:
    """Holds any e-office role somewhere: the staff menu shows the link."""
    return visible_agencies(user, *EOFFICE_ROLES).exists()


def works_for(user, role: str, agency: Agency) -> bool:
    """Holds `role` at `agency`, above it, or in one of its units (a department's specialist
    drafts for the district committee)."""
    if may(user, role, agency):
        return True
    return visible_agencies(user, role).filter(path__startswith=agency.path).exists()


def may_draft(user, agency: Agency) -> bool:
    """Drafts for `agency`: a specialist or clerk at it or above it, or at one of its units
    (a unit drafts for the nearest agency above it that issues documents)."""
    roles = (Role.DOC_HANDLER, Role.CLERK)
    if any(may(user, role, agency) for role in roles):
        return True
    held = RoleAssignment.objects.filter(
        in_force(via="agency__"), user=user, role__in=roles, agency__path__startswith=agency.path
    ).select_related("agency")
    return any(issuing_agency(assignment.agency) == agency for assignment in held)


def issuing_agency(unit: Agency) -> Agency | None:
    """The nearest agency at or above `unit` that has an issuer profile (prints documents)."""
    from .models import Issuer

    chain = [*unit.ancestors(), unit]
    issuers = set(Issuer.objects.filter(agency__in=chain).values_list("agency_id", flat=True))
    return next((agency for agency in reversed(chain) if agency.pk in issuers), None)
