"""Loads the demo district from the TOML files in `data/`. Idempotent: run it any number of times."""

import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from motcua.catalog.transfer import import_catalog
from motcua.org.models import Agency, AgencyKind, RoleAssignment, StaffProfile, in_force
from motcua.portal.models import CitizenProfile

DATA = Path(__file__).resolve().parent / "data"
ADMIN_USERNAME = "admin"


def read(name: str) -> dict:
    with open(DATA / name, "rb") as file:
        return tomllib.load(file)


@transaction.atomic
def load_agencies() -> int:
    data = read("agencies.toml")
    for kind in data["kinds"]:
        AgencyKind.objects.update_or_create(code=kind["code"], defaults={"name": kind["name"]})
    kinds = {k.code: k for k in AgencyKind.objects.all()}
    by_code: dict[str, Agency] = {}
    for item in data["agencies"]:
        parent = by_code.get(item["parent"]) if item.get("parent") else None
        agency, _ = Agency.objects.get_or_create(
            code=item["code"], defaults={"name": item["name"], "kind": kinds[item["kind"]]}
        )
        for key in ("name", "short_name", "place_name", "address", "phone", "email"):
            setattr(agency, key, item.get(key, ""))
        agency.kind = kinds[item["kind"]]
        agency.parent = parent
        agency.save()
        by_code[agency.code] = agency
    return len(by_code)


@transaction.atomic
def load_staff(name: str = "staff.toml") -> list[dict]:
    """Create the demo accounts of `name` (staff.toml, or staff-2025.toml after the
    re-organisation); returns them (username, name, roles) for printing. A role at an agency
    no longer in force is not given again: the re-organisation moved or ended it."""
    data = read(name)
    # One hash for every demo account: they share the password, and hashing 30 times
    # would make `motcua demo` slow for nothing.
    password = make_password(data["password"])
    users = get_user_model().objects
    admin, created = users.get_or_create(
        username=ADMIN_USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.first_name = "Quản trị hệ thống"
        admin.password = password
        admin.save()
    accounts = [{"username": ADMIN_USERNAME, "name": "Quản trị hệ thống", "roles": "toàn quyền"}]
    agencies = {a.code: a for a in Agency.objects.all()}
    today = timezone.localdate()
    for item in data["users"]:
        user, created = users.get_or_create(username=item["username"])
        user.first_name = item["full_name"]
        user.email = item.get("email", "")
        user.is_staff = any(r["role"] == "agency_admin" for r in item["roles"])
        if created:
            user.password = password
        user.save()
        StaffProfile.objects.update_or_create(user=user, defaults={"title": item.get("title", "")})
        for role in item["roles"]:
            if not agencies[role["agency"]].in_force_on(today):
                continue
            RoleAssignment.objects.update_or_create(
                user=user,
                agency=agencies[role["agency"]],
                role=role["role"],
                defaults={"acts_on_subordinates": role.get("acts_on_subordinates", False)},
            )
    return accounts + staff_accounts(name)


def staff_accounts(name: str) -> list[dict]:
    """The accounts of a staff file (username, name), for printing."""
    return [{"username": u["username"], "name": u["full_name"]} for u in read(name)["users"]]


def roles_now(accounts: list[dict]) -> list[dict]:
    """The accounts with the roles they hold today (after a re-organisation moved some)."""
    held = RoleAssignment.objects.filter(in_force(via="agency__")).select_related("agency")
    by_user: dict[int, list[str]] = {}
    for assignment in held.order_by("agency__path", "role"):
        by_user.setdefault(assignment.user_id, []).append(f"{assignment.role}@{assignment.agency}")
    users = dict(get_user_model().objects.values_list("username", "pk"))
    ended = "không còn vai trò (sắp xếp 01/07/2025)"
    return [
        {
            **account,
            "roles": account.get("roles")
            or ", ".join(by_user.get(users[account["username"]], []))
            or ended,
        }
        for account in accounts
    ]


@transaction.atomic
def load_citizens() -> list[dict]:
    """Create the demo citizens, verified, with their profiles; returns them for printing."""
    users = get_user_model().objects
    accounts = []
    for item in read("citizens.toml")["citizens"]:
        user, created = users.get_or_create(username=item["username"])
        user.first_name = item["full_name"]
        user.email = item["username"] if "@" in item["username"] else ""
        if created:
            user.set_password(demo_password())
        user.save()
        CitizenProfile.objects.update_or_create(
            user=user,
            defaults={
                "phone": item["phone"],
                "id_number": item["id_number"],
                "birth_date": item["birth_date"],
                "address": item["address"],
                "verified_at": timezone.now(),
            },
        )
        accounts.append({"username": user.username, "name": user.first_name, "roles": "công dân"})
    return accounts


def load_catalog() -> dict[str, int]:
    """The demo catalog, each procedure with its declaration's e-form (eforms.toml)."""
    catalog = read("catalog.toml")
    forms = {form["procedure"]: form for form in read("eforms.toml")["forms"]}
    for procedure in catalog["procedures"]:
        form = forms.pop(procedure["code"], None)
        if form is not None:
            keys = ("title", "source", "commitment", "document")
            procedure["declaration"] = {k: form[k] for k in keys if k in form}
            procedure["form_fields"] = form["fields"]
    if forms:
        raise ValueError(f"eforms.toml names procedures not in the catalog: {', '.join(forms)}")
    return import_catalog(catalog)


def demo_password() -> str:
    return read("staff.toml")["password"]
