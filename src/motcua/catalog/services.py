"""The catalog's services: step checks, publishing versions, and the facts every reception
reads (the version in force, where a procedure is received), kept in each process until
the catalog changes."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.org.models import Agency
from motcua.revisions.tokens import kept

from .models import HOURS_PER_WORKING_DAY, Procedure, ProcedureVersion, TimeUnit

CATALOG = "catalog"


def check_step_hours(time_quantity: Decimal, time_unit: str, hours: list[Decimal]) -> None:
    """Raise ValidationError unless the internal steps fit the legal time.

    Working days and working hours must be used exactly; a same-day procedure (0 working days)
    and a period in calendar days may not plan more than their length.

    >>> check_step_hours(Decimal(3), "working_days", [Decimal(4), Decimal(16), Decimal(4)])
    """
    total = sum(hours, Decimal(0))
    if not hours:
        raise ValidationError("Quy trình nội bộ phải có ít nhất một bước.")
    if time_unit == TimeUnit.WORKING_HOURS:
        limit, exact = time_quantity, True
    elif time_unit == TimeUnit.WORKING_DAYS and time_quantity == 0:
        limit, exact = Decimal(HOURS_PER_WORKING_DAY), False
    else:
        limit = time_quantity * HOURS_PER_WORKING_DAY
        exact = time_unit == TimeUnit.WORKING_DAYS
    if exact and total != limit:
        raise ValidationError(
            f"Tổng thời gian các bước là {_hours(total)} giờ làm việc, "
            f"phải bằng thời hạn giải quyết {_hours(limit)} giờ làm việc."
        )
    if not exact and total > limit:
        raise ValidationError(
            f"Tổng thời gian các bước là {_hours(total)} giờ làm việc, "
            f"vượt quá thời hạn giải quyết {_hours(limit)} giờ làm việc."
        )


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def procedure_data(procedure: Procedure) -> dict:
    """The procedure as plain data: the export format and the content of a version."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field.code,
        "agency_kinds": sorted(k.code for k in procedure.agency_kinds.all()),
        "time_quantity": _number(procedure.time_quantity),
        "time_unit": procedure.time_unit,
        "same_day_cutoff": procedure.same_day_cutoff.strftime("%H:%M")
        if procedure.same_day_cutoff
        else "",
        "fee_amount": procedure.fee_amount,
        "fee_description": procedure.fee_description,
        "applicant_types": list(procedure.applicant_types),
        "online_level": procedure.online_level,
        "restart_on_supplement": procedure.restart_on_supplement,
        "boundary_free": procedure.boundary_free,
        "result_name": procedure.result_name,
        "result_type": procedure.result_type.code if procedure.result_type else "",
        "declaration": dict(procedure.declaration),
        "handling_office": procedure.handling_office,
        "description": procedure.description,
        "conditions": procedure.conditions,
        "legal_basis": procedure.legal_basis,
        "active": procedure.active,
        "unconfirmed": procedure.note,
        "documents": [
            {
                "name": d.name,
                "form": d.form,
                "copies": d.copies,
                "mandatory": d.mandatory,
                "template": d.template.name or "",
                "state_data": d.state_data,
                "type": d.document_type.code if d.document_type else "",
            }
            for d in procedure.documents.all()
        ],
        "steps": [
            {"name": s.name, "role": s.role, "performer": s.performer, "hours": _number(s.hours)}
            for s in procedure.steps.all()
        ],
        "form_fields": [
            {
                "name": f.name,
                "label": f.label,
                "kind": f.kind,
                "required": f.required,
                "choices": f.choice_list,
                "help": f.help,
                "section": f.section,
                "group": f.group,
                "show_if": f.show_if,
                "prefill": f.prefill,
            }
            for f in procedure.form_fields.all()
        ],
    }


@transaction.atomic
def publish(procedure: Procedure) -> ProcedureVersion:
    """Freeze the procedure's current terms as a new version, unless nothing changed.

    Returns the version dossiers received from now on will keep.
    """
    check_step_hours(
        procedure.time_quantity, procedure.time_unit, [s.hours for s in procedure.steps.all()]
    )
    data = procedure_data(procedure)
    latest = procedure.versions.select_for_update().order_by("-number").first()
    if latest is not None and latest.data == data:
        return latest
    number = latest.number + 1 if latest else 1
    return ProcedureVersion.objects.create(procedure=procedure, number=number, data=data)


def current_version(procedure: Procedure) -> ProcedureVersion:
    """The version in force (published on first use if the procedure never was); kept in
    the process until the catalog changes (`motcua.revisions`)."""
    return kept(
        CATALOG,
        ("version", procedure.pk),
        lambda: procedure.versions.order_by("-number").first() or publish(procedure),
    )


def receives_at(procedure: Procedure, agency: Agency) -> bool:
    """Whether agencies of `agency`'s kind receive `procedure` (its `agency_kinds`)."""
    kinds = kept(
        CATALOG,
        ("agency-kinds", procedure.pk),
        lambda: frozenset(procedure.agency_kinds.values_list("pk", flat=True)),
    )
    return agency.kind_id in kinds
