"""The year calendar page: twelve month grids; administrators edit days below them."""

import calendar as gregorian
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from motcua.org.models import Agency

from . import services
from .engine import FIRST_YEAR, horizon_year
from .forms import CalendarDayForm
from .overview import MarkedDay, year_overview

MONTH_NAMES = [f"Tháng {month}" for month in range(1, 13)]
WEEKDAY_HEADERS = [
    ("T2", "Thứ Hai"),
    ("T3", "Thứ Ba"),
    ("T4", "Thứ Tư"),
    ("T5", "Thứ Năm"),
    ("T6", "Thứ Sáu"),
    ("T7", "Thứ Bảy"),
    ("CN", "Chủ nhật"),
]
PERMISSION = "workdays.change_calendarday"


@dataclass(frozen=True)
class Cell:
    date: date
    working: bool
    mark: MarkedDay | None

    @property
    def css(self) -> str:
        if self.mark is not None and self.mark.effective:
            return "day day--extra" if self.working else "day day--holiday"
        named = " day--named" if self.mark is not None else ""
        return ("day" if self.working else "day day--off") + named


@dataclass(frozen=True)
class Month:
    name: str
    weeks: list[list[Cell | None]]


@require_http_methods(["GET", "POST"])
def year_calendar(request: HttpRequest, year: int) -> HttpResponse:
    if not FIRST_YEAR <= year <= horizon_year():
        raise Http404(f"Lịch chỉ có các năm {FIRST_YEAR}–{horizon_year()}.")
    agency = None
    if request.GET.get("agency"):
        agency = Agency.objects.filter(code=request.GET["agency"]).first()
        if agency is None:
            raise Http404("Không tìm thấy cơ quan.")
    can_edit = request.user.has_perm(PERMISSION)
    form = CalendarDayForm(initial={"date": date(year, 1, 1)}) if can_edit else None
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            return _apply(request, form, agency)
        status = 400

    overview = year_overview(year, agency)
    marks = {day.date: day for day in overview.days}
    months = [
        Month(
            MONTH_NAMES[month - 1],
            [
                [
                    Cell(day, overview.calendar.is_working_day(day), marks.get(day))
                    if day.month == month
                    else None
                    for day in week
                ]
                for week in gregorian.Calendar(firstweekday=0).monthdatescalendar(year, month)
            ],
        )
        for month in range(1, 13)
    ]
    context = {
        "year": year,
        "agency": agency,
        "months": months,
        "weekdays": WEEKDAY_HEADERS,
        "changes": overview.changes,
        "hours_per_day": overview.calendar.hours_per_day,
        "form": form,
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < horizon_year() else None,
    }
    return render(request, "workdays/year.html", context, status=status)


def _apply(request: HttpRequest, form: CalendarDayForm, agency: Agency | None) -> HttpResponse:
    data = form.cleaned_data
    day = data["date"]
    if data["action"] == CalendarDayForm.ACTION_REMOVE:
        if services.remove_day(day=day):
            messages.success(request, f"Đã xóa ngày {day:%d/%m/%Y} khỏi lịch.")
        else:
            messages.info(request, f"Ngày {day:%d/%m/%Y} không có trong danh sách ngày đặc biệt.")
    else:
        services.set_day(
            day=day,
            is_working=data["is_working"],
            name=data["name"].strip(),
            source=data["source"].strip(),
        )
        messages.success(request, f"Đã lưu ngày {day:%d/%m/%Y}: {data['name'].strip()}.")
    target = reverse("workdays:year", args=[day.year])
    return redirect(target + (f"?{urlencode({'agency': agency.code})}" if agency else ""))
