"""Charts as SVG, drawn from plain templates: the same picture on pages, in PDFs and exports.

Python computes the geometry (points, bar lengths, axis ticks); the templates in
`templates/reports/charts/` only place it. No JavaScript, no plotting library.

>>> svg = line_chart(["01/2022", "02/2022"], [("Đúng hạn", [0.98, 1.0])], percent=True)
>>> svg.startswith("<svg")
True
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from motcua.ui.templatetags.vn import percent as as_percent
from motcua.ui.templatetags.vn import vnnumber

# Colours with at least 3:1 contrast on white (WCAG 2.1 non-text contrast).
PALETTE = ("#0b4f9c", "#a3161a", "#1d6b35", "#8a5300", "#5b2a86")
# Drawing units; the SVG scales to its box (a 390 px phone shows it at about 3/4 size), so
# the canvas is narrow enough for its 14-unit text to stay legible there.
_WIDTH, _HEIGHT = 480, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 50, 20, 12, 46


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, str]]  # x, y, value shown on hover


def line_chart(
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    percent: bool = False,
    title: str = "",
) -> SafeString:
    """Lines over `labels` (x axis); values None are gaps. `percent`: values are 0..1."""
    top = (
        1.0 if percent else max([v for _, values in series for v in values if v is not None] or [1])
    )
    top = top or 1
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return round(_LEFT + i * step, 1)

    def y(value: float) -> float:
        return round(_TOP + plot_h * (1 - value / top), 1)

    drawn = []
    for n, (name, values) in enumerate(series):
        known = [(i, v) for i, v in enumerate(values) if v is not None]
        drawn.append(
            Series(
                name=name,
                colour=PALETTE[n % len(PALETTE)],
                points=" ".join(f"{x(i)},{y(v)}" for i, v in known),
                dots=[(x(i), y(v), _format(v, percent)) for i, v in known],
            )
        )
    ticks = [(y(top * f / 4), _format(top * f / 4, percent, digits=0)) for f in range(5)]
    return render_to_string(
        "reports/charts/line.svg",
        {
            "width": _WIDTH,
            "height": _HEIGHT,
            "left": _LEFT,
            "right": _WIDTH - _RIGHT,
            "bottom": _HEIGHT - _BOTTOM,
            "title": title,
            "series": drawn,
            "ticks": ticks,
            "labels": [(x(i), label) for i, label in enumerate(labels)],
            "label_every": -(-len(labels) // 12),  # at most 12 labels on the axis
        },
    )


def month_ticks(labels: list[str]) -> list[str]:
    """Axis labels of months given as `mm/yyyy`: `T1` … `T12` within one year (the year is
    in the caption), else `mm/yy`, so that twelve of them fit side by side."""
    years = {label[3:] for label in labels}
    if len(years) == 1:
        return [f"T{int(label[:2])}" for label in labels]
    return [f"{label[:3]}{label[-2:]}" for label in labels]


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    value: str
    value_x: float  # where the value is written: just after the end of the bar


def bar_chart(
    rows: list[tuple[str, float]], *, percent: bool = False, title: str = ""
) -> SafeString:
    """Horizontal bars, one per (label, value); `percent`: values are 0..1."""
    top = 1.0 if percent else max([v for _, v in rows] or [1]) or 1
    label_w, bar_h, gap = 180, 18, 8
    plot_w = _WIDTH - label_w - 56
    bars = []
    for i, (label, value) in enumerate(rows):
        width = round(plot_w * value / top, 1)
        y = _TOP + i * (bar_h + gap)
        bars.append(Bar(label, y, width, _format(value, percent), label_w + width + 6))
    return render_to_string(
        "reports/charts/bars.svg",
        {
            "width": _WIDTH,
            "height": _TOP * 2 + len(rows) * (bar_h + gap),
            "title": title,
            "bars": bars,
            "label_w": label_w,
            "bar_h": bar_h,
            "colour": PALETTE[0],
        },
    )


def _format(value: float, percent: bool, digits: int = 1) -> str:
    if percent:
        return as_percent(value, digits)
    return vnnumber(round(value))
