"""Every report as tables: one shape that the page, XLSX, PDF and CSV exports all read.

>>> table = periodic_table(report, detail=True)
>>> table.headers[0], table.rows[-1].cells[:3]
('STT', ['', 'Tổng cộng', 3061])
"""

from dataclasses import dataclass, field

from motcua.org.models import Agency
from motcua.printing.contexts import place_name
from motcua.rules.lookup import rule_set_on
from motcua.ui.templatetags.vn import percent, vnnumber

from .dashboard import Dashboard
from .index import ServiceIndex
from .lineage import BY_TODAY_RULE
from .periodic import COLUMNS, Report
from .periods import BASES

TEXT, INTEGER, PERCENT, DECIMAL = "text", "integer", "percent", "decimal"


@dataclass
class Row:
    cells: list
    level: int = 0  # 0: a group (field), 1: an item inside it (procedure); -1: the total
    bold: bool = False


@dataclass
class Chart:
    """A native chart of the XLSX export: `categories` and `series` ((name, values))."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[float]]]
    kind: str = "column"
    stacked: bool = False
    percent: bool = False


@dataclass
class Table:
    """A report table with what an official form prints around it."""

    form: str  # e.g. "Biểu số 06/VPCP/KSTT", "" for internal reports
    basis: str  # e.g. "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"
    reporter: str  # "Đơn vị báo cáo: ..."
    receiver: str  # "Đơn vị nhận báo cáo: ..."
    title: str
    period: str
    unit: str
    groups: list[tuple[str, int]]  # the first header row: (heading, columns spanned)
    headers: list[str]
    kinds: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None
    name: str = "bao-cao"  # the exported file's name, without extension
    place: str = ""  # the place of the date line above the signatures ("Tân Biên")

    def header_rows(self) -> tuple[list[tuple[str, int, int]], list[str]]:
        """The two header rows for HTML: (text, colspan, rowspan) cells, then the second row."""
        first, second, column = [], [], 0
        for group, span in self.groups:
            headers = self.headers[column : column + span]
            if group:
                first.append((group, span, 1))
                second.extend(headers)
            else:
                first.extend((heading, 1, 2) for heading in headers)
            column += span
        return first, second

    def display_rows(self) -> list[tuple[Row, list[tuple[str, bool]]]]:
        """Each row with its cells as (text, is a number): 3.061; 98,5%; 12,50."""
        return [
            (
                row,
                [
                    (display(value, kind), kind != TEXT)
                    for value, kind in zip(row.cells, self.kinds, strict=True)
                ],
            )
            for row in self.rows
        ]


def display(value, kind: str) -> str:
    """A cell as the interface writes it."""
    if value is None or value == "":
        return ""
    if kind == PERCENT:
        return percent(value)
    if kind == DECIMAL:
        return f"{value:.2f}".replace(".", ",")
    if kind == INTEGER:
        return vnnumber(value)
    return str(value)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _parent_of(agency: Agency) -> str:
    return f"Đơn vị nhận báo cáo: {agency.parent}" if agency.parent_id else ""


def periodic_table(report: Report, *, detail: bool = False) -> Table:
    """Biểu 06 with rows by field (and its procedures when `detail`)."""
    groups = [("", 2)]
    for _, _, group in COLUMNS:
        if groups[-1][0] == group:
            groups[-1] = (group, groups[-1][1] + 1)
        else:
            groups.append((group, 1))
    rows = []
    for n, line in enumerate(report.lines, start=1):
        rows.append(Row([str(n), line.label, *line.values()], level=0, bold=True))
        if detail:
            for child in line.children:
                rows.append(Row(["", f"{child.code} · {child.label}", *child.values()], level=1))
    rows.append(Row(["", "Tổng cộng", *report.total.values()], level=-1, bold=True))
    period = report.period
    rule_set = rule_set_on(period.last)
    notes = [
        "Số hồ sơ nhận giải quyết = đã giải quyết + đang giải quyết + dừng giải quyết (từ chối "
        "giải quyết sau thẩm định, rút hồ sơ); hồ sơ từ chối tiếp nhận (Mẫu 03) không tính vào "
        "số nhận.",
        "Đang giải quyết = trong hạn + quá hạn; hồ sơ chờ bổ sung, hoàn thiện tính trong hạn "
        "(thời gian chờ không tính vào thời hạn) và ghi riêng ở cột ghi chú.",
        _carried_note(report.total),
        f"Trong số hồ sơ giải quyết quá hạn, {report.total.late_unapologised} hồ sơ trả kết "
        "quả không có văn bản xin lỗi (đã ghi lý do).",
    ]
    if report.by_today:
        notes.append(by_today_note(report))
    if report.live:
        notes.append(
            f"Kỳ báo cáo chưa kết thúc: số đang giải quyết tính đến {report.as_of:%H:%M %d/%m/%Y}."
        )
    return Table(
        form=rule_set.report_form,
        basis=f"Ban hành kèm theo Thông tư số {rule_set.report_circular}",
        reporter=f"Đơn vị báo cáo: {report.agency}",
        place=place_name(report.agency),
        receiver=_parent_of(report.agency),
        title=rule_set.report_title.upper(),
        period=f"Kỳ báo cáo: {period.label} (từ ngày {period.first:%d/%m/%Y} đến ngày "
        f"{period.last:%d/%m/%Y}; {_lower_first(BASES[period.basis][0])})"
        + ("; theo đơn vị hiện nay" if report.by_today else ""),
        unit="Đơn vị tính: Số hồ sơ thủ tục hành chính",
        groups=groups,
        headers=["STT", "Lĩnh vực, thủ tục", *(heading for _, heading, _ in COLUMNS)],
        kinds=[TEXT, TEXT, *([INTEGER] * len(COLUMNS))],
        rows=rows,
        notes=notes,
        chart=Chart(
            title="Kết quả giải quyết theo lĩnh vực",
            categories=[line.label for line in report.lines],
            series=[
                ("Trước hạn", [line.early for line in report.lines]),
                ("Đúng hạn", [line.on_time for line in report.lines]),
                ("Quá hạn", [line.late for line in report.lines]),
            ],
            stacked=True,
        ),
        name=f"bieu-06-{report.agency.code}-{period.first:%Y%m%d}-{period.last:%Y%m%d}"
        + ("-don-vi-hien-nay" if report.by_today else ""),
    )


def by_today_note(report: Report) -> str:
    """How a report by today's units is grouped, naming the ended units it adds."""
    added = "; ".join(f"{a} (đến {a.valid_to:%d/%m/%Y})" for a in report.regrouped)
    return BY_TODAY_RULE + (f" Gồm số liệu của: {added}." if added else "")


