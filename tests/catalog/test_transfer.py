import re
from datetime import time

import pytest

from motcua.catalog import transfer
from motcua.catalog.models import DocumentType, FormField, Procedure


@pytest.fixture
def catalog(make_procedure):
    marriage = make_procedure(
        "1.000894", "Đăng ký kết hôn", fee_amount=0, fee_description="Miễn lệ phí"
    )
    FormField.objects.create(
        procedure=marriage, order=1, name="ngay_cuoi", label="Ngày dự định", kind="date"
    )
    FormField.objects.create(
        procedure=marriage,
        order=2,
        name="noi_dang_ky",
        label="Nơi đăng ký",
        kind="choice",
        choices="Trụ sở UBND, xã\nTại nhà",
        required=False,
        help="Chọn một",
    )
    certificate = DocumentType.objects.create(
        code="giay_chung_nhan_ket_hon", name="Giấy chứng nhận kết hôn"
    )
    marriage.result_type = certificate
    marriage.save()
    single = DocumentType.objects.create(
        code="giay_xac_nhan_tinh_trang_hon_nhan", name="Giấy xác nhận tình trạng hôn nhân"
    )
    marriage.documents.filter(order=2).update(document_type=single)
    make_procedure(
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        field=("CT", "Chứng thực"),
        days=0,
        same_day_cutoff=time(15, 0),
        fee_amount=2000,
        online_level="partial",
        boundary_free=True,
        legal_basis="Nghị định 23/2015/NĐ-CP\nThông tư 226/2016/TT-BTC",
    )


def wipe():
    Procedure.objects.all().delete()
    DocumentType.objects.all().delete()


@pytest.mark.parametrize(
    ("write", "read"),
    [(transfer.to_json, transfer.from_json), (transfer.to_xlsx, transfer.from_xlsx)],
)
def test_export_then_import_gives_back_the_same_catalog(catalog, write, read):
    exported = transfer.export_catalog()
    content = write(exported)
    wipe()
    counts = transfer.import_catalog(read(content))
    assert counts == {"fields": 2, "document_types": 2, "procedures": 2, "new_versions": 2}
    assert transfer.export_catalog() == exported
    marriage = Procedure.objects.get(code="1.000894")
    copy = Procedure.objects.get(code="2.000815")
    assert (marriage.boundary_free, copy.boundary_free) == (False, True)
    assert copy.versions.get().data["boundary_free"] is True
    assert marriage.result_type.code == "giay_chung_nhan_ket_hon"
    assert marriage.documents.get(order=2).document_type.code == "giay_xac_nhan_tinh_trang_hon_nhan"


def test_xlsx_is_a_real_workbook_with_one_sheet_per_table(catalog):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(transfer.to_xlsx(transfer.export_catalog())))
    assert book.sheetnames == [
        "fields",
        "document_types",
        "procedures",
        "documents",
        "steps",
        "form_fields",
    ]
    procedures = list(book["procedures"].iter_rows(values_only=True))
    assert procedures[0][:2] == ("code", "name")
    assert ("2.000815", "Chứng thực bản sao từ bản chính") in [row[:2] for row in procedures]


def test_importing_a_changed_procedure_adds_a_version(catalog):
    data = transfer.export_catalog()
    data["procedures"][0]["fee_amount"] = 10000
    counts = transfer.import_catalog(data)
    assert counts["new_versions"] == 1
    changed = Procedure.objects.get(code=data["procedures"][0]["code"])
    assert changed.fee_amount == 10000
    assert changed.versions.count() == 2


def test_a_bad_procedure_rolls_the_whole_import_back(catalog):
    data = transfer.export_catalog()
    data["procedures"][0]["name"] = "Tên mới"
    data["procedures"][1]["steps"][0]["hours"] = 99
    with pytest.raises(
        transfer.CatalogImportError, match=re.escape("Thủ tục 2.000815: Tổng thời gian các bước")
    ):
        transfer.import_catalog(data)
    assert not Procedure.objects.filter(name="Tên mới").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(field="NOPE"), "lĩnh vực 'NOPE'"),
        (lambda p: p.update(time_unit="weeks"), "'weeks' không hợp lệ"),
        (lambda p: p.update(time_quantity="ba"), "'ba' không phải là số"),
        (lambda p: p.update(time_quantity=-1), "không phải là số không âm"),
        (lambda p: p.update(agency_kinds=["galaxy"]), "loại cơ quan không tồn tại: galaxy"),
        (lambda p: p["steps"][0].update(role="king"), "'king' không hợp lệ"),
        (lambda p: p["documents"][0].update(form="scan"), "'scan' không hợp lệ"),
        (lambda p: p.update(same_day_cutoff="3pm"), "không đúng dạng HH:MM"),
        (lambda p: p.update(code=""), "thiếu mã"),
        (lambda p: p["form_fields"][0].update(name="ngày"), "mã trường 'ngày' không hợp lệ"),
        (lambda p: p["form_fields"][0].update(kind="choice"), "cần ít nhất một lựa chọn"),
    ],
)
def test_bad_input_gets_a_clear_error(catalog, change, message):
    data = transfer.export_catalog()
    change(data["procedures"][0])
    with pytest.raises(transfer.CatalogImportError, match=message):
        transfer.import_catalog(data)


def test_duplicate_codes_are_refused(catalog):
    data = transfer.export_catalog()
    data["procedures"].append(dict(data["procedures"][0]))
    with pytest.raises(transfer.CatalogImportError, match="mã thủ tục bị trùng"):
        transfer.import_catalog(data)


def test_files_that_are_not_catalogs_are_refused(db):
    with pytest.raises(transfer.CatalogImportError, match="JSON không hợp lệ"):
        transfer.from_json(b"\x89PNG")
    with pytest.raises(transfer.CatalogImportError, match="XLSX không đọc được"):
        transfer.from_xlsx(b"not a workbook")
    with pytest.raises(transfer.CatalogImportError, match="thiếu 'procedures'"):
        transfer.import_catalog({"fields": []})
