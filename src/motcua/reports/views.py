"""Report pages for leaders and reporters; each report also downloads as XLSX, PDF or CSV
(`?format=xlsx`)."""

from datetime import date, timedelta
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua import replica

from . import charts
from .access import report_agencies, report_agency
from .dashboard import dashboard
from .exports import CONTENT_TYPES, export
from .figures import latest_day
from .index import service_index, service_indexes
from .lineage import BY_TODAY_RULE, children_during
from .periodic import periodic_report
from .periods import BASES, KINDS, PeriodError, parse, parse_month
from .summary import year_summary
from .tables import Table, dashboard_table, index_table, periodic_table


def reporters_only(view):
    """Logged-in staff holding a reporting role somewhere; others get a page saying so."""

    @login_required
    @replica.reads()
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not report_agencies(request.user).exists():
            return render(request, "reports/no_access.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _download(table: Table, kind: str) -> HttpResponse:
    today = timezone.localdate()
    response = HttpResponse(export(table, kind, signed_on=today), content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{kind}"'
    return response


def _data_day(agency) -> date:
    """The day reports open on: today, or the last day with dossiers when the agency's data
    stops earlier (the demo district lives in 2022)."""
    today = timezone.localdate()
    return latest_day(agency, today) or today


def _context(request, agency, **extra) -> dict:
    agencies = list(report_agencies(request.user))
    top = min((len(a.path) for a in agencies), default=0)
    return {
        "agency": agency,
        # Each path part is 7 characters ("000012/"): indent by depth below the highest.
        "agencies": [
            (a, "· " * ((len(a.path) - top) // 7)) for a in sorted(agencies, key=lambda a: a.path)
        ],
        "kinds": KINDS,
        "bases": BASES,
        "params": request.GET,
        "years": range(timezone.localdate().year, 2019, -1),
        "default_year": _data_day(agency).year,
        "by_today_rule": BY_TODAY_RULE,
        **extra,
    }


def _format(request) -> str | None:
    kind = request.GET.get("format")
    return kind if kind in CONTENT_TYPES else None


def _agency_and_period(request, template: str):
    """The agency and period a report page asks for; with a bad period, the page to return
    (status 400) instead."""
    agency = report_agency(request.user, request.GET.get("agency"))
    now = timezone.now()
    try:
        period = parse(request.GET, _data_day(agency))
    except PeriodError as error:
        page = render(request, template, _context(request, agency, error=str(error)), status=400)
        return agency, now, None, page
    return agency, now, period, None


@reporters_only
def home(request):
    agency = report_agency(request.user, request.GET.get("agency"))
    return render(request, "reports/home.html", _context(request, agency))


@reporters_only
def periodic(request):
    agency, now, period, problem = _agency_and_period(request, "reports/periodic.html")
    if problem:
        return problem
    report = periodic_report(agency, period, now, by_today=request.GET.get("units") == "today")
    table = periodic_table(report, detail=request.GET.get("detail") == "1")
    if _format(request):
        return _download(table, _format(request))
    chart = charts.bar_chart(
        [(line.label, line.on_time_rate or 0) for line in report.lines if line.resolved],
        percent=True,
        title="Tỷ lệ giải quyết trước hạn, đúng hạn theo lĩnh vực",
    )
    return render(
        request,
        "reports/periodic.html",
        _context(
            request, agency, report=report, table=table, rows=table.display_rows(), chart=chart
        ),
    )


@reporters_only
def dashboard_view(request):
    agency, now, period, problem = _agency_and_period(request, "reports/dashboard.html")
    if problem:
        return problem
    board = dashboard(agency, period, now)
    if _format(request):
        return _download(dashboard_table(board), _format(request))
    rates = charts.line_chart(
        charts.month_ticks([m.label for m in board.months]),
        [
            ("Tỷ lệ trước hạn, đúng hạn", [m.on_time_rate for m in board.months]),
            ("Tỷ lệ nộp trực tuyến", [m.online_share for m in board.months]),
        ],
        percent=True,
        title="Tỷ lệ đúng hạn và tỷ lệ trực tuyến theo tháng",
    )
    by_agency = charts.bar_chart(
        [(r.label, r.on_time_rate) for r in board.by_agency if r.on_time_rate is not None],
        percent=True,
        title="Tỷ lệ trước hạn, đúng hạn theo đơn vị",
    )
    late = charts.bar_chart(
        [(r.label, r.late) for r in board.late_procedures],
        title="Thủ tục có nhiều hồ sơ trễ hạn nhất",
    )
    return render(
        request,
        "reports/dashboard.html",
        _context(
            request, agency, board=board, rates_chart=rates, agency_chart=by_agency, late_chart=late
        ),
    )


@reporters_only
def index_view(request):
    agency = report_agency(request.user, request.GET.get("agency"))
    try:
        month = parse_month(request.GET.get("month"), timezone.localdate())
        if not request.GET.get("month"):
            month = min(month, _data_day(agency).replace(day=1))
    except PeriodError as error:
        return render(
            request, "reports/index.html", _context(request, agency, error=str(error)), status=400
        )
    try:
        index = service_index(agency, month)
    except PeriodError as error:
        return render(
            request, "reports/index.html", _context(request, agency, error=str(error)), status=400
        )
    if _format(request):
        return _download(index_table(index), _format(request))
    table = index_table(index)
    last = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
    children = list(children_during(agency, month, last).select_related("kind").order_by("path"))
    overview = service_indexes(agency, children, month) if children else []
    return render(
        request,
        "reports/index.html",
        _context(
            request,
            agency,
            index=index,
            table=table,
            rows=table.display_rows(),
            month=month,
            overview=overview,
        ),
    )


@reporters_only
def summary_view(request):
    agency = report_agency(request.user, request.GET.get("agency"))
    try:
        last_year = min(timezone.localdate().year - 1, _data_day(agency).year)
        year = int(request.GET.get("year") or last_year)
        text = year_summary(agency, year, timezone.now())
    except (ValueError, PeriodError) as error:
        message = str(error) if isinstance(error, PeriodError) else "Năm phải là số, ví dụ 2022."
        return render(
            request, "reports/summary.html", _context(request, agency, error=message), status=400
        )
    return render(request, "reports/summary.html", _context(request, agency, year=year, text=text))
