"""sign_pdf with a PKCS#12 file and with a SoftHSM2 token, as poppler's pdfsig sees it."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from signing.pdftools import pdfsig, tamper, text_of
from support import vn

from motcua.signing.errors import SigningError, UnreadablePdf
from motcua.signing.keys import Pkcs11Key, Pkcs12Key
from motcua.signing.signer import sign_pdf
from motcua.signing.stamp import HEIGHT, WIDTH, stamp_place
from motcua.signing.verifier import verify_pdf


@pytest.fixture(params=["pkcs12", "pkcs11"])
def key(request, p12_key, token):
    return p12_key if request.param == "pkcs12" else token


def _field(content: bytes):
    reader = PdfFileReader(io.BytesIO(content))
    return reader.embedded_signatures[-1]


def test_signature_is_valid_for_pdfsig_with_each_backend(key, one_page_pdf, tmp_path):
    signed = sign_pdf(one_page_pdf, key, reason="Phê duyệt kết quả")

    report = pdfsig(signed, tmp_path)
    assert "Signature is Valid." in report
    assert "Total document signed" in report
    assert signed.startswith(one_page_pdf)  # an incremental update: the original is untouched


def test_one_changed_signed_byte_breaks_the_signature_for_pdfsig_and_verify(
    key, pki, one_page_pdf, tmp_path
):
    signed = sign_pdf(one_page_pdf, key)

    broken = tamper(signed)

    assert "Digest Mismatch." in pdfsig(broken, tmp_path)
    [report] = verify_pdf(broken, pki.roots)
    assert report.broken and not report.intact
    [untouched] = verify_pdf(signed, pki.roots)
    assert not untouched.broken and untouched.trusted


def test_token_signature_names_the_token_certificate(token, pki, one_page_pdf):
    [report] = verify_pdf(sign_pdf(one_page_pdf, token), pki.roots)

    assert report.signer == "Trần Thị Bích"
    assert report.trust_anchor == "CN=CA thử nghiệm motcua, O=CA thử nghiệm motcua, C=VN"


def test_visible_stamp_shows_name_title_agency_and_vietnamese_time(p12_key, one_page_pdf, tmp_path):
    signed = sign_pdf(
        one_page_pdf,
        p12_key,
        visible=True,
        signer_name="Nguyễn Văn An",
        title="Chủ tịch UBND xã",
        agency_name="UBND xã Tân Lập",
        when=vn(2025, 3, 3, 9, 30),
    )

    text = text_of(signed, tmp_path)
    assert "Người ký: Nguyễn Văn An" in text
    assert "Chức vụ: Chủ tịch UBND xã" in text
    assert "Cơ quan: UBND xã Tân Lập" in text
    assert "Thời gian ký: 09:30 ngày 03/03/2025" in text
    assert "Signature is Valid." in pdfsig(signed, tmp_path)


def test_stamp_goes_where_the_template_marks_it(p12_key, marked_pdf):
    place = stamp_place(marked_pdf)
    # 20 mm page margin + 90 mm indent = 110 mm from the left edge, in points.
    assert place.page == 0
    assert place.box[0] == round(110 * 72 / 25.4)
    assert (place.box[2] - place.box[0], place.box[3] - place.box[1]) == (WIDTH, HEIGHT)

    signed = sign_pdf(marked_pdf, p12_key, visible=True)

    rect = [round(float(v)) for v in _field(signed).sig_field["/Rect"]]
    assert rect == list(place.box)


def test_unmarked_pdf_gets_the_stamp_at_the_bottom_right_of_its_last_page(one_page_pdf):
    place = stamp_place(one_page_pdf)

    page_width = 595  # A4, WeasyPrint's default page
    assert place.page == 0
    assert place.box[2] == page_width - 36 and place.box[1] == 36


def test_invisible_signature_draws_nothing(p12_key, one_page_pdf, tmp_path):
    signed = sign_pdf(one_page_pdf, p12_key, signer_name="Nguyễn Văn An")

    rect = [float(v) for v in _field(signed).sig_field["/Rect"]]
    assert rect == [0, 0, 0, 0]
    assert "Người ký" not in text_of(signed, tmp_path)


def test_a_signed_file_can_be_signed_again(p12_key, token, pki, one_page_pdf, tmp_path):
    twice = sign_pdf(sign_pdf(one_page_pdf, p12_key), token)

    reports = verify_pdf(twice, pki.roots)
    assert [r.signer for r in reports] == ["Nguyễn Văn An", "Trần Thị Bích"]
    assert not any(r.broken for r in reports)
    assert not reports[0].covers_whole_file and reports[1].covers_whole_file
    assert pdfsig(twice, tmp_path).count("Signature is Valid.") == 2


def test_wrong_password_is_a_clear_error(pki, one_page_pdf):
    with pytest.raises(SigningError, match="sai mật khẩu"):
        sign_pdf(one_page_pdf, Pkcs12Key(pki.p12(), "không đúng"))


def test_wrong_pin_or_label_is_a_clear_error(token, one_page_pdf):
    wrong_pin = Pkcs11Key(token.module, token.token_label, token.key_label, pin="000000")
    with pytest.raises(SigningError, match="mã PIN không đúng"):
        sign_pdf(one_page_pdf, wrong_pin)
    wrong_token = Pkcs11Key(token.module, "khong-co", token.key_label, pin=token.pin)
    with pytest.raises(SigningError, match="không thấy thiết bị"):
        sign_pdf(one_page_pdf, wrong_token)


def test_not_a_pdf_is_refused(p12_key):
    with pytest.raises(UnreadablePdf):
        sign_pdf(b"%PDF-1.7 garbage", p12_key)


@pytest.fixture
def timestamp_authority(pki):
    """An RFC 3161 server on localhost answering with pyHanko's test stamper."""
    tsa_key, tsa_cert = pki.issue(common_name="Máy chủ dấu thời gian thử", timestamping=True)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa_cert.public_bytes(Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
        ),
        certs_to_embed=pki.roots,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_timestamp_from_the_configured_authority(
    p12_key, pki, one_page_pdf, timestamp_authority, settings, tmp_path
):
    settings.MOTCUA_TSA_URL = timestamp_authority

    signed = sign_pdf(one_page_pdf, p12_key)

    [report] = verify_pdf(signed, pki.roots)
    assert report.timestamped and not report.broken
    assert "Signature is Valid." in pdfsig(signed, tmp_path)
    status = validate_pdf_signature(
        _field(signed), ValidationContext(trust_roots=pki.roots, allow_fetching=False)
    )
    assert status.timestamp_validity.trusted


def test_unreachable_timestamp_authority_is_a_clear_error(p12_key, one_page_pdf):
    with pytest.raises(SigningError, match="dấu thời gian"):
        sign_pdf(one_page_pdf, p12_key, timestamp_url="http://127.0.0.1:9/")
