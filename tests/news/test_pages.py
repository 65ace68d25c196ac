import io
from datetime import timedelta
from xml.etree import ElementTree

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from motcua.news.models import Category


def test_the_list_shows_twelve_articles_a_page_newest_first(client, make_article):
    now = timezone.now()
    for n in range(13):
        make_article(title=f"Tin số {n}", at=now - timedelta(hours=n))
    first = client.get("/news/").content.decode()
    assert "13 bài viết · trang 1/2" in first
    assert first.index("Tin số 0<") < first.index("Tin số 1<")
    assert "Tin số 12<" not in first
    second = client.get("/news/", {"page": 2}).content.decode()
    assert "Tin số 12<" in second and 'rel="prev"' in second


def test_a_category_page_lists_only_its_articles(client, make_article):
    notices = Category.objects.create(name="Thông báo", slug="thong-bao")
    make_article(title="Kiểm tra cải cách hành chính")
    make_article(title="Lịch tiếp công dân", category=notices)
    page = client.get("/news/category/thong-bao/").content.decode()
    assert "Lịch tiếp công dân" in page and "Kiểm tra cải cách" not in page
    assert "<h1>Thông báo</h1>" in page
    assert client.get("/news/category/khong-co/").status_code == 404


def test_an_article_page_shows_its_sanitised_body_and_date(client, make_article):
    article = make_article(
        title="Một cửa điện tử",
        body="<h2>Tiêu đề</h2><p>Đoạn <em>một</em></p>",
        at=timezone.make_aware(timezone.datetime(2022, 3, 4, 9, 30)),
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Một cửa điện tử</h1>" in page
    assert "<h2>Tiêu đề</h2><p>Đoạn <em>một</em></p>" in page
    assert "09:30 04/03/2022" in page


def test_the_cover_image_is_served_through_the_storage(client, make_article):
    article = make_article(title="Có ảnh", cover_alt="Bộ phận Một cửa")
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, "PNG")
    article.cover.save("mot-cua.png", ContentFile(buffer.getvalue()))
    response = client.get(f"/news/{article.slug}/cover/")
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == buffer.getvalue()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="/news/{article.slug}/cover/" alt="Bộ phận Một cửa"' in page


def test_the_rss_feed_lists_the_latest_articles(client, make_article):
    make_article(title="Tin trong RSS", summary="Tóm tắt trong RSS")
    response = client.get("/news/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "vi"
    [item] = channel.findall("item")
    assert item.findtext("title") == "Tin trong RSS"
    assert item.findtext("description") == "Tóm tắt trong RSS"
    assert item.findtext("link").endswith("/news/tin-trong-rss/")


def test_the_sitemap_lists_news_procedures_and_pages(client, make_article, make_procedure):
    make_article(title="Tin trong sơ đồ")
    make_procedure("1.000894", "Đăng ký kết hôn")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {loc.text for loc in ElementTree.fromstring(response.content).findall(".//s:loc", ns)}
    assert {
        "http://testserver/",
        "http://testserver/procedures/",
        "http://testserver/news/",
        "http://testserver/track/",
        "http://testserver/procedures/1.000894/",
        "http://testserver/news/tin-trong-so-do/",
    } <= urls
