from playwright.sync_api import expect


def test_citizen_searches_without_accents_and_opens_the_procedure(page, make_procedure):
    make_procedure("1.000894", "Đăng ký kết hôn", legal_basis="Luật Hộ tịch 2014")
    make_procedure("1.001193", "Đăng ký khai sinh", days=0)

    page.goto("/")
    page.get_by_role("searchbox").fill("dang ky ket hon")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 2 thủ tục")
    results = page.locator("ul.results > li > a")
    expect(results).to_have_text(["Đăng ký kết hôn", "Đăng ký khai sinh"])  # best match first
    page.get_by_role("link", name="Đăng ký kết hôn").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký kết hôn")
    expect(page.locator("dl.facts")).to_contain_text("1.000894")
    expect(page.get_by_role("heading", name="Căn cứ pháp lý")).to_be_visible()
    assert page.url.endswith("/procedures/1.000894/")
