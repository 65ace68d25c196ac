"""The shipped forms live in the database, where an administrator adjusts them."""

import pytest
from django.core.exceptions import ValidationError

from motcua.printing.models import FormTemplate
from motcua.printing.services import dossier_form_pdf
from motcua.printing.shipped import SHIPPED, restore, seed_templates


def test_the_migrations_load_both_sets_of_forms(db):
    rows = FormTemplate.objects.values_list("code", "paper", "circular")

    assert sorted(rows) == [
        ("01", "A5", "01/2018/TT-VPCP"),
        ("02", "A5", "01/2018/TT-VPCP"),
        ("03", "A5", "01/2018/TT-VPCP"),
        ("04", "A5", "01/2018/TT-VPCP"),
        ("05", "A5", "01/2018/TT-VPCP"),
        ("06", "A4 landscape", "01/2018/TT-VPCP"),
        ("2025-01", "A5", "03/2025/TT-VPCP"),
        ("2025-02", "A5", "03/2025/TT-VPCP"),
        ("2025-03", "A5", "03/2025/TT-VPCP"),
        ("2025-04", "A4", "03/2025/TT-VPCP"),
        ("2025-05", "A4", "03/2025/TT-VPCP"),
        ("2025-06", "A5", "03/2025/TT-VPCP"),
        ("2025-07", "A4 landscape", "03/2025/TT-VPCP"),
        ("TB", "A4", "01/2018/TT-VPCP"),
    ]
    assert FormTemplate.objects.get(code="01").body == SHIPPED["01"].body


def test_seeding_again_adds_only_what_is_missing_and_keeps_edits(db):
    FormTemplate.objects.filter(code="02").update(body="đã sửa")
    FormTemplate.objects.filter(code="05").delete()

    assert seed_templates() == 1
    assert seed_templates() == 0
    assert FormTemplate.objects.get(code="02").body == "đã sửa"
    assert FormTemplate.objects.get(code="05").body == SHIPPED["05"].body


def test_a_template_of_another_set_sits_beside_the_shipped_ones(db):
    extra = FormTemplate.objects.create(
        code="2026-01",
        name="Thông báo dừng giải quyết hồ sơ",
        circular="03/2025/TT-VPCP",
        paper="A5",
        body="{{ dossier.code }}",
    )

    assert restore(extra) is False
    assert FormTemplate.objects.count() == 15


def test_a_template_must_compile(db):
    template = FormTemplate(code="99", name="Thử", body="{% for %}")

    with pytest.raises(ValidationError, match="lỗi cú pháp"):
        template.full_clean()


def test_an_edited_template_cannot_pull_in_local_files(received, tmp_path, read_pdf):
    stylesheet = tmp_path / "leak.css"
    stylesheet.write_text('body::before { content: "BÍ MẬT"; }', encoding="utf-8")
    FormTemplate.objects.filter(code="01").update(
        body=f'<link rel="stylesheet" href="{stylesheet.as_uri()}"><p>{{{{ dossier.code }}}}</p>'
    )

    text = read_pdf(dossier_form_pdf(received, "01")).words

    assert received.code in text
    assert "BÍ MẬT" not in text
