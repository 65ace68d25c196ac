import pytest


@pytest.fixture
def catalog(make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn", fee_amount=0, legal_basis="Luật Hộ tịch 2014")
    make_procedure("1.001193", "Đăng ký khai sinh", days=0)
    make_procedure(
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        field=("CT", "Chứng thực"),
        days=0,
        fee_amount=2000,
    )


def test_home_lists_fields_with_counts(client, catalog):
    page = client.get("/").content.decode()
    assert "Hộ tịch" in page and "Chứng thực" in page
    assert "(2)" in page


def test_search_page_finds_without_accents(client, catalog):
    page = client.get("/procedures/", {"q": "dang ky ket hon"}).content.decode()
    assert "Tìm thấy 2 thủ tục" in page
    marriage, birth = 'href="/procedures/1.000894/"', 'href="/procedures/1.001193/"'
    assert page.index(marriage) < page.index(birth)


def test_browse_by_field_and_level(client, catalog):
    page = client.get("/procedures/", {"field": "CT"}).content.decode()
    assert "Chứng thực bản sao từ bản chính" in page
    assert "Đăng ký kết hôn" not in page
    page = client.get("/procedures/", {"kind": "district"}).content.decode()
    assert "0 thủ tục" in page


def test_browse_by_agency_shows_what_its_kind_handles(client, catalog, tree):
    page = client.get("/procedures/", {"agency": tree["commune_a"].code}).content.decode()
    assert "3 thủ tục" in page
    page = client.get("/procedures/", {"agency": tree["department"].code}).content.decode()
    assert "0 thủ tục" in page


def test_procedure_detail_shows_everything_a_citizen_needs(client, catalog, tree):
    page = client.get("/procedures/2.000815/").content.decode()
    for text in [
        "Chứng thực bản sao từ bản chính",
        "Trong ngày làm việc",
        "2.000 đ",
        "Tờ khai",
        "Bản chính",
        "Bộ phận tiếp nhận và trả kết quả",
        "UBND xã Tân Lập",
    ]:
        assert text in page, text


def test_unknown_procedure_is_404(client, catalog):
    assert client.get("/procedures/0.000000/").status_code == 404


def test_pages_are_vietnamese_whatever_the_browser_asks(client, catalog):
    assert '<html lang="vi">' in client.get("/").content.decode()
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="vi">' in page
