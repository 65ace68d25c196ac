"""Agencies over time in the reports (docs/decisions/0120): the units in force during a
period, and past figures regrouped under today's units ("theo đơn vị hiện nay").

An ended agency's figures go to its successor in force today, transitively (A → B → C
counts under C). An agency split into several goes, as a whole, to the first of its
successors by code (`BY_TODAY_RULE`): figures per dossier are not re-attributed, so a
split agency's past cannot be divided by place.

>>> by_today_ids(new_commune, date(2026, 1, 5))  # itself and the communes merged into it
[41, 12, 13]
"""

from datetime import date

from django.db.models import QuerySet

from motcua.org.models import Agency, in_force, in_force_during

BY_TODAY_RULE = (
    "Theo đơn vị hiện nay: số liệu của đơn vị đã kết thúc được tính vào đơn vị kế thừa đang "
    "hoạt động (qua nhiều lần sắp xếp thì tính vào đơn vị cuối cùng); đơn vị bị chia tách "
    "được tính trọn vào đơn vị kế thừa có mã định danh nhỏ nhất."
)


def children_during(agency: Agency, first: date, last: date) -> QuerySet[Agency]:
    """The units directly below `agency` that were in force during the period."""
    return agency.children.filter(in_force_during(first, last))


def today_units(day: date) -> dict[int, int | None]:
    """Every agency id → the id of the unit in force on `day` that carries its figures:
    itself when in force, else its successor's (the first by code); None when the chain
    ends at an agency that is not in force and names no successor."""
    agencies = {a.pk: a for a in Agency.objects.only("code", "valid_from", "valid_to")}
    successors: dict[int, list[int]] = {}
    for former, successor in Agency.successors.through.objects.values_list(
        "from_agency_id", "to_agency_id"
    ):
        successors.setdefault(former, []).append(successor)
    units: dict[int, int | None] = {}

    def unit(pk: int, seen: frozenset) -> int | None:
        if pk in units:
            return units[pk]
        agency = agencies[pk]
        if agency.in_force_on(day):
            found = pk
        else:
            following = sorted(successors.get(pk, ()), key=lambda s: agencies[s].code)
            found = None
            if following and following[0] not in seen:
                found = unit(following[0], seen | {pk})
        units[pk] = found
        return found

    for pk in agencies:
        unit(pk, frozenset())
    return units


def by_today_ids(agency: Agency, day: date) -> list[int]:
    """Ids of the agencies whose figures count under `agency`'s subtree as it is on `day`:
    its units in force and every ended agency whose figures they carry."""
    inside = set(agency.subtree().filter(in_force(day)).values_list("pk", flat=True))
    return sorted(pk for pk, unit in today_units(day).items() if unit in inside)


def regrouped(agency: Agency, day: date) -> list[Agency]:
    """The ended agencies whose figures a by-today report of `agency` adds (for its note)."""
    ids = by_today_ids(agency, day)
    return list(Agency.objects.filter(pk__in=ids).exclude(in_force(day)).order_by("code"))
