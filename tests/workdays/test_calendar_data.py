"""The calendar in the database: seeding, agencies' sessions, caching and change signals."""

from datetime import date, datetime, time

import pytest

from motcua.revisions.models import Revision
from motcua.workdays import loader
from motcua.workdays.engine import VIETNAM_TZ, WORKING_DAYS, WORKING_HOURS, due
from motcua.workdays.loader import calendar_for
from motcua.workdays.models import CalendarDay, WorkingSession
from motcua.workdays.services import remove_day, seed_calendar, set_day
from motcua.workdays.signals import calendar_changed

pytestmark = pytest.mark.django_db


def vn(*args):
    return datetime(*args, tzinfo=VIETNAM_TZ)


@pytest.fixture
def changes():
    """The `revision`s of every `calendar_changed` sent during the test."""
    sent = []

    def receiver(sender, revision, **kwargs):
        sent.append(revision)

    calendar_changed.connect(receiver)
    yield sent
    calendar_changed.disconnect(receiver)


def test_the_migrated_database_holds_the_official_calendar():
    assert due(vn(2025, 1, 24, 9), 1, WORKING_DAYS, calendar_for()) == vn(2025, 2, 3, 9)
    assert CalendarDay.objects.get(date=date(2025, 4, 26)).is_working
    assert "UNCONFIRMED" in CalendarDay.objects.get(date=date(2026, 11, 24)).source
    assert WorkingSession.objects.filter(agency=None).count() == 10


def test_seeding_again_changes_nothing_and_sends_nothing(
    changes, django_capture_on_commit_callbacks
):
    before = list(CalendarDay.objects.values_list("date", "is_working", "name", "source"))
    with django_capture_on_commit_callbacks(execute=True):
        result = seed_calendar()
    assert (result.created, result.updated, result.sessions_created) == (0, 0, 0)
    assert list(CalendarDay.objects.values_list("date", "is_working", "name", "source")) == before
    assert changes == []


def test_seeding_restores_an_official_day_and_keeps_an_administrators_own_day(
    changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.filter(date=date(2025, 5, 2)).update(is_working=True)
        CalendarDay.objects.create(date=date(2025, 6, 2), name="Nghỉ bão", source="Quyết định UBND")
    changes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = seed_calendar(years=range(2025, 2026))
    assert (result.created, result.updated) == (0, 1)
    assert not CalendarDay.objects.get(date=date(2025, 5, 2)).is_working
    assert CalendarDay.objects.filter(date=date(2025, 6, 2)).exists()
    assert len(changes) == 1


def test_changing_a_holiday_changes_the_deadline():
    received = vn(2025, 1, 24, 9)
    assert due(received, 1, WORKING_DAYS, calendar_for()) == vn(2025, 2, 3, 9)
    remove_day(day=date(2025, 1, 31))
    assert due(received, 1, WORKING_DAYS, calendar_for()) == vn(2025, 1, 31, 9)
    set_day(day=date(2025, 1, 31), is_working=False, name="Mùng ba Tết Nguyên Đán")
    assert due(received, 1, WORKING_DAYS, calendar_for()) == vn(2025, 2, 3, 9)


def test_every_change_sends_calendar_changed_once_per_transaction(
    changes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=date(2025, 6, 2), is_working=False, name="Nghỉ bão")
        set_day(day=date(2025, 6, 3), is_working=False, name="Nghỉ bão")
        remove_day(day=date(2025, 6, 3))
    assert changes == [Revision.objects.get(name="calendar").token]


def test_calendar_changed_waits_for_the_commit(changes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        set_day(day=date(2025, 6, 2), is_working=False, name="Nghỉ bão")
        assert changes == []


def test_a_change_made_by_another_process_is_seen_at_once():
    first = calendar_for()
    assert calendar_for() is first  # compiled once, then cached
    # Another process writes rows without our signals, then moves the revision on.
    CalendarDay.objects.filter(date=date(2025, 1, 31)).update(is_working=True)
    assert calendar_for() is first
    Revision.objects.filter(name="calendar").update(token="written-by-another-process")
    refreshed = calendar_for()
    assert refreshed is not first
    assert refreshed.is_working_day(date(2025, 1, 31))


def test_a_rolled_back_change_never_masks_a_later_one(changes):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        set_day(day=date(2025, 6, 2), is_working=False, name="Nghỉ bão")
        assert not calendar_for().is_working_day(date(2025, 6, 2))
        raise RuntimeError("rollback")
    set_day(day=date(2025, 6, 3), is_working=False, name="Nghỉ bão")
    calendar = calendar_for()
    assert calendar.is_working_day(date(2025, 6, 2))
    assert not calendar.is_working_day(date(2025, 6, 3))


def test_an_agency_inherits_the_sessions_of_its_nearest_ancestor(tree):
    assert calendar_for(tree["commune_a"]).weekly == calendar_for().weekly
    WorkingSession.objects.create(
        agency=tree["district"], weekday=5, start=time(7, 30), end=time(11, 30)
    )
    for weekday in range(5):
        WorkingSession.objects.create(
            agency=tree["district"], weekday=weekday, start=time(7), end=time(16)
        )
    saturday = vn(2025, 1, 11, 8, 30)
    assert due(saturday, 1, WORKING_HOURS, calendar_for(tree["commune_a"])) == vn(
        2025, 1, 11, 9, 30
    )
    assert due(saturday, 1, WORKING_HOURS, calendar_for(tree["province"])) == vn(2025, 1, 13, 8)
    assert calendar_for(tree["commune_b"]) is calendar_for(tree["district"])
    assert calendar_for(tree["commune_a"]).hours_per_day == 9


def test_an_agency_moved_to_another_parent_takes_that_parents_sessions(tree):
    WorkingSession.objects.create(agency=tree["department"], weekday=5, start=time(8), end=time(12))
    commune = tree["commune_a"]
    assert 5 not in calendar_for(commune).weekly
    commune.parent = tree["department"]
    commune.save()
    assert 5 in calendar_for(commune).weekly


def test_deleting_the_default_sessions_falls_back_to_the_built_in_week():
    WorkingSession.objects.filter(agency=None).delete()
    assert calendar_for().hours_per_day == 8


def test_the_revision_row_may_be_missing(changes, django_capture_on_commit_callbacks):
    Revision.objects.filter(name="calendar").delete()
    loader._calendars.clear()
    assert calendar_for().hours_per_day == 8
    with django_capture_on_commit_callbacks(execute=True):
        set_day(day=date(2025, 6, 2), is_working=False, name="Nghỉ bão")
    assert len(changes) == 1
    assert not calendar_for().is_working_day(date(2025, 6, 2))
