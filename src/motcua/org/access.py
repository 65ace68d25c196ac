"""Who may do what where: a role held at an agency holds for its whole subtree; and the
guard of the staff pages (`staff_only`), shared by every app that has some.

A role held at an agency lets its holder read the agency's whole subtree, but act only at
the agency itself, unless the assignment says it also acts on subordinate units
(`RoleAssignment.acts_on_subordinates`, off by default): a district's approver does not
approve a commune's results just because the commune lies below the district.

>>> may(receiver_at_district, Role.RECEIVER, district)
True
>>> may(receiver_at_district, Role.RECEIVER, commune_of_that_district)
False
>>> may(supervising_receiver_at_district, Role.RECEIVER, commune_of_that_district)
True
"""

from functools import reduce, wraps
from operator import or_

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.shortcuts import render
from django.utils import timezone

from motcua.revisions.tokens import kept

from .models import Agency, Role, RoleAssignment, in_force

ROLES = "roles"


def _today_kept(user, key: str, read):
    """`read()` for `user`, kept in the process until a role assignment or an agency changes
    (`motcua.revisions`: every save or delete of either changes the "roles" token in its
    transaction) and read again on a new day, since agencies come into and go out of force
    with the date alone. One entry per user and `key`."""
    day = timezone.localdate()
    _, value = kept(
        ROLES,
        (key, user.pk, user.is_superuser),
        lambda: (day, read(day)),
        still=lambda found: found[0] == day,
    )
    return value


def _held(user, roles: tuple[str, ...] | None = None) -> list[tuple[str, str, bool]]:
    """(role, agency path, acts on subordinates) of every live assignment of `user` today."""
    if not user.is_authenticated or not user.is_active:
        return []

    def read(day) -> tuple[tuple[str, str, bool], ...]:
        assignments = RoleAssignment.objects.filter(in_force(day, via="agency__"), user=user)
        return tuple(assignments.values_list("role", "agency__path", "acts_on_subordinates"))

    held = _today_kept(user, "held-roles", read)
    return list(held) if roles is None else [h for h in held if h[0] in roles]


def _is_superuser(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def _acts_at(path: str, subordinates: bool, agency_path: str) -> bool:
    """Whether a role held at `path` (acting on subordinates or not) acts at `agency_path`."""
    return agency_path == path or (subordinates and agency_path.startswith(path))


def may(user, role: Role | str, agency: Agency) -> bool:
    """True when `user` may act as `role` at `agency`: the role is held there, or at an
    ancestor whose assignment acts on subordinate units."""
    if _is_superuser(user):
        return True
    return any(_acts_at(path, sub, agency.path) for _, path, sub in _held(user, (role,)))


def holds_any(user, *roles: Role | str) -> bool:
    """Whether `user` holds any role (or one of `roles`) at an agency in force; no query once
    the request has read the user's roles."""
    if _is_superuser(user):
        return Agency.objects.in_force().exists()
    return bool(_held(user, roles or None))


def visible_agencies(user, *roles: Role | str) -> QuerySet[Agency]:
    """The agencies `user` can read: the subtrees where it holds any role (or one of `roles`)."""
    if _is_superuser(user):
        return Agency.objects.all()
    paths = [path for _, path, _ in _held(user, roles or None)]
    if not paths:
        return Agency.objects.none()
    return Agency.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))


def acting_agencies(user, *roles: Role | str) -> QuerySet[Agency]:
    """The agencies where `user` acts in one of `roles` (or any role): where it holds one,
    and the subtrees of the assignments that act on subordinate units."""
    if _is_superuser(user):
        return Agency.objects.all()
    held = _held(user, roles or None)
    if not held:
        return Agency.objects.none()
    return Agency.objects.filter(
        reduce(or_, (Q(path__startswith=p) if sub else Q(path=p) for _, p, sub in held))
    )


def acting_ids(user) -> dict[str, list[int]]:
    """Role → ids of the agencies where `user` acts in it (as `acting_agencies`), kept as
    the role paths are: work queues filter on these lists instead of compiling a subquery
    for every role in every queue. Shared by every caller: do not change the lists."""
    if not user.is_authenticated or not user.is_active:
        return {}

    def read(day) -> dict[str, list[int]]:
        if _is_superuser(user):
            every = list(Agency.objects.values_list("pk", flat=True))
            return {role: every for role in Role.values}
        held = _held(user)
        if not held:
            return {}
        agencies = Agency.objects.filter(reduce(or_, (Q(path__startswith=p) for _, p, _ in held)))
        rows = list(agencies.values_list("pk", "path"))
        acting = {}
        for role in {h[0] for h in held}:
            mine = [(at, sub) for r, at, sub in held if r == role]
            acting[role] = [pk for pk, path in rows if any(_acts_at(*m, path) for m in mine)]
        return acting

    return _today_kept(user, "acting-ids", read)


def roles_at(user, agency: Agency) -> set[str]:
    """Every role `user` can act in at `agency`."""
    if _is_superuser(user):
        return set(Role.values)
    return {role for role, path, sub in _held(user) if _acts_at(path, sub, agency.path)}


def staff_only(view):
    """Logged-in staff only; a user without any role gets a page that says so (403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not holds_any(request.user):
            return render(request, "office/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