def _carried_note(total) -> str:
    if not (total.moved_in or total.moved_out):
        return "Số từ kỳ trước chuyển sang bằng số đang giải quyết cuối kỳ trước."
    return (
        "Số từ kỳ trước chuyển sang bằng số đang giải quyết cuối kỳ trước, cộng "
        f"{vnnumber(total.moved_in)} hồ sơ chuyển đến, trừ {vnnumber(total.moved_out)} hồ sơ "
        "chuyển đi trong kỳ do sắp xếp đơn vị hành chính (hồ sơ đang giải quyết chuyển sang "
        "cơ quan kế thừa)."
    )


def index_table(index: ServiceIndex) -> Table:
    """The service index of one agency and month: each metric's figures and points."""
    rows = []
    for group, name, points, maximum in index.groups():
        rows.append(
            Row([str(group), name, None, None, None, float(points), float(maximum), ""], bold=True)
        )
        for score in index.scores:
            if score.metric.group == group:
                rows.append(
                    Row(
                        [
                            score.metric.code,
                            score.metric.name,
                            score.numerator,
                            score.denominator,
                            score.ratio,
                            float(score.points),
                            float(score.maximum),
                            score.note,
                        ],
                        level=1,
                    )
                )
    rows.append(
        Row(
            ["", "Tổng điểm", None, None, None, float(index.total), float(index.maximum), ""],
            level=-1,
            bold=True,
        )
    )
    return Table(
        form="",
        basis="Bộ chỉ số theo Quyết định số 766/QĐ-TTg ngày 23/06/2022",
        reporter=f"Đơn vị: {index.agency}",
        place=place_name(index.agency),
        receiver=_parent_of(index.agency),
        title="CHỈ SỐ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP TRONG THỰC HIỆN "
        "THỦ TỤC HÀNH CHÍNH, DỊCH VỤ CÔNG",
        period=f"Tháng {index.month:%m/%Y}",
        unit="Đơn vị tính: điểm",
        groups=[("", 2), ("Số liệu", 3), ("Điểm", 2), ("", 1)],
        headers=[
            "Mã",
            "Nhóm, chỉ số",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ",
            "Điểm đạt",
            "Điểm tối đa",
            "Ghi chú",
        ],
        kinds=[TEXT, TEXT, INTEGER, INTEGER, PERCENT, DECIMAL, DECIMAL, TEXT],
        rows=rows,
        notes=[
            "Điểm = tỷ lệ × điểm tối đa của chỉ số; chỉ số không phát sinh hoặc không áp dụng cấp xã được tính đủ điểm."
        ],
        chart=Chart(
            title="Điểm theo nhóm chỉ số",
            categories=[name for _, name, _, _ in index.groups()],
            series=[
                ("Điểm đạt", [float(p) for _, _, p, _ in index.groups()]),
                ("Điểm tối đa", [float(m) for _, _, _, m in index.groups()]),
            ],
        ),
        name=f"chi-so-766-{index.agency.code}-{index.month:%Y%m}",
    )


