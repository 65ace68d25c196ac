"""The demo year: its reports show the seed's figures, and the bulk path that writes it
produces exactly the rows the lifecycle writes."""

import random
from datetime import date

import pytest
from django.utils import timezone

from motcua.demo import history, loader
from motcua.demo.history_writer import BulkLifecycle
from motcua.dossiers import lifecycle
from motcua.dossiers.events import verify_chain
from motcua.dossiers.lifecycle import steps
from motcua.dossiers.models import DailySequence, Dossier, DossierDocument, DossierEvent, Pause
from motcua.org.models import Agency
from motcua.reports.models import Rollup, StepRollup
from motcua.reports.periodic import periodic_report
from motcua.reports.periods import period
from motcua.reports.rebuild import rebuild, snapshot
from motcua.reports.summary import compose
from motcua.workdays.loader import calendar_for


@pytest.fixture
def demo(db):
    loader.load_agencies()
    loader.load_catalog()
    loader.load_staff()
    return Agency.objects.get(code=history.DISTRICT)


def rows() -> dict:
    """Every row the year writes, keyed by dossier code instead of primary keys."""
    codes = dict(Dossier.objects.values_list("pk", "code"))
    fields = [f.attname for f in Dossier._meta.concrete_fields if f.attname != "id"]
    events = list(DossierEvent.objects.order_by("dossier_id", "sequence"))
    for pk in codes:
        assert verify_chain(e for e in events if e.dossier_id == pk) is None
    event_fields = [
        f.attname
        for f in DossierEvent._meta.concrete_fields
        if f.attname not in ("id", "dossier_id", "hash", "prev_hash")
    ]
    return {
        "dossiers": sorted(Dossier.objects.values_list(*fields)),
        "documents": sorted(
            (codes[d], *rest)
            for d, *rest in DossierDocument.objects.values_list(
                "dossier_id", "order", "name", "form", "copies", "mandatory", "received"
            )
        ),
        "pauses": sorted(
            (codes[d], *rest)
            for d, *rest in Pause.objects.values_list(
                "dossier_id", "started_at", "ended_at", "reason"
            )
        ),
        "events": sorted(
            (codes[e.dossier_id], *(str(getattr(e, name)) for name in event_fields)) for e in events
        ),
        "sequences": sorted(DailySequence.objects.values_list("agency_id", "day", "last")),
        "rollups": snapshot(),
    }


def sample(plans: list) -> list:
    """A few plans of each kind: online, waiting for a supplement, late with and without an
    apology, still open at the year's end, at the district and at communes."""
    picks = []
    for test in (
        lambda p: p.channel == "online",
        lambda p: p.supplement,
        lambda p: p.apology,
        lambda p: p.target == "late" and not p.apology,
        lambda p: p.target == "open",
        lambda p: p.agency.code == history.DISTRICT and p.procedure.time_quantity >= 15,
        lambda p: p.agency.code != history.DISTRICT and p.procedure.time_quantity == 0,
    ):
        picks.extend([p for p in plans if test(p) and p not in picks][:2])
    return picks


def live(picks, district, driver) -> None:
    staff = history.Staff(district)
    calendar = calendar_for(district)
    for n, plan in enumerate(picks):
        history.live(plan, random.Random(n), staff, calendar, driver)
    moment = timezone.make_aware(timezone.datetime(2022, 6, 1, 9, 30))
    history._reject(random.Random(99), district, staff, moment, driver)


def test_the_bulk_path_writes_exactly_the_rows_of_the_lifecycle(demo):
    plans = history.plan_year(random.Random(history.SEED), demo, calendar_for(demo))
    picks = sample(plans)
    assert len(picks) >= 12
    live(picks, demo, lifecycle)
    by_lifecycle = rows()
    Dossier.objects.all().delete()
    DailySequence.objects.all().delete()
    Rollup.objects.all().delete()
    StepRollup.objects.all().delete()
    writer = BulkLifecycle()
    live(picks, demo, writer)
    writer.flush()
    assert rows() == by_lifecycle


def test_the_demo_year_shows_the_seed_figures(demo):
    result = history.generate()
    assert result["received"] == 3061
    assert (result["early_or_on_time"], result["late"], result["open_at_year_end"]) == (3035, 22, 4)
    assert 0.10 <= result["online"] / result["received"] <= 0.25
    assert result["supplements"] > 0 and result["apologies"] > 0
    report = periodic_report(demo, period("year", 2022, start_day=1), timezone.now())
    total = report.total
    assert (total.received_total, total.early + total.on_time, total.late, total.in_progress) == (
        3061,
        3035,
        22,
        4,
    )
    assert (total.refused, total.withdrawn, total.carried) == (0, 0, 0) and total.rejected > 0
    assert total.balanced
    # Receptions fall on working days of 2022 only, spread over every commune.
    calendar = calendar_for(demo)
    days = {
        timezone.localtime(d).date() for d in Dossier.objects.values_list("received_at", flat=True)
    }
    assert all(calendar.is_working_day(day) for day in days if day.year == 2022)
    assert len({line.code for line in report.lines}) >= 8
    communes = periodic_report(demo, period("year", 2022, start_day=1), timezone.now())
    assert communes.total.received_total == 3061
    text = compose(report, 869)
    assert text.startswith(
        "Năm 2022, UBND huyện Tân Biên tiếp nhận và giải quyết 3.061 hồ sơ, trong đó trước hạn "
        "và đúng hạn 3.035 hồ sơ, trễ hạn 22 hồ sơ, đang giải quyết 4 hồ sơ"
    )
    assert "đăng tải 869 tin, bài" in text
    # The four still open at the year's end were resolved in January 2023.
    january = periodic_report(demo, period("month", 2023, 1, start_day=1), timezone.now())
    assert (january.total.carried, january.total.resolved) == (4, 4)
    # The rollups the bulk path left are those a rebuild computes.
    kept = snapshot()
    rebuild()
    assert snapshot() == kept
    assert history.generate() is None
    assert date(2022, 1, 1) not in days


def test_the_bulk_writer_runs_the_lifecycle_steps_not_its_own(demo, monkeypatch):
    """Entering a step, starting the clock, handing over, finishing and recording are the
    lifecycle's steps on both paths: a rule changed there reaches the demo year."""
    calls = []
    for name in ("record", "enter_step", "start_clock", "hand_over", "finish"):
        original = getattr(steps, name)

        def spy(store, *args, _name=name, _original=original, **kwargs):
            calls.append((type(store).__name__, _name))
            return _original(store, *args, **kwargs)

        monkeypatch.setattr(steps, name, spy)
    plans = history.plan_year(random.Random(history.SEED), demo, calendar_for(demo))
    picks = [next(p for p in plans if p.supplement), next(p for p in plans if p.apology)]
    live(picks, demo, lifecycle)
    by_lifecycle = [name for store, name in calls if store == "Database"]
    calls.clear()
    writer = BulkLifecycle()
    live(picks, demo, writer)
    assert {store for store, _ in calls} == {"BulkLifecycle"}
    assert [name for _, name in calls] == by_lifecycle
    assert {"record", "enter_step", "start_clock", "hand_over", "finish"} <= set(by_lifecycle)
