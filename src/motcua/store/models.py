"""The citizen's store (kho quản lý dữ liệu điện tử của tổ chức, cá nhân).

Every paper digitised at a counter and every electronic result is kept for its owner, found
by the owner's ID number, with its type, issuer and validity. The next application offers
"use the copy you have" for each required document of the same type, and staff see which
component came from the store and from which dossier.

Sources: Decree 45/2020/NĐ-CP on administrative procedures in the electronic environment
(the store of organisations and individuals, and the reuse of digitised papers) and Decree
107/2021/NĐ-CP amending Decree 61/2018 (digitising dossiers and results at the one-stop
desk); their article numbers were not verified here
(docs/decisions/0100-citizen-store-and-digitisation.md).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import DocumentType
from motcua.dossiers.models import Blob, Dossier, DossierFile
from motcua.org.models import Agency


class Origin(models.TextChoices):
    DIGITISED = "digitised", _("Bản số hóa tại Bộ phận một cửa")
    RESULT = "result", _("Kết quả giải quyết điện tử")


class StoredDocument(models.Model):
    """One document kept for its owner: a digitised paper or an electronic result."""

    owner_id_number = models.CharField(
        _("số định danh của chủ sở hữu"), max_length=20, db_index=True
    )
    document_type = models.ForeignKey(
        DocumentType, models.SET_NULL, null=True, blank=True, verbose_name=_("loại giấy tờ")
    )
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    origin = models.CharField(_("nguồn"), max_length=20, choices=Origin.choices)
    issuer = models.ForeignKey(
        Agency, models.PROTECT, related_name="+", verbose_name=_("cơ quan số hóa / cấp")
    )
    issued_at = models.DateTimeField(_("thời điểm lưu"))
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    blob = models.ForeignKey(Blob, models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        Dossier, models.SET_NULL, null=True, blank=True, related_name="stored_documents"
    )
    source_file = models.OneToOneField(
        DossierFile, models.SET_NULL, null=True, blank=True, related_name="stored"
    )
    text = models.TextField(_("nội dung nhận dạng (OCR)"), blank=True)
    text_folded = models.TextField(blank=True)

    class Meta:
        verbose_name = _("giấy tờ trong kho")
        verbose_name_plural = _("kho dữ liệu điện tử")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["owner_id_number", "document_type"])]

    def __str__(self) -> str:
        return self.title


class Reuse(models.Model):
    """A required document of a dossier fulfilled by a document already in the store."""

    stored = models.ForeignKey(StoredDocument, models.PROTECT, related_name="reuses")
    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="reused_documents")
    document_order = models.PositiveSmallIntegerField()
    file = models.OneToOneField(DossierFile, models.CASCADE, related_name="reused_from")
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("lần tái sử dụng giấy tờ")
        verbose_name_plural = _("tái sử dụng giấy tờ")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "document_order"], name="one_reuse_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.document_order} ← {self.stored_id}"
