"""Uploads: request bodies are limited before they are read, each citizen's drafts have a
quota, abandoned drafts and their files are deleted, active PDFs are cleaned and images
re-encoded."""

import io
from datetime import timedelta

import pikepdf
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from support import blank_pdf

from motcua.dossiers.files import read_blob
from motcua.dossiers.models import Blob
from motcua.portal.models import ApplicationDraft
from motcua.security.uploads import clean


def active_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    script = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    pdf.Root.OpenAction = script
    launch = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    )
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=launch)
    pdf.attachments["virus.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def png_with_trailing_data() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(output, "PNG")
    return output.getvalue() + b"<?php system($_GET['c']); ?>"


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, db, settings):
    settings.MOTCUA_REQUEST_MAX_BYTES = 1024 * 1024
    response = client.generic(
        "POST",
        "/apply/1.001612/documents/",
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_django_keeps_big_uploads_out_of_memory(settings):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440


def test_a_pdf_loses_its_javascript_launch_actions_and_embedded_files(started):
    started.post(
        "/apply/1.001612/documents/",
        {"doc-1": SimpleUploadedFile("to-khai.pdf", active_pdf(), "application/pdf")},
    )
    draft = ApplicationDraft.objects.get()
    stored = read_blob(Blob.objects.get(sha256=draft.files["1"]["sha256"]))
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/OpenAction" not in pdf.Root
        assert "/AA" not in pdf.pages[0].obj
        assert len(pdf.attachments) == 0
    assert b"cmd.exe" not in stored and b"app.alert" not in stored


def test_a_pdf_that_does_not_open_is_refused(started):
    response = started.post(
        "/apply/1.001612/documents/",
        {"doc-1": SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 broken", "application/pdf")},
    )
    assert "Tệp PDF bị hỏng" in response.content.decode()
    assert ApplicationDraft.objects.get().files == {}


def test_an_image_with_trailing_data_is_re_encoded(started):
    started.post(
        "/apply/1.001612/documents/",
        {"doc-1": SimpleUploadedFile("anh.png", png_with_trailing_data(), "image/png")},
    )
    stored = read_blob(Blob.objects.get(sha256=ApplicationDraft.objects.get().files["1"]["sha256"]))
    # A photo becomes one page of a PDF, re-encoded: nothing appended to it survives.
    assert stored.startswith(b"%PDF-")
    assert b"<?php" not in stored


def test_a_clean_pdf_is_kept_byte_for_byte():
    content = blank_pdf()
    assert clean(content) == content


def test_the_draft_quota_refuses_what_would_pass_it(started, settings):
    content = blank_pdf()
    settings.MOTCUA_DRAFT_QUOTA_BYTES = len(content) + 10
    started.post(
        "/apply/1.001612/documents/",
        {"doc-1": SimpleUploadedFile("a.pdf", content, "application/pdf")},
    )
    other = png_with_trailing_data()
    response = started.post(
        "/apply/1.001612/documents/",
        {"doc-2": SimpleUploadedFile("b.png", other, "image/png")},
    )
    assert "đã dùng hết dung lượng" in response.content.decode()
    assert set(ApplicationDraft.objects.get().files) == {"1"}


def test_abandoned_drafts_and_their_files_are_deleted(started, settings):
    started.post(
        "/apply/1.001612/documents/",
        {"doc-1": SimpleUploadedFile("a.pdf", blank_pdf(), "application/pdf")},
    )
    blob = Blob.objects.get()
    call_command("drafts", "purge")
    assert ApplicationDraft.objects.exists() and default_storage.exists(blob.path)
    old = timezone.now() - timedelta(days=settings.MOTCUA_DRAFT_DAYS + 1)
    ApplicationDraft.objects.update(updated_at=old)
    Blob.objects.update(created_at=old)
    call_command("drafts", "purge")
    assert not ApplicationDraft.objects.exists()
    assert not Blob.objects.exists() and not default_storage.exists(blob.path)
