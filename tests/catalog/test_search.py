from datetime import date

import pytest

from motcua.catalog.models import Procedure
from motcua.catalog.search import search_procedures
from motcua.demo import loader
from motcua.org.models import Agency
from motcua.reports.models import Grain, Rollup


@pytest.fixture
def catalog(make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn")
    make_procedure("1.001193", "Đăng ký khai sinh", days=0)
    make_procedure("1.000656", "Đăng ký khai tử")
    make_procedure(
        "1.004873",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        description="Dùng để đăng ký kết hôn ở nơi khác hoặc mục đích khác.",
    )
    make_procedure("1.001612", "Đăng ký thành lập hộ kinh doanh", field=("HKD", "Hộ kinh doanh"))
    make_procedure(
        "2.000720",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        field=("HKD", "Hộ kinh doanh"),
    )
    make_procedure("1.001570", "Thông báo tạm ngừng kinh doanh", field=("HKD", "Hộ kinh doanh"))
    make_procedure(
        "2.000815", "Chứng thực bản sao từ bản chính", field=("CT", "Chứng thực"), days=0
    )
    make_procedure("2.000001", "Công nhận trưởng thôn", field=("CT", "Chứng thực"))


def names(query):
    return [p.name for p in search_procedures(query)]


@pytest.mark.parametrize(
    "query", ["dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "đăng ký kết hôn", "  Dang   Ky  Ket Hon "]
)
def test_marriage_registration_is_found_however_it_is_typed(catalog, query):
    assert names(query)[0] == "Đăng ký kết hôn"


def test_names_rank_by_how_many_of_the_words_they_hold(catalog):
    found = names("dang ky ket hon")
    assert found[0] == "Đăng ký kết hôn"  # every word and the phrase
    # Two words ("đăng ký") before one ("hôn"); among equals, Vietnamese alphabetical order.
    assert found[1:6] == [
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Đăng ký thành lập hộ kinh doanh",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
    ]
    assert len(found) == 6


def test_a_name_holding_none_of_the_words_is_not_shown(catalog):
    # The field "Hộ kinh doanh" or a description no longer bring a procedure in.
    assert names("ho kinh doanh") == [
        "Đăng ký thành lập hộ kinh doanh",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "Thông báo tạm ngừng kinh doanh",
    ]
    assert "Thông báo tạm ngừng kinh doanh" not in names("ho")
    assert names("muc dich") == []  # only in a description


def test_words_match_whole_so_hon_does_not_find_thon(catalog):
    assert names("hon") == ["Cấp Giấy xác nhận tình trạng hôn nhân", "Đăng ký kết hôn"]
    assert names("thon") == ["Công nhận trưởng thôn"]


def test_more_used_procedures_rank_first_among_equal_matches(catalog, tree):
    ranked = ["Đăng ký khai sinh", "Đăng ký khai tử"]
    assert names("khai")[:2] == ranked  # alphabetical without figures
    death = search_procedures("1.000656").get()
    Rollup.objects.create(
        agency=tree["commune_a"],
        grain=Grain.YEAR,
        starts_on=date(2022, 1, 1),
        procedure=death,
        channel="direct",
        received=12,
    )
    assert names("khai")[:2] == list(reversed(ranked))
    assert names("khai sinh")[0] == "Đăng ký khai sinh"  # more words still win over use


def test_a_national_code_finds_its_procedure_first(catalog):
    assert names("1.001612")[0] == "Đăng ký thành lập hộ kinh doanh"
    assert names("2.000815") == ["Chứng thực bản sao từ bản chính"]


def test_d_with_stroke_folds_to_d(catalog):
    assert names("DANG KY KHAI TU")[0] == "Đăng ký khai tử"
    assert names("đăng ký khai tử")[0] == "Đăng ký khai tử"


def test_empty_and_unmatched_queries_find_nothing(catalog):
    assert names("") == []
    assert names("   ") == []
    assert names("giấy phép lái xe")[:1] == ["Cấp Giấy xác nhận tình trạng hôn nhân"]
    assert names("ô tô xe máy") == []


def test_like_wildcards_in_the_query_are_plain_characters(catalog):
    assert names("%") == []
    assert names("_") == []
    assert names("dang%ky") == names("dang ky")


@pytest.fixture
def demo_catalog(db):
    loader.load_agencies()
    loader.load_catalog()


def test_the_demo_catalog_finds_marriage_registration_first(demo_catalog):
    found = names("dang ky ket hon")
    assert found[:2] == [
        "Thủ tục đăng ký kết hôn",
        "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
    ]
    held = [
        len({"dang", "ky", "ket", "hon"} & set(p.name_folded.split()))
        for p in search_procedures("dang ky ket hon")
    ]
    assert held == sorted(held, reverse=True)  # never a name with fewer words above more
    assert held[-1] >= 1


def test_the_demo_catalog_finds_the_marital_status_certificate_then_the_most_used(
    demo_catalog,
):
    found = search_procedures("tinh trang hon nhan")
    assert found[0].name == "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
    # Every other name holds one word ("hôn", or "nhân"/"nhận"): use decides among them.
    assert {p.score for p in found[1:]} == {1}
    marriage = Procedure.objects.get(name="Thủ tục đăng ký kết hôn")
    Rollup.objects.create(
        agency=Agency.objects.get(code="000.00.21.H56"),
        grain=Grain.YEAR,
        starts_on=date(2022, 1, 1),
        procedure=marriage,
        channel="direct",
        received=75,
    )
    found = names("tinh trang hon nhan")
    assert found[:2] == ["Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", marriage.name]
    assert all("kinh doanh" not in name for name in found[:2])


def test_the_admin_finds_procedures_without_accents_or_punctuation(admin_client, catalog):
    page = admin_client.get("/admin/catalog/procedure/", {"q": "dang ky, ket hon"})
    assert "Đăng ký kết hôn" in page.content.decode()
    assert "Đăng ký khai tử" not in page.content.decode()
