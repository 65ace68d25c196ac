from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """The token of one kind of shared data ("calendar", "rules", "catalog",
    "subscriptions", "roles"), changed in the transaction of every change to it.

    Tokens are random rather than counted, so that a rolled-back change can never be
    mistaken for a later committed one."""

    name = models.CharField(primary_key=True, max_length=32)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("phiên bản dữ liệu")
        verbose_name_plural = _("phiên bản dữ liệu")

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"
