"""Form 06: the tracking book of an agency subtree over a period."""

from datetime import date

import pytest
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.printing.services import tracking_book_pdf
from motcua.printing.tracking_book import book_lines

A4_LANDSCAPE = "841.89 x 595.276"
FIRST_WEEK = (date(2025, 3, 1), date(2025, 3, 7))


@pytest.fixture
def book(returned, receive, staff, tree, procedure, applicant):
    """Commune A: one returned, one in progress, one received after the first week;
    commune B (same district): one received."""
    in_progress = walk_to(receive(at=vn(2025, 3, 4, 8)), staff, "in_progress", vn(2025, 3, 4, 9))
    later = receive(at=vn(2025, 3, 10, 8))
    other_commune = lifecycle.receive(
        actor=staff["other_receiver"],
        procedure=procedure,
        agency=tree["commune_b"],
        applicant=applicant,
        documents_received=[1, 2],
        sets=2,
        at=vn(2025, 3, 7, 16),
    )
    return {
        "returned": returned,
        "in_progress": in_progress,
        "later": later,
        "other_commune": other_commune,
    }


def test_the_book_of_a_district_lists_its_communes_dossiers_of_the_period(book, tree, read_pdf):
    printed = read_pdf(tracking_book_pdf(tree["district"], *FIRST_WEEK))

    assert printed.page_size == A4_LANDSCAPE
    words = printed.words
    assert "SỔ THEO DÕI HỒ SƠ" in words
    assert "từ ngày 01/03/2025 đến ngày 07/03/2025" in words
    assert "UBND HUYỆN TÂN BIÊN" in words
    for key in ("returned", "in_progress", "other_commune"):
        assert book[key].code in words
    assert book["later"].code not in words
    assert words.count("Trần Văn Bình") == 3
    assert "0912345678" in words
    assert "Đăng ký kết hôn" in words


def test_a_book_line_has_the_dates_of_each_stage(book, tree):
    lines = book_lines(tree["commune_a"], *FIRST_WEEK)

    assert [line.dossier.code for line in lines] == [
        book["returned"].code,
        book["in_progress"].code,
    ]
    first = lines[0]
    assert (first.number, first.dossier.sets, first.notes) == (1, 1, "Trước hạn")
    assert first.received_at == vn(2025, 3, 3, 9)
    assert first.appointment_at == vn(2025, 3, 6, 9)
    assert first.handed_over_at == vn(2025, 3, 3, 9, 30)
    assert first.result_at == vn(2025, 3, 4, 15, 30)
    assert first.returned_at == vn(2025, 3, 5, 8)
    second = lines[1]
    assert (second.result_at, second.returned_at, second.notes) == (None, None, "Đang giải quyết")


def test_the_period_takes_whole_local_days(book, tree):
    codes = [
        line.dossier.code
        for line in book_lines(tree["district"], date(2025, 3, 7), date(2025, 3, 7))
    ]

    assert codes == [book["other_commune"].code]
