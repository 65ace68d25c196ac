"""Receiving a dossier runs a fixed, small number of statements."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from support import MONDAY


def test_receiving_a_dossier_runs_a_fixed_number_of_statements(receive):
    receive(at=MONDAY)  # the first of the day creates the counter; the calendar is compiled
    with CaptureQueriesContext(connection) as captured:
        dossier = receive(at=MONDAY)
    statements = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert dossier.code.endswith("-0002")
    # The revision tokens (the actor's roles, the calendar, the rule sets, the catalog and
    # the webhook subscriptions are kept in the process while their token holds), then the
    # six writes: the counter, the dossier, its documents, its event, the rollup, the
    # open-dossier ledger.
    assert len(statements) <= 7, "\n".join(statements)
    assert sum("revisions_revision" in s for s in statements) == 1
    kept = ("org_roleassignment", "rules_ruleset", "catalog_procedureversion")
    for table in (*kept, "catalog_procedure_agency_kinds"):
        assert not [s for s in statements if table in s], table
    assert not [s for s in statements if "interop_subscription" in s]
    counter = [s for s in statements if "dossiers_dailysequence" in s]
    assert len(counter) == 1 and "ON CONFLICT" in counter[0] and "RETURNING" in counter[0]
    # Nothing is read that a new dossier cannot have, and its row is written once.
    assert not [s for s in statements if s.startswith('UPDATE "dossiers_dossier"')]
    assert not [s for s in statements if 'FROM "dossiers_pause"' in s]
    assert not [s for s in statements if 'FROM "dossiers_dossierevent"' in s]
    dossier.refresh_from_db()
    assert dossier.version == 1 and dossier.due_at is not None
    assert [(e.sequence, e.kind) for e in dossier.events.all()] == [(1, "receive")]
    assert dossier.documents.count() == 2


def test_the_daily_counter_numbers_each_agency_and_day_from_one(receive, tree, staff):
    codes = [receive(at=MONDAY).code for _ in range(3)]
    codes.append(receive(at=MONDAY + timedelta(days=1)).code)
    codes.append(receive(at=MONDAY, agency=tree["commune_b"], actor=staff["other_receiver"]).code)
    assert [code[-11:] for code in codes] == [
        "250303-0001",
        "250303-0002",
        "250303-0003",
        "250304-0001",
        "250303-0001",
    ]
