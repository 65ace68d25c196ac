"""The calendar as data: weekly working sessions per agency and dated overrides.

Law is data: holidays, swapped Saturdays and working hours are rows an administrator edits.
The calendar's revision token (`motcua.revisions`, kind "calendar") changes with every
edit, so each process knows when its compiled calendars are stale (`loader.calendar_for`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class WorkingSession(models.Model):
    """One working session of a weekday. Rows without an agency are the national default;
    an agency with rows of its own uses only those, and its subtree inherits them."""

    agency = models.ForeignKey(
        Agency,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="working_sessions",
        verbose_name=_("cơ quan"),
        help_text=_("Để trống: giờ làm việc mặc định, áp dụng cho mọi cơ quan không tự đặt."),
    )
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)
    start = models.TimeField(_("bắt đầu"))
    end = models.TimeField(_("kết thúc"))

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("giờ làm việc")
        ordering = ["agency_id", "weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="workdays_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}-{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is None or self.end is None:
            return
        if self.end <= self.start:
            raise ValidationError({"end": _("Giờ kết thúc phải sau giờ bắt đầu.")})
        overlapping = WorkingSession.objects.filter(
            agency=self.agency, weekday=self.weekday, start__lt=self.end, end__gt=self.start
        ).exclude(pk=self.pk)
        if overlapping.exists():
            raise ValidationError(_("Buổi làm việc này trùng giờ với một buổi khác cùng ngày."))


class CalendarDay(models.Model):
    """A date that departs from the weekly sessions: a day off on a weekday (holiday,
    compensation, swapped day) or an extra working day (a swapped Saturday)."""

    date = models.DateField(_("ngày"), unique=True)
    is_working = models.BooleanField(
        _("là ngày làm việc"),
        default=False,
        help_text=_("Bỏ chọn: ngày nghỉ (lễ, Tết, nghỉ bù). Chọn: ngày làm việc bù."),
    )
    name = models.CharField(_("tên"), max_length=200)
    source = models.CharField(_("căn cứ"), max_length=400, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
