"""The national public-service portal (DVCQG) behind its data-sharing platform: issues
tokens for client credentials, hands out dossiers filed nationally until acknowledged,
records every status push, answers the daily reconciliation.

Test controls: POST /_sim/inbox (a dossier filed nationally), POST /_sim/drop {"count": n}
(the next n pushes are answered but lost), GET /_sim/state."""

from .base import Reply, Request, Simulator


def _day(stamp: str) -> str:
    """ "20250303090000" → "2025-03-03"."""
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if len(stamp) >= 8 else ""


class NationalPortal(Simulator):
    name = "dvcqg"

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("--client-id", default="motcua")
        parser.add_argument("--client-secret", default="motcua-secret")

    def initial_state(self) -> dict:
        return {"inbox": [], "acknowledged": {}, "pushes": [], "dossiers": {}, "drop": 0}

    def handle(self, request: Request) -> Reply:
        with self.lock:
            if request.path.startswith("/_sim/"):
                return self._control(request)
            if request.path == "/token" and request.method == "POST":
                return self.issue_token(request)
            if not self.authorised(request):
                return Reply(401, {"error_code": "401", "message": "token không hợp lệ"})
            route = (request.method, request.path)
            if route == ("GET", "/hoso/moi"):
                acknowledged = self.state["acknowledged"]
                waiting = [d for d in self.state["inbox"] if d["MaHoSo"] not in acknowledged]
                return Reply(200, {"error_code": 0, "HoSo": waiting})
            if route == ("POST", "/hoso/xacnhan"):
                body = request.json() or {}
                self.state["acknowledged"][body.get("MaHoSo", "")] = body.get("MaHoSoDiaPhuong")
                self.save()
                return Reply(200, {"error_code": 0})
            if route == ("POST", "/hoso/dongbo"):
                return self._push(request.json() or {})
            if route == ("GET", "/hoso/doisoat"):
                day = request.query.get("ngay", "")
                rows = [
                    {"MaHoSo": code, "TrangThaiHoSo": held["TrangThaiHoSo"]}
                    for code, held in self.state["dossiers"].items()
                    if held["Ngay"] == day
                ]
                return Reply(200, {"error_code": 0, "HoSo": rows})
            return Reply(404, {"error_code": "404", "message": "không có dịch vụ này"})

    def _push(self, body: dict) -> Reply:
        missing = [k for k in ("MaHoSo", "MaTTHC", "TrangThaiHoSo", "SoThuTu") if k not in body]
        if missing:
            return Reply(200, {"error_code": "1", "message": "thiếu " + ", ".join(missing)})
        if self.state["drop"] > 0:
            self.state["drop"] -= 1
            self.save()
            return Reply(200, {"error_code": 0})
        self.state["pushes"].append(body)
        held = self.state["dossiers"].setdefault(
            body["MaHoSo"], {"Ngay": _day(body.get("NgayNop", "")), "SoThuTu": 0}
        )
        # A late or repeated push never takes a dossier back to an older status.
        if int(body["SoThuTu"]) >= held["SoThuTu"]:
            held.update(SoThuTu=int(body["SoThuTu"]), TrangThaiHoSo=body["TrangThaiHoSo"])
        self.save()
        return Reply(200, {"error_code": 0})

    def _control(self, request: Request) -> Reply:
        if request.path == "/_sim/state":
            return Reply(200, self.state)
        body = request.json() or {}
        if request.path == "/_sim/inbox":
            self.state["inbox"].append(body)
        elif request.path == "/_sim/drop":
            self.state["drop"] = int(body.get("count", 0))
        else:
            return Reply(404, {"error": "not found"})
        self.save()
        return Reply(200, {"ok": True})
