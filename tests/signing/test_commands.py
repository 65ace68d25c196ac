"""`motcua sign` and `motcua verify` as an administrator types them."""

import io

import pytest
from django.core.management import CommandError, call_command
from signing.conftest import KEY_LABEL, PASSWORD, PIN, TOKEN
from signing.pdftools import pdfsig, tamper

from motcua.signing.conf import SOFTHSM_MODULE


def _verify(path, *trust) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `motcua verify`."""
    out, err = io.StringIO(), io.StringIO()
    arguments = [str(path)] + [f"--trust={root}" for root in trust]
    try:
        call_command("verify", *arguments, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def signed_file(pki, one_page_pdf, tmp_path, monkeypatch):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(one_page_pdf)
    (tmp_path / "key.p12").write_bytes(pki.p12())
    monkeypatch.setenv("P12_PASSWORD", PASSWORD)
    call_command(
        "sign",
        str(source),
        str(target),
        "--pkcs12",
        str(tmp_path / "key.p12"),
        "--password-env",
        "P12_PASSWORD",
        "--reason",
        "Thử ký",
        "--visible",
        stdout=None,
    )
    return target


def test_sign_with_pkcs12_then_verify_trusted(signed_file, pki, tmp_path):
    assert "Signature is Valid." in pdfsig(signed_file.read_bytes(), tmp_path)

    code, out, _ = _verify(signed_file, pki.root_path)

    assert code == 0
    assert "Người ký:    Nguyễn Văn An" in out
    assert "nguyên vẹn" in out
    assert "tin cậy (gốc: CN=CA thử nghiệm motcua" in out
    assert "1 chữ ký, tất cả nguyên vẹn." in out


def test_verify_without_the_root_says_untrusted_but_intact(signed_file, settings):
    settings.MOTCUA_TRUST_ROOTS = []
    settings.VAR_DIR = signed_file.parent  # no demo CA there

    code, out, _ = _verify(signed_file)

    assert code == 0
    assert "Chứng thư:   không tin cậy" in out


def test_verify_exits_non_zero_on_a_changed_byte(signed_file, pki, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(tamper(signed_file.read_bytes()))
    assert "Digest Mismatch." in pdfsig(broken.read_bytes(), tmp_path)

    code, out, _ = _verify(broken, pki.root_path)

    assert code == 1
    assert "BỊ THAY ĐỔI" in out
    assert "1/1 chữ ký bị phá vỡ." in out


def test_verify_exits_2_on_an_unsigned_or_unreadable_file(one_page_pdf, pki, tmp_path):
    unsigned, garbage = tmp_path / "unsigned.pdf", tmp_path / "garbage.pdf"
    unsigned.write_bytes(one_page_pdf)
    garbage.write_bytes(b"not a pdf")

    assert _verify(unsigned, pki.root_path)[:2] == (2, "Tệp không có chữ ký số nào.\n")
    code, _, err = _verify(garbage, pki.root_path)
    assert code == 2 and "không phải PDF" in err


def test_sign_with_the_softhsm_token(token, pki, one_page_pdf, tmp_path, monkeypatch):
    source, target = tmp_path / "in.pdf", tmp_path / "token.pdf"
    source.write_bytes(one_page_pdf)
    monkeypatch.setenv("TOKEN_PIN", PIN)

    call_command(
        "sign",
        str(source),
        str(target),
        f"--pkcs11-module={SOFTHSM_MODULE}",
        f"--token-label={TOKEN}",
        f"--key-label={KEY_LABEL}",
        "--pin-env=TOKEN_PIN",
        stdout=None,
    )

    assert "Signature is Valid." in pdfsig(target.read_bytes(), tmp_path)
    code, out, _ = _verify(target, pki.root_path)
    assert code == 0 and "Trần Thị Bích" in out


def test_sign_needs_exactly_one_key_and_a_set_variable(one_page_pdf, tmp_path):
    source = tmp_path / "in.pdf"
    source.write_bytes(one_page_pdf)
    with pytest.raises(CommandError, match="đúng một cách ký"):
        call_command("sign", str(source), str(tmp_path / "out.pdf"))
    (tmp_path / "k.p12").write_bytes(b"x")
    with pytest.raises(CommandError, match="MISSING_VARIABLE chưa được đặt"):
        call_command(
            "sign",
            str(source),
            str(tmp_path / "out.pdf"),
            f"--pkcs12={tmp_path / 'k.p12'}",
            "--password-env=MISSING_VARIABLE",
        )
