"""The national payment platform (PayGov): takes signed transactions, shows a payment
page where the payer pays or cancels, sends the signed result back with the browser and to
the notice address, refunds, and reports each day's paid transactions.

Test controls: GET /thanhtoan/<token>?chon=pay|cancel&tra_ve=0 pays without sending the
browser back (a payer who closed the window); GET /_sim/state."""

import contextlib
import secrets
import time
import urllib.request
from urllib.parse import urlencode, urlsplit

from motcua.interop.payment_platform import PAID, signature

from .base import Reply, Request, Simulator

CANCELLED = "24"


class PaymentPlatform(Simulator):
    name = "paygov"

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("--merchant", default="MOTCUA")
        parser.add_argument("--secret", default="motcua-paygov-secret")

    def initial_state(self) -> dict:
        return {"transactions": {}, "notices": []}

    def _signed(self, fields: dict) -> dict:
        fields = {k: str(v) for k, v in fields.items()}
        return {**fields, "ChuKy": signature(self.options["secret"], fields)}

    def _valid(self, body: dict) -> bool:
        return body.get("MaDoiTac") == self.options["merchant"] and body.get("ChuKy") == signature(
            self.options["secret"], body
        )

    def handle(self, request: Request) -> Reply:
        with self.lock:
            if request.path == "/_sim/state":
                return Reply(200, self.state)
            if request.path.startswith("/thanhtoan/"):
                return self._page(request, request.path.removeprefix("/thanhtoan/"))
            body = request.json() or {}
            if request.method != "POST":
                return Reply(404, {"error_code": "404"})
            if not self._valid(body):
                return Reply(200, {"error_code": "97", "message": "chữ ký không hợp lệ"})
            if request.path == "/api/giaodich/tao":
                token = secrets.token_hex(12)
                self.state["transactions"][token] = {**body, "TrangThai": "cho"}
                self.save()
                base = f"http://{request.headers.get('Host')}"
                return Reply(200, {"error_code": 0, "UrlThanhToan": f"{base}/thanhtoan/{token}"})
            if request.path == "/api/giaodich/hoantien":
                found = self._by_reference(body.get("MaGiaoDich", ""))
                if found is None or found["TrangThai"] != "da_thu":
                    return Reply(200, {"error_code": "02", "message": "không có giao dịch đã thu"})
                found["TrangThai"] = "da_hoan"
                self.save()
                return Reply(200, {"error_code": 0})
            if request.path == "/api/doisoat":
                day = body.get("Ngay", "").replace("-", "")
                rows = [
                    {"MaGiaoDich": t["MaGiaoDich"], "SoTien": t["SoTien"]}
                    for t in self.state["transactions"].values()
                    if t["TrangThai"] in ("da_thu", "da_hoan") and t.get("NgayThu", "") == day
                ]
                return Reply(200, {"error_code": 0, "GiaoDich": rows})
            return Reply(404, {"error_code": "404"})

    def _by_reference(self, reference: str) -> dict | None:
        return next(
            (t for t in self.state["transactions"].values() if t["MaGiaoDich"] == reference),
            None,
        )

    def _page(self, request: Request, token: str) -> Reply:
        transaction = self.state["transactions"].get(token)
        if transaction is None:
            return Reply(404, "Không có giao dịch", content_type="text/plain; charset=utf-8")
        choice = request.query.get("chon")
        if choice not in ("pay", "cancel"):
            page = (
                f"<h1>Thanh toán {transaction['SoTien']} đồng</h1><p>{transaction['NoiDung']}</p>"
                f'<p><a href="?chon=pay">Thanh toán</a> · <a href="?chon=cancel">Hủy</a></p>'
            )
            return Reply(200, page, content_type="text/html; charset=utf-8")
        paid = choice == "pay"
        now = time.localtime()
        transaction["TrangThai"] = "da_thu" if paid else "da_huy"
        transaction["NgayThu"] = time.strftime("%Y%m%d", now)
        result = self._signed(
            {
                "MaDoiTac": transaction["MaDoiTac"],
                "MaGiaoDich": transaction["MaGiaoDich"],
                "SoTien": transaction["SoTien"],
                "MaKetQua": PAID if paid else CANCELLED,
                "MaGiaoDichNenTang": f"PG{token[:10].upper()}",
                "ThoiGian": time.strftime("%Y%m%d%H%M%S", now),
            }
        )
        self.state["notices"].append({"url": transaction["UrlThongBao"], "params": result})
        self.save()
        self._notify(transaction["UrlThongBao"], result)
        if request.query.get("tra_ve") == "0":
            return Reply(200, "Đã thanh toán", content_type="text/plain; charset=utf-8")
        target = f"{transaction['UrlTraVe']}?{urlencode(result)}"
        return Reply(302, b"", content_type="text/plain").with_location(target)

    @staticmethod
    def _notify(url: str, params: dict) -> None:
        """The server-to-server notice, best effort (kept in the state for replay)."""
        if urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            return
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{url}?{urlencode(params)}", timeout=2).read()
