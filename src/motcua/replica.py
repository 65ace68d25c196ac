"""Reads sent to a PostgreSQL streaming replica (docs/scaling.md, decision 0114).

When `MOTCUA_DATABASE_REPLICA_URL` is set, settings add a `replica` database alias and
this router. Only code run inside `reads()` (a decorator for report pages and API lists, or
a `with` block) reads from the replica; everything else, every write and every read inside
a transaction on the primary stays on `default`. Sessions, users and second-factor devices
are always read from the primary: a login written a moment ago may not have reached the
replica yet. Without the variable there is no `replica` alias and nothing changes.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Apps whose rows a request needs as just written (login, session, second factor).
# The revision tokens too: what a process keeps under a token is read from the primary
# (`primary()`), so the token must come from there as well.
FRESH_APPS = frozenset(
    {"sessions", "auth", "axes", "otp_totp", "otp_static", "contenttypes", "revisions"}
)

_reading = ContextVar("motcua_replica_reads", default=False)


@contextmanager
def reads():
    """Inside this block, or the view it decorates (`@reads()`), reads go to the replica
    when one is configured."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


@contextmanager
def primary():
    """Inside this block reads go to the primary, even within `reads()`: for values kept
    beyond the request (`revisions.tokens.kept`), which a lagging replica could give from
    before the change their token already names."""
    token = _reading.set(False)
    try:
        yield
    finally:
        _reading.reset(token)


def configured() -> bool:
    return REPLICA in connections.databases


class Router:
    def db_for_read(self, model, **hints):
        if (
            _reading.get()
            and configured()
            and model._meta.app_label not in FRESH_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return None  # Django then follows the instance's database, or `default`

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS  # also for a row read from the replica

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows, a moment apart

    def allow_migrate(self, db, app_label, **hints):
        return db == DEFAULT_DB_ALIAS
