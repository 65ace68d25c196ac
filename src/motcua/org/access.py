"""Who may do what where: a role held at an agency holds for its whole subtree; and the
guard of the staff pages (`staff_only`), shared by every app that has some.

>>> may(receiver_at_district, Role.RECEIVER, commune_of_that_district)
True
"""

from functools import reduce, wraps
from operator import or_

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.shortcuts import render

from motcua.request_memo import forget, remembered

from .models import Agency, Role, RoleAssignment


def _held(user) -> list[tuple[str, str]]:
    """(role, agency path) of every role `user` holds at an active agency, once per request."""
    if not user.is_authenticated or not user.is_active:
        return []

    def read() -> list[tuple[str, str]]:
        assignments = RoleAssignment.objects.filter(user=user, agency__active=True)
        return list(assignments.values_list("role", "agency__path"))

    return remembered(("held-roles", user.pk), read)


def _held_paths(user, roles: tuple[str, ...] | None = None) -> list[str]:
    return [path for role, path in _held(user) if roles is None or role in roles]


def _roles_changed(sender, **kwargs) -> None:
    forget()


for _model in (RoleAssignment, Agency):
    post_save.connect(_roles_changed, sender=_model, dispatch_uid=f"access-save-{_model}")
    post_delete.connect(_roles_changed, sender=_model, dispatch_uid=f"access-del-{_model}")


def may(user, role: Role | str, agency: Agency) -> bool:
    """True when `user` holds `role` at `agency` or at one of its ancestors."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    return any(agency.path.startswith(path) for path in _held_paths(user, (role,)))


def holds_any(user, *roles: Role | str) -> bool:
    """Whether `user` holds any role (or one of `roles`) at an active agency; no query once
    the request has read the user's roles."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Agency.objects.filter(active=True).exists()
    return bool(_held_paths(user, roles or None))


def visible_agencies(user, *roles: Role | str) -> QuerySet[Agency]:
    """The agencies `user` can see: the subtrees where it holds any role (or one of `roles`)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Agency.objects.all()
    paths = _held_paths(user, roles or None)
    if not paths:
        return Agency.objects.none()
    return Agency.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))


def roles_at(user, agency: Agency) -> set[str]:
    """Every role `user` can act in at `agency`."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return set(Role.values)
    return {role for role, path in _held(user) if agency.path.startswith(path)}


def staff_only(view):
    """Logged-in staff only; a user without any role gets a page that says so (403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not holds_any(request.user):
            return render(request, "office/no_role.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
