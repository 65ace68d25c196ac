"""Who sees which reports: leaders (approvers), reporters and agency administrators, for
the subtrees where they hold that role; nobody else.

>>> report_agency(commune_reporter, "000.00.21.H56")   # the district: not theirs
Traceback (most recent call last):
Http404: ...
"""

from django.db.models import QuerySet
from django.http import Http404

from motcua.org.access import visible_agencies
from motcua.org.models import Agency, Role

REPORT_ROLES = (Role.REPORTER, Role.APPROVER, Role.AGENCY_ADMIN)


def report_agencies(user) -> QuerySet[Agency]:
    """Every agency whose reports `user` may see."""
    return visible_agencies(user, *REPORT_ROLES).select_related("kind", "parent")


def report_agency(user, code: str | None) -> Agency:
    """The agency asked for (by code), or the user's highest one; Http404 when the user may
    not see it (the page does not say whether it exists)."""
    agencies = report_agencies(user)
    if code:
        agency = agencies.filter(code=code).first()
    else:
        agency = min(agencies, key=lambda a: (len(a.path), a.path), default=None)
    if agency is None:
        raise Http404("Không có báo cáo này.")
    return agency
