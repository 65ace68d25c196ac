"""The demo catalog's declarations (demo/data/eforms.toml): every procedure has its e-form,
a declaration document it replaces is really the application form, the questions it asks
on condition name an answer that can be given, and every blank declaration prints."""

import subprocess

from motcua.catalog.models import Procedure
from motcua.catalog.services import current_version
from motcua.demo import loader
from motcua.printing.declaration import declaration_pdf

# What the name of a required document says when it is the declaration or application itself
# (a notice, registration or submission of the template counts as well).
DECLARATION_WORDS = (
    "tờ khai",
    "đơn",
    "giấy đề nghị",
    "phiếu",
    "văn bản đề nghị",
    "thông báo",
    "bản đăng ký",
    "tờ trình",
)


def _versions():
    loader.load_catalog()
    return [current_version(p).data for p in Procedure.objects.order_by("code")]


def test_every_procedure_has_a_declaration_whose_document_is_the_application_form(tree):
    versions = _versions()
    assert len(versions) == 51
    for data in versions:
        declaration, fields = data["declaration"], data["form_fields"]
        assert declaration.get("title"), data["code"]
        assert declaration.get("source") and declaration.get("commitment"), data["code"]
        assert len(fields) >= 3, data["code"]
        if "document" in declaration:
            document = data["documents"][declaration["document"] - 1]
            assert document["mandatory"], data["code"]
            name = document["name"].lower()
            assert any(word in name for word in DECLARATION_WORDS), (data["code"], name)


def test_conditions_name_an_answer_that_can_be_given_and_groups_are_not_prefilled(tree):
    for data in _versions():
        fields = {f["name"]: f for f in data["form_fields"]}
        for field in data["form_fields"]:
            if field["show_if"]:
                name, _, value = field["show_if"].partition("=")
                assert value in fields[name]["choices"], (data["code"], field["name"])
            if field["group"]:
                assert not field["prefill"] and not field["show_if"], (data["code"], field["name"])


def test_every_blank_declaration_prints_with_its_title(tree, tmp_path):
    path = tmp_path / "to-khai.pdf"
    for data in _versions():
        path.write_bytes(declaration_pdf(data))
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert data["declaration"]["title"] in " ".join(text.split()), data["code"]
