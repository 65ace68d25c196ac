"""Register numbers restart every year and never skip nor repeat, even when clerks release
documents at the same moment (threads on PostgreSQL, where rows are really locked)."""

import threading

import pytest
from django.db import connection, transaction

from motcua.eoffice import outgoing
from motcua.eoffice.models import OutgoingDocument
from motcua.eoffice.numbering import take_number


def test_numbers_restart_every_year(office):
    district = office["district"]
    with transaction.atomic():
        assert [take_number(district, 2025, "out") for _ in range(3)] == [1, 2, 3]
        assert take_number(district, 2026, "out") == 1
        assert take_number(district, 2026, "in") == 1
        assert take_number(office["commune_a"], 2026, "out") == 1
        assert take_number(district, 2025, "out") == 4


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_a_transaction(office):
    with pytest.raises(RuntimeError):
        take_number(office["district"], 2026, "out")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_releases_never_skip_nor_repeat(office, make_approved):
    documents = [make_approved(title=f"Văn bản {i}") for i in range(8)]
    start = threading.Barrier(len(documents))
    errors = []

    def release(document):
        try:
            start.wait()
            outgoing.release(document, office["clerk"])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=release, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(OutgoingDocument.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(documents) + 1))
    symbols = set(OutgoingDocument.objects.values_list("symbol", flat=True))
    assert len(symbols) == len(documents)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_takers_get_one_unbroken_run(office):
    taken, start = [], threading.Barrier(12)

    def take():
        start.wait()
        for _ in range(10):
            with transaction.atomic():
                taken.append(take_number(office["district"], 2026, "out"))
        connection.close()

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(1, 121))
