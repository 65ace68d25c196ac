"""Read queries of dossiers: what a staff member may see, their work queues, the search.

Everything here reads; `lifecycle` writes. Who acts next is denormalised on the dossier
(`current_role`, `current_agency`, set by `lifecycle.steps.enter_step`), so each queue is one
query on an index (`current_agency, current_role, status` or `receiving_agency, status`).

>>> [d.code for d in work_queue(handler, timezone.now(), "handle")][:1]
['000.21.21.H56-250303-0001']
"""

import re
from datetime import datetime

from django.db.models import Count, F, IntegerField, Q, QuerySet, Value

from motcua.org.access import acting_ids, visible_agencies
from motcua.org.models import Role
from motcua.text import fold
from motcua.workdays import engine
from motcua.workdays.loader import calendar_for

from .applicants import normalise_phone
from .models import OPEN_STATUSES, Dossier, Status

# The queues, in tab order.
QUEUES = ("receive", "handle", "approve", "return", "supplement", "due_soon", "overdue")

_PHONE = re.compile(r"0\d{9}")
_ID_NUMBER = re.compile(r"\d{9}|\d{12}|\d{10}(-\d{3})?")


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Dossiers received or handled in an agency where `user` holds any role."""
    agencies = visible_agencies(user)
    return Dossier.objects.filter(
        Q(receiving_agency__in=agencies) | Q(handling_agency__in=agencies)
    )


def _acting(ids: dict[str, list[int]], *roles: str) -> Q:
    """Dossiers whose current step belongs to one of `roles` at an agency where the user acts
    in it (`ids`: `acting_ids(user)`)."""
    condition = Q(pk__in=[])
    for role in roles:
        condition |= Q(current_role=role, current_agency__in=ids.get(role, []))
    return condition


def _ordered(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return dossiers.select_related(
        "procedure", "procedure_version", "receiving_agency", "handling_agency", "assignee"
    ).order_by(F("due_at").asc(nulls_last=True), "submitted_at", "pk")


def work_queue(user, now: datetime, name: str) -> QuerySet[Dossier]:
    """The dossiers of one of the user's work queues (`QUEUES`, see `_queue_conditions`),
    due first. A page shows one queue: only its query is built."""
    return _ordered(Dossier.objects.filter(_queue_conditions(user, now)[name]))


def queue_counts(user, now: datetime) -> dict[str, int]:
    """How many dossiers each of the user's work queues holds, in one query. The rows are
    first narrowed by a cheap superset (open, at an agency where the user acts): compiling
    the union of every queue's condition as well cost as much as the counts themselves."""
    conditions = _queue_conditions(user, now)
    every = sorted({pk for ids in acting_ids(user).values() for pk in ids})
    involved = (
        Q(current_agency__in=every) | Q(receiving_agency__in=every) | Q(handling_agency__in=every)
    )
    return count_each(Dossier.objects.filter(involved, status__in=OPEN_STATUSES), conditions)


def count_each(rows: QuerySet, conditions: dict[str, Q]) -> dict[str, int]:
    """How many of `rows` meet each of `conditions`, in one query (`COUNT … FILTER`). The
    counts are annotations of one constant group rather than an `aggregate()`: Django's
    `aggregate()` hashes every earlier count's filter again for each count it adds, which
    cost as much as the rest of the office's home page."""
    counted = (
        rows.annotate(group=Value(1, output_field=IntegerField()))
        .values("group")
        .order_by()
        .annotate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    )
    found = next(iter(counted), {})
    return {name: found.get(name, 0) for name in conditions}


def _queue_conditions(user, now: datetime) -> dict[str, Q]:
    """The condition of each work queue of `user`, in `QUEUES` order.

    - receive: online submissions waiting at a desk where the user receives;
    - handle: received or in-progress dossiers whose current step is the user's, as the
      desk's receiver or as a handler (and approved ones whose step is a handler's);
    - approve: dossiers at an approver's step where the user approves;
    - return: approved or result-ready dossiers at a desk where the user returns results;
    - supplement: waiting for the applicant, at the user's desk or handling agency;
    - due_soon / overdue: the user's dossiers of handle, approve and return whose legal
      deadline falls within one working day from `now` / has passed.
    """
    ids = acting_ids(user)
    receivers = ids.get(Role.RECEIVER, [])
    handle = (
        Q(status__in=(Status.RECEIVED, Status.IN_PROGRESS))
        & _acting(ids, Role.RECEIVER, Role.HANDLER)
    ) | (Q(status=Status.APPROVED) & _acting(ids, Role.HANDLER))
    approve = Q(status=Status.IN_PROGRESS) & _acting(ids, Role.APPROVER)
    to_return = Q(
        status__in=(Status.APPROVED, Status.RESULT_READY),
        receiving_agency__in=ids.get(Role.RETURNER, []),
    )
    mine = handle | approve | to_return
    soon = engine.due(now, 1, engine.WORKING_DAYS, calendar_for(None))
    return {
        "receive": Q(status=Status.SUBMITTED, receiving_agency__in=receivers),
        "handle": handle,
        "approve": approve,
        "return": to_return,
        "supplement": (
            Q(receiving_agency__in=receivers) | Q(handling_agency__in=ids.get(Role.HANDLER, []))
        )
        & Q(status=Status.WAITING_SUPPLEMENT),
        "due_soon": mine & Q(due_at__gte=now, due_at__lte=soon),
        "overdue": mine & Q(due_at__lt=now),
    }


def search_dossiers(user, query: str) -> QuerySet[Dossier]:
    """Visible dossiers matching `query`: a code (exact or its beginning), an ID number or
    tax code (exact), a phone number (any common spelling), or every word of the applicant's
    name as the beginning of a word, without accents. Newest first.

    >>> [d.applicant_name for d in search_dossiers(receiver, "tran van binh")]
    ['Trần Văn Bình']
    """
    query = " ".join((query or "").split())
    if not query:
        return Dossier.objects.none()
    code = query.upper()
    condition = Q(code=code) | Q(code__startswith=code)
    if _ID_NUMBER.fullmatch(query):
        condition |= Q(applicant_id_number=query)
    phone = normalise_phone(query)
    if _PHONE.fullmatch(phone):
        condition |= Q(applicant_phone=phone)
    words = fold(query).split(" ")
    if any(ch.isalpha() for ch in query):
        name = Q()
        for word in words:
            name &= Q(applicant_name_folded__startswith=word) | Q(
                applicant_name_folded__contains=" " + word
            )
        condition |= name
    return (
        visible_dossiers(user)
        .filter(condition)
        .select_related("procedure", "procedure_version", "receiving_agency", "assignee")
        .order_by(F("received_at").desc(nulls_first=True), "-pk")
    )
