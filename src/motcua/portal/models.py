"""The citizen's side: profiles, one-time codes, application drafts and guess counters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Procedure
from motcua.org.models import Agency


class CitizenProfile(models.Model):
    """What a citizen tells once and every application reuses (the name is the user's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="citizen_profile"
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ công dân")
        verbose_name_plural = _("hồ sơ công dân")

    def __str__(self) -> str:
        return self.user.get_username()


class CodePurpose(models.TextChoices):
    VERIFY = "verify", _("Xác minh tài khoản")
    RESET = "reset", _("Đặt lại mật khẩu")


class OneTimeCode(models.Model):
    """A code sent by email or SMS; only its keyed hash is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=10, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"


class ApplicationDraft(models.Model):
    """An online application not yet submitted: what was typed and what was uploaded.

    `applicant` and `form_data` hold the text as typed (checked again at submission);
    `files` maps each document's position to its stored blob: {"1": {"sha256", "name"}}.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="drafts")
    procedure = models.ForeignKey(Procedure, models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, blank=True, related_name="+")
    delivery = models.CharField(max_length=10, blank=True)
    applicant = models.JSONField(default=dict, blank=True)
    form_data = models.JSONField(default=dict, blank=True)
    files = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ nháp")
        verbose_name_plural = _("hồ sơ nháp")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "procedure"], name="one_draft_per_procedure")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.procedure_id}"


class FailedAttempt(models.Model):
    """A failed guess (a tracking look-up, a code sent): rate limits count them per key.

    Kept in the database, not in a process's memory, so that every app process sees them.
    """

    key = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        # Limits count one key's recent rows; the sweep removes old rows of every key.
        indexes = [models.Index(fields=["key", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M:%S}"
