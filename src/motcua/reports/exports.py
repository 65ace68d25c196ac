"""Exports of a report table: XLSX (formatted, with the official heading, the signature
block and a native chart), PDF (A4 landscape, WeasyPrint) and CSV (UTF-8 with a BOM so that
Excel reads Vietnamese).

>>> content = to_xlsx(periodic_table(report), signed_on=date(2023, 1, 5))
>>> content[:2]
b'PK'
"""

import csv
import io
from datetime import date

import xlsxwriter
from django.template.loader import render_to_string

from motcua.printing.services import pdf

from .tables import DECIMAL, INTEGER, PERCENT, Table

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_NUMBER_FORMATS = {INTEGER: "#,##0", PERCENT: "0.0%", DECIMAL: "0.00"}
_FONT = "Times New Roman"
SHEET = "Báo cáo"
CHART_SHEET = "Biểu đồ"


def export(table: Table, kind: str, *, signed_on: date) -> bytes:
    """The table as `kind` ("xlsx", "pdf" or "csv")."""
    if kind == "xlsx":
        return to_xlsx(table, signed_on=signed_on)
    if kind == "pdf":
        return to_pdf(table, signed_on=signed_on)
    if kind == "csv":
        return to_csv(table)
    raise ValueError(f"unknown export {kind!r}")


