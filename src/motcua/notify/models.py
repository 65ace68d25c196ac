"""The outbox: messages to send (email, SMS), each attempt to send them, and their texts.

A `Message` row is written in the same transaction as the event that causes it and is sent
later by the worker (`motcua worker`), so nothing is lost while the worker or the mail
server is down. `MessageTemplate` rows hold the Vietnamese texts an administrator edits.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.template import Engine, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class MachineChannel(models.TextChoices):
    """Deliveries to other systems (motcua.interop): JSON posted to a webhook subscriber or
    to the national portal, kept in order per dossier and recipient."""

    WEBHOOK = "webhook", _("Webhook")
    NATIONAL_PORTAL = "dvcqg", _("Cổng DVCQG")


class MessageTemplate(models.Model):
    """The text of one kind of message on one channel, as Django template source."""

    code = models.SlugField(_("mã"), max_length=40)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    name = models.CharField(_("tên"), max_length=200)
    subject = models.CharField(
        _("tiêu đề"), max_length=255, blank=True, help_text=_("Chỉ dùng cho thư điện tử.")
    )
    body = models.TextField(_("nội dung"))
    variables = models.TextField(
        _("biến có thể dùng"),
        blank=True,
        help_text=_("Các biến viết trong {{ }} mà phần mềm cung cấp cho mẫu này."),
    )
    active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Bỏ chọn để không gửi loại tin này qua kênh này.")
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        ordering = ["code", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["code", "channel"], name="unique_message_template")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_channel_display()})"

    def clean(self) -> None:
        engine = Engine.get_default()
        for field in ("subject", "body"):
            try:
                engine.from_string(getattr(self, field))
            except TemplateSyntaxError as error:
                raise ValidationError({field: _("Mẫu có lỗi cú pháp: %s") % error}) from None


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được (đã hết số lần thử)")


class Message(models.Model):
    """One message to one recipient on one channel, rendered when it was enqueued."""

    channel = models.CharField(
        _("kênh"), max_length=10, choices=[*Channel.choices, *MachineChannel.choices]
    )
    to = models.CharField(_("người nhận"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    template = models.CharField(_("mẫu"), max_length=40)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("hồ sơ"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần đã thử"), default=0)
    # Due time of the next try. The worker also pushes it forward while it sends (a lease),
    # so a worker that dies half-way leaves the message due again later, never lost.
    next_attempt_at = models.DateTimeField(_("thử lại lúc"))
    last_error = models.TextField(_("lỗi lần cuối"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.template} → {self.to}"


class Attempt(models.Model):
    """One try to send a message, successful or not."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("lúc"))
    ok = models.BooleanField(_("thành công"))
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần gửi")
        verbose_name_plural = _("các lần gửi")
        ordering = ["message", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.message_id} {self.at:%d/%m/%Y %H:%M} {'OK' if self.ok else 'lỗi'}"
