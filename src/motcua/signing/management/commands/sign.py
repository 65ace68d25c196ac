import os
import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.signing.errors import SigningError
from motcua.signing.keys import Pkcs11Key, Pkcs12Key
from motcua.signing.signer import sign_pdf


class Command(BaseCommand):
    help = (
        "Ký số tệp PDF (PAdES): motcua sign IN.pdf OUT.pdf (--pkcs12 TỆP --password-env BIẾN | "
        "--pkcs11-module THƯ_VIỆN --token-label NHÃN --key-label NHÃN --pin-env BIẾN) "
        "[--reason LÝ_DO] [--visible]"
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="tệp PDF cần ký")
        parser.add_argument("output", help="tệp PDF đã ký (ghi mới)")
        parser.add_argument("--pkcs12", help="tệp chứng thư số .p12/.pfx")
        parser.add_argument("--password-env", help="biến môi trường chứa mật khẩu tệp .p12")
        parser.add_argument("--pkcs11-module", help="thư viện PKCS#11 của thiết bị ký số")
        parser.add_argument("--slot", type=int, help="khe (slot) của thiết bị")
        parser.add_argument("--token-label", help="nhãn thiết bị")
        parser.add_argument("--key-label", help="nhãn khóa bí mật (và chứng thư số)")
        parser.add_argument("--cert-label", default="", help="nhãn chứng thư số, nếu khác khóa")
        parser.add_argument("--pin-env", help="biến môi trường chứa mã PIN")
        parser.add_argument("--reason", default="", help="lý do ký")
        parser.add_argument("--visible", action="store_true", help="vẽ dấu chữ ký trên trang")
        parser.add_argument(
            "--timestamp-url", help="máy chủ dấu thời gian RFC 3161 (mặc định MOTCUA_TSA_URL)"
        )

    def handle(self, *args, **options):
        key = self._key(options)
        try:
            with open(options["input"], "rb") as file:
                content = file.read()
            signed = sign_pdf(
                content,
                key,
                reason=options["reason"],
                visible=options["visible"],
                timestamp_url=options["timestamp_url"],
            )
        except OSError as error:
            raise CommandError(f"Không đọc được {options['input']}: {error.strerror}") from error
        except SigningError as error:
            raise CommandError(error.message) from error
        with open(options["output"], "wb") as file:
            file.write(signed)
        self.stdout.write(f"Đã ký: {options['output']} ({len(signed):,} byte).".replace(",", "."))

    def _key(self, options) -> Pkcs12Key | Pkcs11Key:
        if bool(options["pkcs12"]) == bool(options["pkcs11_module"]):
            raise CommandError("Chọn đúng một cách ký: --pkcs12 TỆP hoặc --pkcs11-module THƯ_VIỆN.")
        if options["pkcs12"]:
            try:
                with open(options["pkcs12"], "rb") as file:
                    data = file.read()
            except OSError as error:
                raise CommandError(
                    f"Không đọc được {options['pkcs12']}: {error.strerror}"
                ) from error
            return Pkcs12Key(data, _secret(options["password_env"]))
        if not options["token_label"] or not options["key_label"]:
            raise CommandError("Thiết bị ký số cần --token-label và --key-label.")
        return Pkcs11Key(
            module=options["pkcs11_module"],
            token_label=options["token_label"],
            key_label=options["key_label"],
            cert_label=options["cert_label"],
            slot=options["slot"],
            pin=_secret(options["pin_env"]),
        )


def _secret(variable: str | None) -> str | None:
    """The secret from the named environment variable; without one, asked for on a terminal."""
    if variable:
        if variable not in os.environ:
            raise CommandError(f"Biến môi trường {variable} chưa được đặt.")
        return os.environ[variable]
    if sys.stdin.isatty():
        from getpass import getpass

        return getpass("Mật khẩu / mã PIN (để trống nếu không có): ") or None
    return None
