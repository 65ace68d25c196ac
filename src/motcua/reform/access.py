"""Who does reform work: the reform office (role `reform_officer`, held at the district's
or province's office of the People's Committee or Home Affairs division) for its subtree.

A unit fills in its own self-assessment (its reform officer or agency administrator);
only the reform office of a unit above it reviews it.
"""

from django.db.models import QuerySet
from django.http import Http404

from motcua.org.access import may, visible_agencies
from motcua.org.models import Agency, Role


def is_reform_officer(user) -> bool:
    return visible_agencies(user, Role.REFORM_OFFICER).exists()


def reform_agencies(user) -> QuerySet[Agency]:
    """The agencies whose reform work `user` manages."""
    return visible_agencies(user, Role.REFORM_OFFICER).select_related("kind")


def home_agency(user) -> Agency:
    """The highest agency where `user` is in the reform office; Http404 when nowhere."""
    agency = min(reform_agencies(user), key=lambda a: (len(a.path), a.path), default=None)
    if agency is None:
        raise Http404("Không có quyền cải cách hành chính.")
    return agency


def may_manage(user, agency: Agency) -> bool:
    return may(user, Role.REFORM_OFFICER, agency)


def may_self_assess(user, agency: Agency) -> bool:
    return may_manage(user, agency) or may(user, Role.AGENCY_ADMIN, agency)


def may_review(user, agency: Agency) -> bool:
    """Only the reform office of a unit above reviews (nobody grades their own work)."""
    return agency.parent is not None and may_manage(user, agency.parent)
