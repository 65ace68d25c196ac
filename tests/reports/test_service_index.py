"""The Decision 766 index: computed metrics from the rollups, manual ones from an
administrator, full marks where a metric does not apply at commune level or has nothing to
measure, weights from data."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from support import vn, walk_to

from motcua.dossiers import lifecycle
from motcua.reports.index import NOT_APPLICABLE, NOT_ENTERED, NOTHING_TO_MEASURE, service_index
from motcua.reports.models import COMPUTED_SOURCES, MANUAL, IndexInput, IndexMetric

MARCH = date(2025, 3, 1)


def scores(index) -> dict:
    return {s.metric.code: s for s in index.scores}


def test_the_metrics_are_seeded_from_data_and_weigh_100_points(db):
    metrics = IndexMetric.objects.all()
    assert metrics.count() == 19
    assert sum(m.points for m in metrics) == 100
    assert {m.group for m in metrics} == {1, 2, 3, 4, 5, 6}


def test_march_of_commune_a_from_the_hand_built_history(tree, history):
    index = scores(service_index(tree["commune_a"], MARCH))
    # Resolved in March: A2 on time, A3 late, A4 on time -> 2 of 3 early or on time.
    progress = index["2.1"]
    assert (progress.numerator, progress.denominator, progress.points) == (2, 3, Decimal("13.33"))
    # Marriage is full online: A5 came online, A6 and A8 at the desk.
    online = index["3.1"]
    assert (online.numerator, online.denominator, online.points) == (1, 3, Decimal("4.00"))
    # A4 had a fee and was not paid online; no rating given: nothing to measure, full marks.
    assert (index["4.3"].numerator, index["4.3"].denominator) == (0, 1)
    assert index["5.3"].note == NOTHING_TO_MEASURE and index["5.3"].points == 6
    # Publication metrics do not apply to a commune: full marks, as the national dashboard.
    assert index["1.1"].note == NOT_APPLICABLE and index["1.1"].points == 6
    # Synchronisation with the national portal is computed: none of March's dossiers was
    # confirmed by a reconciliation.
    sync = index["1.4"]
    assert (sync.numerator, sync.points) == (0, 0) and sync.denominator > 0


def test_the_district_gets_no_commune_exemption_and_manual_figures_count(tree, history):
    metric = IndexMetric.objects.get(code="1.1")
    IndexInput.objects.create(
        metric=metric, agency=tree["district"], month=date(2025, 3, 17), numerator=9, denominator=10
    )
    index = scores(service_index(tree["district"], MARCH))
    assert (index["1.1"].numerator, index["1.1"].denominator, index["1.1"].points) == (
        9,
        10,
        Decimal("5.40"),
    )
    assert index["1.2"].note == NOT_ENTERED


def test_weights_are_data(tree, history):
    IndexMetric.objects.filter(code="2.1").update(points=Decimal(30))
    assert scores(service_index(tree["commune_a"], MARCH))["2.1"].points == Decimal("20.00")


def test_ratings_count_as_satisfied_when_no_answer_is_below_satisfied(
    tree, staff, marriage, applicant, make_user
):
    citizen = make_user("dan", first_name="Công dân")
    for (reception, handling, result), day in (((3, 3, 2), 4), ((3, 1, 3), 5)):
        dossier = lifecycle.submit(
            applicant_user=citizen,
            procedure=marriage,
            agency=tree["commune_a"],
            applicant=applicant,
            documents_received=[1],
            at=vn(2025, 3, day, 8),
        )
        dossier = lifecycle.accept(dossier, actor=staff["receiver"], at=vn(2025, 3, day, 9))
        dossier = walk_to(dossier, staff, "returned", vn(2025, 3, day, 10))
        lifecycle.rate(
            dossier,
            actor=citizen,
            reception=reception,
            handling=handling,
            result=result,
            at=vn(2025, 3, day, 11),
        )
    satisfaction = scores(service_index(tree["commune_a"], MARCH))["5.3"]
    assert (satisfaction.numerator, satisfaction.denominator) == (1, 2)
    assert satisfaction.points == Decimal("3.00")


def test_every_seeded_metric_names_a_known_source(db):
    assert {m.source for m in IndexMetric.objects.all()} <= {*COMPUTED_SOURCES, MANUAL}
    metric = IndexMetric.objects.first()
    metric.source = "guesswork"
    with pytest.raises(ValidationError, match="Nguồn số liệu"):
        metric.full_clean()
