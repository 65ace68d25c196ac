"""Working calendar and deadlines: `/api/v1/calendar/deadline` and `/api/v1/calendar/{year}`."""

from datetime import date, datetime

from ninja import Router, Schema
from ninja.errors import HttpError

from motcua.org.models import Agency
from motcua.workdays.engine import FIRST_YEAR, CalendarError, due, horizon_year
from motcua.workdays.inputs import parse_cutoff, parse_quantity, parse_start
from motcua.workdays.loader import calendar_for
from motcua.workdays.overview import year_overview

from .contract import CodeParam, Text
from .errors import Error

router = Router(tags=["workdays"])


class DeadlineOut(Schema):
    due: datetime
    start: datetime
    quantity: str
    unit: str
    agency: str | None
    cutoff: str | None


class DayOut(Schema):
    date: date
    weekday: str
    name: str
    source: str
    effective: bool


class YearOut(Schema):
    year: int
    agency: str | None
    hours_per_day: float
    holidays: list[DayOut]
    extra_working_days: list[DayOut]


def _agency(code: str) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise HttpError(404, f"unknown agency code {code!r}")
    return agency


@router.get(
    "/deadline",
    response={200: DeadlineOut, 400: Error, 404: Error},
    summary="Tính thời hạn (hẹn trả kết quả)",
)
def deadline(
    request,
    start: Text,
    quantity: CodeParam,
    unit: CodeParam,
    agency: CodeParam = "",
    cutoff: CodeParam = "",
):
    """The due moment of `quantity` `unit`s (working_hours, working_days, calendar_days)
    from `start` (ISO 8601;
    without an offset it is local time in Viet Nam), in the agency's calendar; received
    after `cutoff` (e.g. 15:00), the period starts on the next working day."""
    owner = _agency(agency)
    try:
        start_at = parse_start(start)
        amount = parse_quantity(quantity)
        cutoff_at = parse_cutoff(cutoff)
        due_at = due(start_at, amount, unit, calendar_for(owner), cutoff=cutoff_at)
    except CalendarError as error:
        raise HttpError(400, str(error)) from None
    return {
        "due": due_at,
        "start": start_at,
        "quantity": str(amount),
        "unit": unit,
        "agency": owner.code if owner else None,
        "cutoff": cutoff_at.isoformat(timespec="minutes") if cutoff_at else None,
    }


@router.get(
    "/{year}",
    response={200: YearOut, 404: Error},
    summary="Ngày nghỉ lễ và ngày làm việc bù của năm",
)
def year_days(request, year: int, agency: CodeParam = ""):
    """Every holiday (`effective`: it falls on a working weekday of the agency) and every
    extra working day of `year`."""
    if not FIRST_YEAR <= year <= horizon_year():
        raise HttpError(404, f"the calendar covers {FIRST_YEAR}-{horizon_year()}, not {year}")
    owner = _agency(agency)
    overview = year_overview(year, owner)

    def out(days):
        return [
            {
                "date": day.date,
                "weekday": day.weekday_name,
                "name": day.name,
                "source": day.source,
                "effective": day.effective,
            }
            for day in days
        ]

    return {
        "year": year,
        "agency": owner.code if owner else None,
        "hours_per_day": overview.calendar.hours_per_day,
        "holidays": out(overview.holidays),
        "extra_working_days": out(overview.extra_working_days),
    }
