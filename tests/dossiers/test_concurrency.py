"""Two staff at once: one wins, the other is told; codes never repeat."""

import threading

import pytest
from django.db import connections
from support import MONDAY, walk_to

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import ConflictError
from motcua.dossiers.models import Dossier


def test_an_action_on_a_stale_page_is_a_conflict_and_changes_nothing(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    seen = dossier.version
    lifecycle.request_supplement(dossier, actor=staff["handler"], items=["Bản sao CCCD"], at=MONDAY)
    before = Dossier.objects.values().get(pk=dossier.pk)
    with pytest.raises(ConflictError, match="vừa được người khác cập nhật"):
        lifecycle.forward(dossier, actor=staff["handler"], expected_version=seen, at=MONDAY)
    assert Dossier.objects.values().get(pk=dossier.pk) == before


def _run_together(*jobs):
    """Start every job at the same moment in its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # collected and asserted by the caller
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_staff_acting_at_once_one_wins_the_other_gets_a_conflict(receive, staff):
    dossier = walk_to(receive(), staff, "in_progress", MONDAY)
    version = dossier.version
    results = _run_together(
        lambda: lifecycle.forward(
            Dossier.objects.get(pk=dossier.pk),
            actor=staff["handler"],
            expected_version=version,
            at=MONDAY,
        ),
        lambda: lifecycle.refuse(
            Dossier.objects.get(pk=dossier.pk),
            actor=staff["handler"],
            reason="x",
            expected_version=version,
            at=MONDAY,
        ),
    )
    winners = [r for r in results if isinstance(r, Dossier)]
    losers = [r for r in results if isinstance(r, ConflictError)]
    assert (len(winners), len(losers)) == (1, 1), results
    final = Dossier.objects.get(pk=dossier.pk)
    assert final.status == winners[0].status
    assert final.version == version + 1
    assert final.events.count() == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_get_distinct_consecutive_codes(receive):
    results = _run_together(*[lambda: [receive().code for _ in range(5)] for _ in range(4)])
    codes = [code for batch in results for code in batch]
    assert sorted(codes) == [f"000.21.21.H56-250303-{n:04d}" for n in range(1, 21)]
