"""Settings for one phase of bench/pgbouncer_bench.py: the app's, behind PgBouncer
(`MOTCUA_PGBOUNCER=1`), but keeping Django's own connection to PgBouncer open between
requests, to measure what persistent client connections to the pooler would give."""

from motcua.settings import *  # noqa: F403
from motcua.settings import DATABASES

for _database in DATABASES.values():
    _database["CONN_MAX_AGE"] = 60
