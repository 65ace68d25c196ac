"""The national population database (Cơ sở dữ liệu quốc gia về dân cư) behind the
data-sharing platform: answers a lookup by ID number, only with the citizen's consent."""

from .base import Reply, Request, Simulator

PEOPLE = {
    "072095001234": {
        "SoDinhDanh": "072095001234",
        "HoVaTen": "Trần Văn Bình",
        "NgaySinh": "12/08/1995",
        "GioiTinh": "Nam",
        "NoiThuongTru": {
            "DiaChiDayDu": "Ấp Thạnh Hiệp, xã Tân Lập, huyện Tân Biên, tỉnh Tây Ninh",
        },
    },
    "072195004321": {
        "SoDinhDanh": "072195004321",
        "HoVaTen": "Lê Thị Hoa",
        "NgaySinh": "03/02/1996",
        "GioiTinh": "Nữ",
        "NoiThuongTru": {
            "DiaChiDayDu": "Ấp Thạnh Nam, xã Thạnh Bắc, huyện Tân Biên, tỉnh Tây Ninh",
        },
    },
}


class PopulationDatabase(Simulator):
    name = "population"

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("--client-id", default="motcua")
        parser.add_argument("--client-secret", default="motcua-secret")

    def initial_state(self) -> dict:
        return {"lookups": []}

    def handle(self, request: Request) -> Reply:
        with self.lock:
            if request.path == "/_sim/state":
                return Reply(200, self.state)
            if request.path == "/token" and request.method == "POST":
                return self.issue_token(request)
            if not self.authorised(request):
                return Reply(401, {"error_code": "401", "message": "token không hợp lệ"})
            if (request.method, request.path) != ("POST", "/congdan/tracuu"):
                return Reply(404, {"error_code": "404", "message": "không có dịch vụ này"})
            body = request.json() or {}
            self.state["lookups"].append(body)
            self.save()
            if body.get("DongYCuaCongDan") is not True:
                return Reply(200, {"error_code": "403", "message": "chưa có sự đồng ý"})
            person = PEOPLE.get(body.get("SoDinhDanh", ""))
            if person is None:
                return Reply(200, {"error_code": "404", "message": "không tìm thấy công dân"})
            return Reply(200, {"error_code": 0, "CongDan": person})