def to_csv(table: Table) -> bytes:
    """One header line (group and column joined), then the rows; numbers unformatted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    groups = [group for group, span in table.groups for _ in range(span)]
    writer.writerow([f"{g} - {h}" if g else h for g, h in zip(groups, table.headers, strict=True)])
    for row in table.rows:
        writer.writerow(["" if value is None else value for value in row.cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_pdf(table: Table, *, signed_on: date) -> bytes:
    """A4 landscape, as printed and signed."""
    html = render_to_string(
        "reports/export/document.html",
        {"table": table, "rows": table.display_rows(), "signed_on": signed_on},
    )
    return pdf(html)


def to_xlsx(table: Table, *, signed_on: date) -> bytes:
    """The report sheet (heading, two header rows, column numbers, figures as numbers,
    notes, signatures) and, when the table has one, a chart sheet with a native chart."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    styles = _styles(book)
    sheet = book.add_worksheet(SHEET)
    columns = len(table.headers)
    last = columns - 1
    half = max(columns // 2, 2)

    sheet.merge_range(0, 0, 0, half - 1, table.form or table.reporter, styles["bold"])
    sheet.merge_range(1, 0, 1, half - 1, table.basis, styles["italic"])
    sheet.merge_range(0, half, 0, last, table.reporter if table.form else "", styles["bold_right"])
    sheet.merge_range(1, half, 1, last, table.receiver, styles["right"])
    sheet.merge_range(3, 0, 3, last, table.title, styles["title"])
    sheet.set_row(3, 36)
    sheet.merge_range(4, 0, 4, last, table.period, styles["centre_italic"])
    sheet.merge_range(5, 0, 5, last, table.unit, styles["right_italic"])

    top = 7
    column = 0
    for group, span in table.groups:
        if group:
            if span > 1:
                sheet.merge_range(top, column, top, column + span - 1, group, styles["head"])
            else:
                sheet.write(top, column, group, styles["head"])
            for offset in range(span):
                sheet.write(
                    top + 1, column + offset, table.headers[column + offset], styles["head"]
                )
        else:
            for offset in range(span):
                sheet.merge_range(
                    top,
                    column + offset,
                    top + 1,
                    column + offset,
                    table.headers[column + offset],
                    styles["head"],
                )
        column += span
    sheet.set_row(top + 1, 45)
    for n in range(columns):
        sheet.write(top + 2, n, f"({n + 1})", styles["number_head"])

    row_index = top + 3
    for row in table.rows:
        for n, (value, kind) in enumerate(zip(row.cells, table.kinds, strict=True)):
            style = styles[_cell_style(kind, row, n)]
            sheet.write(row_index, n, value, style)
        row_index += 1

    row_index += 1
    for note in table.notes:
        sheet.merge_range(row_index, 0, row_index, last, note, styles["note"])
        row_index += 1
    row_index += 1
    sheet.merge_range(
        row_index,
        half,
        row_index,
        last,
        f"{table.place or '......'}, ngày {signed_on.day:02d} tháng {signed_on.month:02d} "
        f"năm {signed_on.year}",
        styles["centre_italic"],
    )
    row_index += 1
    sheet.merge_range(row_index, 0, row_index, half - 1, "NGƯỜI LẬP BIỂU", styles["bold_centre"])
    sheet.merge_range(row_index, half, row_index, last, "THỦ TRƯỞNG ĐƠN VỊ", styles["bold_centre"])
    row_index += 1
    sheet.merge_range(
        row_index, 0, row_index, half - 1, "(Ký, ghi rõ họ tên)", styles["centre_italic"]
    )
    sheet.merge_range(
        row_index, half, row_index, last, "(Ký tên, đóng dấu)", styles["centre_italic"]
    )

    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, last, 11)
    sheet.freeze_panes(top + 3, 2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(top, top + 2)
    if table.chart is not None and table.chart.categories:
        _chart_sheet(book, table, styles)
    book.close()
    return out.getvalue()


def _cell_style(kind: str, row, column: int) -> str:
    weight = "b" if row.bold else ""
    if kind in _NUMBER_FORMATS:
        return f"{kind}{weight}"
    if column == 1 and row.level == 1:
        return "indent"
    return f"text{weight}"


def _styles(book) -> dict:
    def style(**options):
        return book.add_format({"font_name": _FONT, "font_size": 12, **options})

    cell = {"border": 1, "valign": "vcenter"}
    styles = {
        "bold": style(bold=True),
        "italic": style(italic=True),
        "right": style(align="right"),
        "bold_right": style(bold=True, align="right"),
        "bold_centre": style(bold=True, align="center"),
        "title": style(bold=True, align="center", valign="vcenter", text_wrap=True, font_size=13),
        "centre_italic": style(italic=True, align="center"),
        "right_italic": style(italic=True, align="right"),
        "head": style(bold=True, align="center", text_wrap=True, **cell),
        "number_head": style(italic=True, align="center", font_size=10, **cell),
        "note": style(italic=True, text_wrap=True, font_size=11),
        "text": style(text_wrap=True, **cell),
        "textb": style(text_wrap=True, bold=True, **cell),
        "indent": style(text_wrap=True, indent=2, **cell),
    }
    for kind, number_format in _NUMBER_FORMATS.items():
        styles[kind] = style(num_format=number_format, **cell)
        styles[f"{kind}b"] = style(num_format=number_format, bold=True, **cell)
    return styles


def _chart_sheet(book, table: Table, styles: dict) -> None:
    chart_spec = table.chart
    sheet = book.add_worksheet(CHART_SHEET)
    sheet.write(0, 0, "", styles["head"])
    for n, (name, values) in enumerate(chart_spec.series, start=1):
        sheet.write(0, n, name, styles["head"])
        for i, value in enumerate(values, start=1):
            sheet.write_number(i, n, value, styles[PERCENT if chart_spec.percent else DECIMAL])
    for i, category in enumerate(chart_spec.categories, start=1):
        sheet.write(i, 0, category, styles["text"])
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(chart_spec.series), 14)
    options = {"type": chart_spec.kind}
    if chart_spec.stacked:
        options["subtype"] = "stacked"
    chart = book.add_chart(options)
    count = len(chart_spec.categories)
    for n in range(1, len(chart_spec.series) + 1):
        chart.add_series(
            {
                "name": [CHART_SHEET, 0, n],
                "categories": [CHART_SHEET, 1, 0, count, 0],
                "values": [CHART_SHEET, 1, n, count, n],
            }
        )
    chart.set_title({"name": chart_spec.title})
    chart.set_size({"width": 900, "height": 420})
    sheet.insert_chart(count + 3, 0, chart)
