import pytest

from motcua.catalog.search import search_procedures


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


def names(query):
    return [p.name for p in search_procedures(query)]


@pytest.mark.parametrize(
    "query", ["dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "đăng ký kết hôn", "  Dang   Ky  Ket Hon "]
)
def test_marriage_registration_is_found_however_it_is_typed(catalog, query):
    assert names(query)[0] == "Đăng ký kết hôn"


def test_name_matches_rank_before_description_matches(catalog):
    assert names("dang ky ket hon") == ["Đăng ký kết hôn", "Cấp Giấy xác nhận tình trạng hôn nhân"]


def test_household_business_finds_the_household_business_procedures(catalog):
    found = names("ho kinh doanh")
    assert found[:2] == [
        "Đăng ký thành lập hộ kinh doanh",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    ]
    # "Thông báo tạm ngừng kinh doanh" matches through its field "Hộ kinh doanh", after name matches.
    assert found[2:] == ["Thông báo tạm ngừng kinh doanh"]


def test_a_national_code_finds_its_procedure_first(catalog):
    assert names("1.001612")[0] == "Đăng ký thành lập hộ kinh doanh"
    assert names("2.000815") == ["Chứng thực bản sao từ bản chính"]


def test_d_with_stroke_folds_to_d(catalog):
    assert "Đăng ký khai tử" in names("DANG KY KHAI TU")
    assert "Đăng ký khai tử" in names("đăng ký khai tử")


def test_every_word_must_match(catalog):
    assert names("khai sinh") == ["Đăng ký khai sinh"]
    assert names("khai sinh ket hon") == []


def test_empty_and_unmatched_queries_find_nothing(catalog):
    assert names("") == []
    assert names("   ") == []
    assert names("giấy phép lái xe") == []


def test_like_wildcards_in_the_query_are_plain_characters(catalog):
    assert names("%") == []
    assert names("_") == []