def dashboard_table(board: Dashboard) -> Table:
    """The dashboard's figures by month and by unit, as one table."""
    rows = []
    for title, items in (
        ("Theo tháng", board.months),
        ("Theo đơn vị", board.by_agency),
        ("Theo lĩnh vực", board.by_field),
    ):
        rows.append(Row(["", title, None, None, None, None, None, None, None], bold=True))
        for item in items:
            rows.append(
                Row(
                    [
                        item.code,
                        item.label,
                        item.received,
                        item.online,
                        item.online_share,
                        item.resolved,
                        item.early + item.on_time,
                        item.late,
                        item.on_time_rate,
                    ],
                    level=1,
                )
            )
    return Table(
        form="",
        basis="",
        reporter=f"Đơn vị: {board.agency}",
        place=place_name(board.agency),
        receiver="",
        title="TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH: TỶ LỆ ĐÚNG HẠN VÀ TỶ LỆ TRỰC TUYẾN",
        period=f"Kỳ: {board.period.label} ({board.period.dates})",
        unit="Đơn vị tính: hồ sơ; tỷ lệ %",
        groups=[("", 2), ("Tiếp nhận", 3), ("Đã giải quyết", 4)],
        headers=[
            "Mã",
            "Tháng, đơn vị, lĩnh vực",
            "Tổng số",
            "Trực tuyến",
            "Tỷ lệ trực tuyến",
            "Tổng số",
            "Trước hạn, đúng hạn",
            "Quá hạn",
            "Tỷ lệ đúng hạn",
        ],
        kinds=[TEXT, TEXT, INTEGER, INTEGER, PERCENT, INTEGER, INTEGER, INTEGER, PERCENT],
        rows=rows,
        chart=Chart(
            title="Tỷ lệ đúng hạn và tỷ lệ trực tuyến theo tháng",
            categories=[m.label for m in board.months],
            series=[
                ("Tỷ lệ đúng hạn", [m.on_time_rate or 0 for m in board.months]),
                ("Tỷ lệ trực tuyến", [m.online_share or 0 for m in board.months]),
            ],
            kind="line",
            percent=True,
        ),
        name=f"bang-dieu-khien-{board.agency.code}-{board.period.first:%Y%m%d}-{board.period.last:%Y%m%d}",
    )
