"""The year-end summary: the paragraph of the year's results, in Vietnamese, from the data.

>>> print(year_summary(district, 2022, now))
Năm 2022, UBND huyện Tân Biên tiếp nhận và giải quyết 3.061 hồ sơ, trong đó trước hạn và
đúng hạn 3.035 hồ sơ, trễ hạn 22 hồ sơ, đang giải quyết 4 hồ sơ; ...
"""

from datetime import datetime

from django.apps import apps
from django.utils import timezone

from motcua.org.models import Agency
from motcua.ui.templatetags.vn import percent, vnnumber

from .periodic import Report, periodic_report
from .periods import Period, period


def year_summary(agency: Agency, year: int, now: datetime) -> str:
    """The paragraph for `agency`'s subtree and `year` (the reporting rule's year)."""
    year_period = period("year", year)
    report = periodic_report(agency, year_period, now)
    return compose(report, published_articles(agency, year_period))


def compose(report: Report, articles: int | None) -> str:
    """Write the paragraph from a yearly report and the number of news articles published."""
    total = report.total
    year = report.period.label.removeprefix("Năm ").strip()
    parts = [
        f"Năm {year}, {report.agency} tiếp nhận và giải quyết {_n(total.received_total)} hồ sơ"
        + (f" (kể cả {_n(total.carried)} hồ sơ năm trước chuyển sang)" if total.carried else "")
        + f", trong đó trước hạn và đúng hạn {_n(total.early + total.on_time)} hồ sơ"
        + f", trễ hạn {_n(total.late)} hồ sơ"
        + (f", đang giải quyết {_n(total.in_progress)} hồ sơ" if total.in_progress else "")
        + (f", từ chối giải quyết {_n(total.refused)} hồ sơ" if total.refused else "")
        + (f", công dân rút {_n(total.withdrawn)} hồ sơ" if total.withdrawn else "")
    ]
    if total.received:
        share = total.online / total.received
        parts.append(
            f"hồ sơ nộp trực tuyến {_n(total.online)} hồ sơ, chiếm {percent(share)} số hồ sơ "
            "tiếp nhận trong năm"
        )
    if articles is not None:
        parts.append(f"đăng tải {_n(articles)} tin, bài trên cổng thông tin điện tử")
    return "; ".join(parts) + "."


def published_articles(agency: Agency, within: Period) -> int | None:
    """News articles published by the agency's subtree in the period (None without news)."""
    if not apps.is_installed("motcua.news"):
        return None
    from motcua.news.models import Article

    first = timezone.make_aware(datetime.combine(within.first, datetime.min.time()))
    last = timezone.make_aware(datetime.combine(within.last, datetime.max.time()))
    return Article.objects.filter(
        status="published",
        published_at__gte=first,
        published_at__lte=last,
        agency__path__startswith=agency.path,
    ).count()


def _n(value: int) -> str:
    return vnnumber(value)
