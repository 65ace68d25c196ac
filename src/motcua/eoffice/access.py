"""Who may do what in the e-office, answered from `org` roles (held for a subtree)."""

from motcua.org.access import may, visible_agencies
from motcua.org.models import Agency, Role

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
