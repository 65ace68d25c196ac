import pytest
from django.urls import reverse

from motcua.dossiers.applicants import Applicant
from motcua.dossiers.queries import search_dossiers


@pytest.fixture
def found(staff):
    def found(query, user=None) -> list[str]:
        return [d.applicant_name for d in search_dossiers(user or staff["receiver"], query)]

    return found


@pytest.fixture
def dossiers(receive, tree, staff):
    binh = receive()
    dung = receive(
        applicant=Applicant(
            kind="individual", name="Đặng Thị Dung", id_number="072190005555", phone="0903111222"
        )
    )
    elsewhere = receive(
        agency=tree["commune_b"],
        actor=staff["other_receiver"],
        applicant=Applicant(kind="individual", name="Trần Văn Bình", id_number="072095001234"),
    )
    return binh, dung, elsewhere


@pytest.mark.parametrize("query", ["tran van binh", "TRẦN VĂN BÌNH", "binh", "tr bi", "Văn"])
def test_names_are_found_without_accents_by_the_beginning_of_words(dossiers, found, query):
    assert found(query) == ["Trần Văn Bình"]


def test_the_d_with_stroke_folds_to_d(dossiers, found):
    assert found("dang dung") == ["Đặng Thị Dung"]


def test_a_word_inside_another_does_not_match(dossiers, found):
    assert found("inh") == []


@pytest.mark.parametrize("query", ["0903111222", "0903 111 222", "+84 903 111 222", "0903.111.222"])
def test_phones_are_found_in_any_common_spelling(dossiers, found, query):
    assert found(query) == ["Đặng Thị Dung"]


def test_id_numbers_are_matched_exactly(dossiers, found):
    assert found("072190005555") == ["Đặng Thị Dung"]
    assert found("0721900055") == []


def test_codes_match_exactly_or_by_their_beginning(dossiers, found):
    _, dung, _ = dossiers
    assert found(dung.code) == ["Đặng Thị Dung"]
    assert sorted(found("000.21.21.h56-250303")) == ["Trần Văn Bình", "Đặng Thị Dung"]


def test_only_visible_agencies_are_searched(dossiers, found, staff):
    assert found("072095001234") == ["Trần Văn Bình"]
    assert found("072095001234", staff["other_receiver"]) == ["Trần Văn Bình"]
    assert found("dung", staff["other_receiver"]) == []


def test_the_search_page_lists_matches_and_focuses_the_box(dossiers, staff, client_for):
    client = client_for(staff["handler"])
    response = client.get(reverse("office:search"))
    assert "autofocus" in response.content.decode()
    posted = client.post(reverse("office:search"), {"q": "dung"})
    assert posted["Location"] == reverse("office:search")  # the query is not in any URL
    html = client.get(posted["Location"]).content.decode()
    assert "Tìm thấy 1 hồ sơ" in html
    assert dossiers[1].code in html


def test_an_id_number_searched_never_appears_in_a_url(dossiers, staff, client_for):
    client = client_for(staff["handler"])
    response = client.post(reverse("office:search"), {"q": "072095001234"}, follow=True)
    assert "Trần Văn Bình" in response.content.decode()
    assert all("072095001234" not in url for url, _ in response.redirect_chain)
    assert client.get(reverse("office:search"), {"q": "072095001234"}).status_code == 200
    page = client.get(reverse("office:search"), {"q": "dung"}).content.decode()
    assert "dung" not in page.split("<main")[1].split("</form>")[0]


def test_an_exact_code_opens_the_dossier(dossiers, staff, client_for):
    code = dossiers[0].code
    response = client_for(staff["handler"]).post(reverse("office:search"), {"q": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("office:dossier", args=[code])
