"""Signer configurations: a certificate and where its private key lives, for an agency or a
person. Passwords and PINs are never stored: a configuration names the environment
variable that holds one, or the signer types it when signing."""

import math
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency

from . import conf
from .certificates import CertificateInfo


class Backend(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp chứng thư số (PKCS#12)")
    PKCS11 = "pkcs11", _("Thiết bị ký số: USB token, HSM (PKCS#11)")


def _pkcs12_name(instance, filename: str) -> str:
    # Stored outside the web root like every file; the name says nothing about the owner.
    return f"signing/{uuid.uuid4().hex}.p12"


class SignerConfig(models.Model):
    """A way to sign for an agency (its subtree) or for one person."""

    name = models.CharField(_("tên gợi nhớ"), max_length=200)
    agency = models.ForeignKey(
        Agency,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="signers",
        verbose_name=_("cơ quan"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="signers",
        verbose_name=_("cá nhân"),
    )
    backend = models.CharField(_("loại"), max_length=10, choices=Backend.choices)

    pkcs12_file = models.FileField(_("tệp PKCS#12"), upload_to=_pkcs12_name, blank=True)
    pkcs12_path = models.CharField(
        _("đường dẫn tệp PKCS#12 trên máy chủ"), max_length=500, blank=True
    )
    module_path = models.CharField(_("thư viện PKCS#11"), max_length=500, blank=True)
    slot = models.PositiveIntegerField(_("khe (slot)"), null=True, blank=True)
    token_label = models.CharField(_("nhãn thiết bị (token)"), max_length=100, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=100, blank=True)
    cert_label = models.CharField(_("nhãn chứng thư"), max_length=100, blank=True)
    secret_env = models.CharField(
        _("biến môi trường chứa mật khẩu / mã PIN"),
        max_length=100,
        blank=True,
        help_text=_("Để trống: người ký nhập mật khẩu hoặc mã PIN mỗi lần ký."),
    )

    signs_results = models.BooleanField(_("ký kết quả giải quyết"), default=True)
    signs_forms = models.BooleanField(
        _("ký các phiếu 01-05 của Bộ phận Một cửa"),
        default=False,
        help_text=_("Chỉ áp dụng cho chứng thư số của cơ quan."),
    )

    certificate = models.TextField(_("chứng thư số (PEM)"))
    subject = models.CharField(_("chủ thể"), max_length=500)
    issuer = models.CharField(_("tổ chức cấp"), max_length=500)
    serial = models.CharField(_("số hiệu"), max_length=100)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_until = models.DateTimeField(_("hiệu lực đến"), db_index=True)

    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cấu hình ký số")
        verbose_name_plural = _("cấu hình ký số")
        ordering = ["valid_until", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False, user__isnull=True)
                | Q(agency__isnull=True, user__isnull=False),
                name="signer_for_agency_or_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.subject})"

    @property
    def owner(self) -> str:
        if self.agency_id:
            return str(self.agency)
        return self.user.get_full_name() or self.user.get_username()

    @property
    def info(self) -> CertificateInfo:
        return CertificateInfo.from_pem(self.certificate)

    def days_left(self, now=None) -> int:
        """Days until expiry, a started day counting as one: 19 days 23 hours is 20 days."""
        return math.ceil((self.valid_until - (now or timezone.now())).total_seconds() / 86400)

    @property
    def expired(self) -> bool:
        return self.valid_until <= timezone.now()

    @property
    def expiring(self) -> bool:
        """Still valid, but for EXPIRY_WARNING_DAYS days or fewer."""
        return not self.expired and self.days_left() <= conf.EXPIRY_WARNING_DAYS
