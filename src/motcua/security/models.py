"""Audit anchors: signed daily digests of the dossier event chains."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAnchor(models.Model):
    """A digest of every dossier event recorded since the previous anchor, chained to it and
    signed with the system's key (and time-stamped where MOTCUA_TSA_URL is set).

    A copy of the published anchors kept elsewhere proves the past: whoever rewrites events
    and recomputes their hashes cannot recompute a signed digest without the key."""

    day = models.DateField(_("ngày"))
    created_at = models.DateTimeField(_("lập lúc"))
    first_event_id = models.BigIntegerField(_("từ sự kiện số"))
    last_event_id = models.BigIntegerField(_("đến sự kiện số"))
    event_count = models.PositiveIntegerField(_("số sự kiện"))
    dossier_count = models.PositiveIntegerField(_("số hồ sơ"))
    prev_digest = models.CharField(_("bản tóm lược trước"), max_length=64)
    digest = models.CharField(_("bản tóm lược"), max_length=64, unique=True)
    signature = models.TextField(_("chữ ký (base64)"))
    certificate = models.TextField(_("chứng thư số (PEM)"))
    timestamp = models.TextField(_("dấu thời gian RFC 3161 (base64)"), blank=True)

    class Meta:
        verbose_name = _("mốc kiểm toán")
        verbose_name_plural = _("mốc kiểm toán")
        ordering = ["-last_event_id"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.digest[:16]}"


class AnchoredDossier(models.Model):
    """What an anchor saw of one dossier: its version and a hash of its row (status and
    applicant included), so a row changed without an event is caught."""

    anchor = models.ForeignKey(AuditAnchor, models.CASCADE, related_name="dossiers")
    dossier_id = models.BigIntegerField(db_index=True)
    code = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["anchor", "dossier_id"], name="one_entry_per_anchor")
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class AccessRecord(models.Model):
    """Who opened which applicant's dossier or file, or exported an applicant's data: read
    by the data protection officer, kept MOTCUA_ACCESS_LOG_DAYS days."""

    class What(models.TextChoices):
        DOSSIER = "dossier", _("Mở hồ sơ")
        FILE = "file", _("Mở tệp")
        EXPORT = "export", _("Tải dữ liệu cá nhân")

    at = models.DateTimeField(_("lúc"), db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    username = models.CharField(_("tài khoản"), max_length=150)
    what = models.CharField(_("việc"), max_length=10, choices=What.choices)
    dossier_id = models.BigIntegerField(_("hồ sơ số"), null=True, db_index=True)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=64, blank=True)
    agency_id = models.BigIntegerField(null=True)
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("nhật ký truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.what} {self.dossier_code}"
