"""Which database a read goes to (motcua.replica). The suite has no replica: a second alias
naming the same database stands in for it here; bench/replica_bench.py runs the routing
against a real streaming replica."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connections, transaction

from motcua import replica
from motcua.catalog.models import Procedure
from motcua.reports.models import Rollup

router = replica.Router()


def test_without_a_replica_nothing_changes():
    assert not replica.configured()
    with replica.reads():
        assert router.db_for_read(Rollup) is None
        assert Procedure.objects.all().db == "default"


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setitem(connections.settings, "replica", connections.settings["default"])
    assert replica.configured()


def test_reads_go_to_the_replica_only_inside_reads(with_replica):
    assert router.db_for_read(Rollup) is None
    with replica.reads():
        assert router.db_for_read(Rollup) == replica.REPLICA
        assert router.db_for_read(Procedure) == replica.REPLICA
        assert router.db_for_write(Rollup) == "default"
    assert router.db_for_read(Rollup) is None


def test_sessions_and_reads_inside_a_transaction_stay_on_the_primary(
    with_replica, transactional_db
):
    with replica.reads():
        assert router.db_for_read(Session) is None
        with transaction.atomic():
            assert router.db_for_read(Rollup) is None
        assert router.db_for_read(Rollup) == replica.REPLICA


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "dossiers")
    assert not router.allow_migrate(replica.REPLICA, "dossiers")


def test_tokens_and_what_is_kept_under_them_are_read_from_the_primary(
    with_replica, transactional_db
):
    from motcua.revisions.models import Revision
    from motcua.revisions.tokens import kept
    from motcua.rules.models import RuleSet

    with replica.reads():
        assert router.db_for_read(Revision) is None
        assert router.db_for_read(RuleSet) == replica.REPLICA
        assert kept("rules", "routing-probe", lambda: router.db_for_read(RuleSet)) is None
        assert router.db_for_read(RuleSet) == replica.REPLICA
