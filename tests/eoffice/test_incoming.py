"""Incoming documents: registered with an arrival number and their signatures checked,
assigned with a working-day deadline, handled through opinions, closed with the answer."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from motcua.eoffice import incoming, outgoing, queries
from motcua.eoffice.errors import InvalidInput, NotAllowed, StateError
from motcua.eoffice.models import Channel, IncomingStatus


def test_registering_gives_arrival_numbers_and_checks_the_signature(registered, office):
    assert registered.number == 1
    assert registered.status == IncomingStatus.REGISTERED
    [signature] = registered.signatures
    assert signature["signer"] == "Nguyễn Văn Mười"
    assert signature["ok"] and signature["trusted"]
    second = incoming.register_upload(
        agency=office["district"],
        user=office["clerk"],
        pdf=_scan(),
        channel=Channel.PAPER,
        sender_name="Sở Nội vụ",
        symbol="88/SNV-CCHC",
        issued_on=date(2026, 3, 1),
        title="Về việc kiểm tra công tác văn thư",
    )
    assert second.number == 2
    assert second.signatures == []


def _scan() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Bản quét</p>").write_pdf()


def test_a_file_that_is_not_a_pdf_is_refused_and_takes_no_number(office):
    with pytest.raises(InvalidInput, match="PDF"):
        incoming.register_upload(
            agency=office["district"],
            user=office["clerk"],
            pdf=b"not a pdf",
            channel=Channel.PAPER,
            sender_name="Sở Nội vụ",
            symbol="1/SNV",
            issued_on=date(2026, 3, 1),
            title="x",
        )
    assert not office["district"].incoming_documents.exists()


def test_only_the_clerk_registers(office, signed_pdf):
    with pytest.raises(NotAllowed):
        incoming.register_upload(
            agency=office["district"],
            user=office["handler"],
            pdf=signed_pdf,
            channel=Channel.EMAIL,
            sender_name="x",
            symbol="1/x",
            issued_on=date(2026, 3, 1),
            title="x",
        )


def test_assignment_sets_a_deadline_in_working_days(registered, office):
    with pytest.raises(NotAllowed):
        incoming.assign(registered, office["clerk"], lead_unit=office["department"], days=5)
    document = incoming.assign(
        registered,
        office["head"],
        lead_unit=office["department"],
        cooperating=[office["commune_a"]],
        days=5,
    )
    assert document.status == IncomingStatus.ASSIGNED
    due = timezone.localtime(document.due_at)
    now = timezone.localtime()
    # Five working days never end before a full week minus a weekend has passed.
    assert due - now >= timedelta(days=5) - timedelta(hours=10)
    assert due.weekday() < 5
    assert list(document.cooperating_units.all()) == [office["commune_a"]]


def test_a_unit_outside_the_agency_cannot_lead(registered, office):
    with pytest.raises(InvalidInput):
        incoming.assign(registered, office["head"], lead_unit=office["province"], days=3)


def test_units_give_opinions_and_the_lead_closes_with_the_answer(registered, office, make_approved):
    incoming.assign(registered, office["head"], lead_unit=office["department"], days=5)
    with pytest.raises(NotAllowed):
        incoming.add_opinion(registered, office["clerk"], "Ý kiến")
    incoming.add_opinion(registered, office["handler"], "Đề nghị Văn phòng tổng hợp số liệu.")
    with pytest.raises(InvalidInput):
        incoming.close(registered, office["handler"])
    reply = outgoing.release(make_approved(), office["clerk"])
    document = incoming.close(registered, office["handler"], answer=reply)
    assert document.status == IncomingStatus.CLOSED
    assert document.answer == reply
    with pytest.raises(StateError):
        incoming.add_opinion(document, office["handler"], "Muộn")


def test_releasing_the_reply_closes_the_document_it_answers(registered, office, make_approved):
    incoming.assign(registered, office["head"], lead_unit=office["department"], days=5)
    reply = outgoing.release(make_approved(replies_to=registered), office["clerk"])
    registered.refresh_from_db()
    assert registered.status == IncomingStatus.CLOSED
    assert registered.answer == reply
    assert registered.events.filter(kind="close").exists()


def test_overdue_documents_are_listed_most_late_first(registered, office):
    incoming.assign(registered, office["head"], lead_unit=office["department"], days=1)
    registered.refresh_from_db()
    later = registered.due_at + timedelta(days=3)
    assert list(queries.overdue_incoming(office["head"], later)) == [registered]
    assert list(queries.overdue_incoming(office["head"], registered.due_at)) == []
    # the unit's specialist sees it too; someone without an e-office role does not
    assert list(queries.overdue_incoming(office["handler"], later)) == [registered]
    assert list(queries.overdue_incoming(office["outsider"], later)) == []


def test_month_figures_add_up(registered, office, make_approved):
    other = incoming.register_upload(
        agency=office["district"],
        user=office["clerk"],
        pdf=_scan(),
        channel=Channel.PAPER,
        sender_name="Sở Nội vụ",
        symbol="88/SNV",
        issued_on=date(2026, 3, 1),
        title="Kiểm tra văn thư",
    )
    incoming.assign(registered, office["head"], lead_unit=office["department"], days=5)
    incoming.assign(other, office["head"], lead_unit=office["department"], days=1)
    outgoing.release(make_approved(replies_to=registered), office["clerk"])
    # the other one is closed late: after its deadline
    other.refresh_from_db()
    other.due_at = timezone.now() - timedelta(hours=1)
    other.save()
    incoming.close(other, office["handler"], note="Đã triển khai, lưu hồ sơ.")
    now = timezone.localtime()
    figures = queries.month_figures(office["district"], now.year, now.month)
    assert (figures.received, figures.released) == (2, 1)
    assert (figures.closed, figures.closed_on_time, figures.closed_late) == (2, 1, 1)
    assert figures.adds_up
    assert (figures.open_within, figures.open_overdue) == (0, 0)


def test_search_ignores_accents_and_filters_by_date(registered, office):
    seen = queries.visible_incoming(office["clerk"])
    assert list(queries.search(seen, text="cai cach hanh chinh")) == [registered]
    assert list(queries.search(seen, text="125/UBND")) == [registered]
    assert list(queries.search(seen, text="không có")) == []
    today = timezone.localdate()
    assert list(queries.search(seen, start=today, end=today)) == [registered]
    assert list(queries.search(seen, start=today + timedelta(days=1))) == []
