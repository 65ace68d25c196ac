"""A declaration as an e-form: sections, checks of ID numbers, phones and dates, questions
asked only when another answer says so, repeatable groups, and answers filled in advance."""

from datetime import date

from django import forms

from motcua.catalog.eforms import Declaration, answer_rows, initial_values


def spec(name, label, kind="text", **extra):
    return {"name": name, "label": label, "kind": kind, "required": True, "choices": []} | extra


SPECS = [
    spec("ho_ten_tre", "Họ, chữ đệm, tên", section="Người được khai sinh", prefill=""),
    spec("ngay_sinh", "Ngày sinh", "date", section="Người được khai sinh"),
    spec("dinh_danh_me", "Số định danh của mẹ", "id_number", section="Cha, mẹ"),
    spec("dien_thoai", "Điện thoại", "phone", section="Cha, mẹ", required=False),
    spec("ban_sao", "Cấp bản sao", "choice", choices=["Có", "Không"], section="Bản sao"),
    spec("so_ban_sao", "Số bản sao", "number", show_if="ban_sao=Có", section="Bản sao"),
    spec("ten", "Họ tên thành viên", group="thanh_vien", section="Thành viên"),
    spec("sinh", "Ngày sinh", "date", group="thanh_vien", section="Thành viên"),
    spec("ghi_chu", "Ghi chú", "long_text", required=False, section="Thành viên"),
]
GOOD = {
    "field_ho_ten_tre": "Trần Minh Khôi",
    "field_ngay_sinh": "14/02/2026",
    "field_dinh_danh_me": "072 190 001 234",
    "field_dien_thoai": "+84 912 345 678",
    "field_ban_sao": "Không",
    "field_thanh_vien-0-ten": "Trần Văn Bình",
    "field_thanh_vien-0-sinh": "12/08/1995",
}


class DeclarationForm(Declaration, forms.Form):
    def __init__(self, *args, specs=SPECS, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_declaration(specs)

    def clean(self):
        data = super().clean()
        self.clean_declaration(data)
        return data


def test_good_answers_become_json_with_a_group_as_rows():
    form = DeclarationForm(GOOD)
    assert form.is_valid(), form.errors
    assert form.answers() == {
        "ho_ten_tre": "Trần Minh Khôi",
        "ngay_sinh": "2026-02-14",
        "dinh_danh_me": "072190001234",
        "dien_thoai": "0912345678",
        "ban_sao": "Không",
        "thanh_vien": [{"ten": "Trần Văn Bình", "sinh": "1995-08-12"}],
    }


def test_id_numbers_phones_and_dates_are_checked_with_vietnamese_messages():
    form = DeclarationForm(
        GOOD
        | {
            "field_dinh_danh_me": "12345",
            "field_dien_thoai": "912",
            "field_ngay_sinh": "2026-02-14",
        }
    )
    assert not form.is_valid()
    assert form.errors["field_dinh_danh_me"] == ["Số định danh cá nhân gồm 12 chữ số."]
    assert form.errors["field_dien_thoai"] == ["Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."]
    assert form.errors["field_ngay_sinh"] == [
        "Viết ngày theo dạng ngày/tháng/năm, ví dụ 03/03/2025."
    ]


def test_a_question_is_asked_only_when_its_condition_holds():
    hidden = DeclarationForm(GOOD | {"field_so_ban_sao": "3"})
    assert hidden.is_valid() and "so_ban_sao" not in hidden.answers()
    form = DeclarationForm(GOOD | {"field_ban_sao": "Có"})
    assert not form.is_valid()
    assert form.errors["field_so_ban_sao"] == ["Cần điền “Số bản sao”."]
    form = DeclarationForm(GOOD | {"field_ban_sao": "Có", "field_so_ban_sao": "2"})
    assert form.is_valid() and form.answers()["so_ban_sao"] == 2


def test_a_group_keeps_the_rows_typed_drops_empty_ones_and_needs_one():
    data = GOOD | {
        "field_thanh_vien-1-ten": "",
        "field_thanh_vien-1-sinh": "",
        "field_thanh_vien-2-ten": "Nguyễn Thị Hường",
        "field_thanh_vien-2-sinh": "03/04/1997",
    }
    form = DeclarationForm(data)
    assert form.is_valid(), form.errors
    assert [row["ten"] for row in form.answers()["thanh_vien"]] == [
        "Trần Văn Bình",
        "Nguyễn Thị Hường",
    ]
    half = DeclarationForm(GOOD | {"field_thanh_vien-1-ten": "Lê Văn Được"})
    assert half.errors["field_thanh_vien-1-sinh"] == ["Cần điền “Ngày sinh”."]
    empty = {k: v for k, v in GOOD.items() if not k.startswith("field_thanh_vien")}
    form = DeclarationForm(empty)
    assert form.errors["field_thanh_vien-0-ten"] == ["Cần khai ít nhất một “Thành viên”."]


def test_asking_for_another_row_adds_one():
    assert DeclarationForm(GOOD).group_rows == {"thanh_vien": 1}
    assert DeclarationForm(GOOD | {"add_row": "thanh_vien"}).group_rows == {"thanh_vien": 2}
    unbound = DeclarationForm(initial={"field_thanh_vien-2-ten": "x"})
    assert unbound.group_rows == {"thanh_vien": 3}


def test_sections_follow_the_declared_order_with_the_group_inside_its_section():
    sections = DeclarationForm().sections()
    assert [s.title for s in sections] == [
        "Người được khai sinh",
        "Cha, mẹ",
        "Bản sao",
        "Thành viên",
    ]
    members = sections[-1].items
    assert members[0].name == "thanh_vien"
    assert [f.name for f in members[0].rows[0]] == [
        "field_thanh_vien-0-ten",
        "field_thanh_vien-0-sinh",
    ]
    assert members[1].name == "field_ghi_chu"


def test_fields_are_filled_in_advance_from_the_applicant():
    specs = [
        spec("ho_ten", "Họ tên", prefill="applicant_name"),
        spec("ngay_sinh", "Ngày sinh", "date", prefill="applicant_birth_date"),
        spec("noi_o", "Nơi cư trú", "address", prefill="applicant_address"),
    ]
    applicant = {"applicant_name": "Trần Văn Bình", "applicant_birth_date": date(1995, 8, 12)}
    initial = initial_values(specs, {"noi_o": "Ấp Thạnh Hiệp"}, applicant)
    assert initial == {
        "field_ho_ten": "Trần Văn Bình",
        "field_ngay_sinh": date(1995, 8, 12),
        "field_noi_o": "Ấp Thạnh Hiệp",
    }


def test_answers_read_as_vietnamese_write_them():
    answers = {
        "ho_ten_tre": "Trần Minh Khôi",
        "ngay_sinh": "2026-02-14",
        "ban_sao": "Có",
        "so_ban_sao": 1500,
        "thanh_vien": [{"ten": "Trần Văn Bình", "sinh": "1995-08-12"}],
    }
    rows = dict(answer_rows(SPECS, answers))
    assert rows["Người được khai sinh"] == [
        ("Họ, chữ đệm, tên", "Trần Minh Khôi"),
        ("Ngày sinh", "14/02/2026"),
    ]
    assert ("Số bản sao", "1.500") in rows["Bản sao"]
    assert rows["Thành viên"] == [
        ("group", ["Họ tên thành viên", "Ngày sinh"], [["Trần Văn Bình", "12/08/1995"]])
    ]
