"""Lifecycle at scale, on PostgreSQL.

1. Receive N dossiers (default 100,000) through `lifecycle.receive`, one transaction each,
   and insert the same rows (dossier, its documents, its event) with plain SQL, one
   transaction each, in the same run: dossiers per second and the ratio.
2. Fill the table to M dossiers (default 1,000,000) in bulk and time the work queues
   (a handler's "to handle", a receiver's "due within a working day", the overdue count)
   as one query each.

Runs in a throwaway database (`test_<name>` of DATABASE_URL); needs PostgreSQL.
`python -m bench lifecycle --dossiers 20000 --queue-dossiers 200000` for a quick run.
"""

import argparse
import json
import random
import statistics
import time
from datetime import datetime, timedelta

from django.db import connection, transaction

ARGS = argparse.ArgumentParser(prog="bench lifecycle")
# One reception's row of the rollups (day, month or year): received 1, every other count 0.
ROLLUP_ROW = "(%s, %s, %s, %s, 'counter', 1" + ", 0" * 20 + ")"
ARGS.add_argument("--dossiers", type=int, default=100_000)
ARGS.add_argument("--queue-dossiers", type=int, default=1_000_000)


def main() -> None:
    options, _ = ARGS.parse_known_args()
    if connection.vendor != "postgresql":
        print("lifecycle bench needs PostgreSQL: DATABASE_URL=postgres://... make bench")
        return
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(options)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def run(options) -> None:
    from motcua.demo import loader

    loader.load_agencies()
    loader.load_catalog()
    loader.load_staff()
    setting = Setting()
    print(f"receive {options.dossiers:,} dossiers, one transaction each")
    lifecycle_rate = setting.receive_through_lifecycle(options.dossiers)
    sql_rate = setting.insert_with_plain_sql(options.dossiers)
    print(f"  lifecycle.receive : {lifecycle_rate:10,.0f} dossiers/s")
    print(f"  plain SQL inserts : {sql_rate:10,.0f} dossiers/s")
    print(f"  ratio             : {sql_rate / lifecycle_rate:10.1f} × (plain SQL / lifecycle)")
    print(f"\nwork queues at {options.queue_dossiers:,} dossiers")
    setting.fill(options.queue_dossiers)
    for label, seconds in setting.time_queues():
        print(f"  {label:<38} {seconds * 1000:8.2f} ms (median of 20)")


class Setting:
    """The demo district, one receiver, the commune-level procedures it handles."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from motcua.catalog.models import Procedure
        from motcua.org.models import Agency

        self.receiver = get_user_model().objects.get(username="tiepnhan.tanlap")
        self.agency = Agency.objects.get(
            role_assignments__user=self.receiver, role_assignments__role="receiver"
        )
        self.procedures = list(
            Procedure.objects.filter(agency_kinds=self.agency.kind_id, time_quantity__gt=0)
        )
        self.random = random.Random(2022)

    def _applicant(self, n: int):
        from motcua.dossiers.applicants import Applicant

        return Applicant(
            kind="individual",
            name=f"Nguyễn Văn Thử {n}",
            id_number=f"{72_000_000_000 + n:012d}",
            phone=f"09{n % 100_000_000:08d}",
            address="xã Tân Lập, huyện Tân Biên",
        )

    def receive_through_lifecycle(self, count: int) -> float:
        from motcua.catalog.services import current_version
        from motcua.dossiers import lifecycle
        from motcua.workdays.engine import VIETNAM_TZ

        documents = {p.pk: current_version(p).data["documents"] for p in self.procedures}
        start = datetime(2024, 1, 2, 8, tzinfo=VIETNAM_TZ)
        began = time.perf_counter()
        for n in range(count):
            procedure = self.procedures[n % len(self.procedures)]
            lifecycle.receive(
                actor=self.receiver,
                procedure=procedure,
                agency=self.agency,
                applicant=self._applicant(n),
                documents_received=list(range(1, len(documents[procedure.pk]) + 1)),
                at=start + timedelta(minutes=n // 20),
            )
        return count / (time.perf_counter() - began)

    def insert_with_plain_sql(self, count: int) -> float:
        """The same rows as `receive` writes, by hand: the day's counter, the dossier, its
        documents, one event, the day's rollup row and the open-dossier ledger row."""
        from motcua.dossiers.models import Dossier
        from motcua.reports.models import OpenDossier

        template = Dossier.objects.order_by("pk").first()
        documents = list(
            template.documents.values_list("order", "name", "form", "copies", "mandatory")
        )
        event = template.events.get()
        ledger = OpenDossier.objects.get(dossier=template)
        day = template.received_at.date()
        periods = (day, day.replace(day=1), day.replace(month=1, day=1))  # day, month, year
        began = time.perf_counter()
        for n in range(count):
            with transaction.atomic(), connection.cursor() as c:
                c.execute(
                    """INSERT INTO dossiers_dailysequence (agency_id, day, last)
                    VALUES (%s, %s, 1) ON CONFLICT (agency_id, day)
                    DO UPDATE SET last = dossiers_dailysequence.last + 1 RETURNING last""",
                    [self.agency.pk, day + timedelta(days=1)],
                )
                c.execute(
                    """INSERT INTO dossiers_dossier (code, procedure_id, procedure_version_id,
                    receiving_agency_id, handling_agency_id, applicant_kind, applicant_name,
                    applicant_id_number, applicant_phone, applicant_email, applicant_address,
                    applicant_name_folded, channel, delivery, status, sets, form_data, fee_amount,
                    submitted_at, received_at, due_at, appointment_at, current_step, "current_role",
                    current_agency_id, step_started_at, step_due_at, version, outcome)
                    VALUES (%s,%s,%s,%s,%s,'individual',%s,%s,%s,'',%s,%s,'counter','desk',
                    'received',1,'{}',0,%s,%s,%s,%s,0,'receiver',%s,%s,%s,1,'') RETURNING id""",
                    [
                        f"SQL-{n:08d}",
                        template.procedure_id,
                        template.procedure_version_id,
                        self.agency.pk,
                        self.agency.pk,
                        f"Nguyễn Văn Thử {n}",
                        f"{72_000_000_000 + n:012d}",
                        f"09{n % 100_000_000:08d}",
                        template.applicant_address,
                        f"nguyen van thu {n}",
                        template.received_at,
                        template.received_at,
                        template.due_at,
                        template.due_at,
                        self.agency.pk,
                        template.received_at,
                        template.step_due_at,
                    ],
                )
                dossier_id = c.fetchone()[0]
                c.executemany(
                    """INSERT INTO dossiers_dossierdocument (dossier_id, "order", name, form, copies,
                    mandatory, received) VALUES (%s,%s,%s,%s,%s,%s,true)""",
                    [(dossier_id, *document) for document in documents],
                )
                c.execute(
                    """INSERT INTO dossiers_dossierevent (dossier_id, sequence, at, actor_id,
                    actor_name, kind, from_status, to_status, step, agency_id, note, payload,
                    public, prev_hash, hash) VALUES (%s,1,%s,%s,%s,'receive','','received',0,%s,'',
                    '{}',true,%s,%s)""",
                    [
                        dossier_id,
                        event.at,
                        event.actor_id,
                        event.actor_name,
                        self.agency.pk,
                        event.prev_hash,
                        event.hash,
                    ],
                )
                c.execute(
                    """INSERT INTO reports_rollup (agency_id, grain, starts_on, procedure_id,
                    channel, received, early, on_time, late, refused, withdrawn, rejected,
                    apologised, waiting_in, waiting_out, overdue_in, overdue_out, e_result,
                    e_documents, with_fee, paid_online, late_unapologised, rated, satisfied,
                    moved_in, moved_out) VALUES """
                    + ", ".join([ROLLUP_ROW] * 3)
                    + """ ON CONFLICT (agency_id, grain, starts_on, procedure_id, channel)
                    DO UPDATE SET received = reports_rollup.received + excluded.received""",
                    [
                        part
                        for grain, starts in enumerate(periods, start=1)
                        for part in (self.agency.pk, grain, starts, template.procedure_id)
                    ],
                )
                c.execute(
                    """INSERT INTO reports_opendossier (dossier_id, facts, step, step_due_at)
                    VALUES (%s, %s, %s, %s)""",
                    [dossier_id, json.dumps(ledger.facts), ledger.step, ledger.step_due_at],
                )
        return count / (time.perf_counter() - began)

    def fill(self, total: int) -> None:
        """Copy the received dossiers in bulk until the table holds `total`, spread over
        statuses, roles, agencies and due dates as a live system's table is."""
        from motcua.org.models import Agency

        agencies = list(Agency.objects.values_list("pk", flat=True))
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM dossiers_dossier")
            present = c.fetchone()[0]
            missing = max(0, total - present)
            c.execute(
                """INSERT INTO dossiers_dossier (code, procedure_id, procedure_version_id,
                receiving_agency_id, handling_agency_id, applicant_kind, applicant_name,
                applicant_id_number, applicant_phone, applicant_email, applicant_address,
                applicant_name_folded, channel, delivery, status, sets, form_data, fee_amount,
                submitted_at, received_at, due_at, appointment_at, finished_at, current_step,
                "current_role", current_agency_id, step_started_at, step_due_at, version, outcome)
                SELECT 'FILL-' || g, d.procedure_id, d.procedure_version_id, a.id, a.id,
                  'individual', d.applicant_name, d.applicant_id_number, d.applicant_phone, '', '',
                  d.applicant_name_folded, 'counter', 'desk',
                  CASE WHEN g %% 10 < 8 THEN 'returned' WHEN g %% 10 = 8 THEN 'in_progress' ELSE 'received' END,
                  1, '{}', 0, d.received_at - (g %% 1500) * interval '1 day',
                  d.received_at - (g %% 1500) * interval '1 day',
                  d.due_at - (g %% 1500) * interval '1 day', d.due_at - (g %% 1500) * interval '1 day',
                  CASE WHEN g %% 10 < 8 THEN d.due_at - (g %% 1500) * interval '1 day' END,
                  CASE WHEN g %% 10 < 8 THEN NULL WHEN g %% 10 = 8 THEN 1 ELSE 0 END,
                  CASE WHEN g %% 10 < 8 THEN '' WHEN g %% 10 = 8 THEN 'handler' ELSE 'receiver' END,
                  CASE WHEN g %% 10 < 8 THEN NULL ELSE a.id END,
                  d.received_at, d.step_due_at, 1,
                  CASE WHEN g %% 10 < 8 THEN 'on_time' ELSE '' END
                FROM generate_series(1, %s) g
                JOIN LATERAL (SELECT * FROM dossiers_dossier ORDER BY id LIMIT 1) d ON true
                JOIN LATERAL (SELECT id FROM org_agency WHERE id = (%s::bigint[])[1 + g %% %s]) a ON true
                """,
                [missing, agencies, len(agencies)],
            )
            c.execute("ANALYZE dossiers_dossier")

    def time_queues(self):
        from django.contrib.auth import get_user_model
        from django.utils import timezone

        from motcua.dossiers.models import OPEN_STATUSES, Dossier
        from motcua.org.access import visible_agencies

        users = get_user_model().objects
        handler = (
            users.get(username="thuly.tanlap")
            if users.filter(username="thuly.tanlap").exists()
            else users.filter(role_assignments__role="handler").first()
        )
        now = timezone.now()
        queries = {
            "handler: to handle (first page)": lambda: list(
                Dossier.objects.filter(
                    status__in=OPEN_STATUSES,
                    current_role="handler",
                    current_agency__in=visible_agencies(handler, "handler"),
                ).order_by("due_at")[:50]
            ),
            "receiver: due within a working day": lambda: list(
                Dossier.objects.filter(
                    status__in=OPEN_STATUSES,
                    current_agency__in=visible_agencies(self.receiver),
                    due_at__gte=now,
                    due_at__lte=now + timedelta(days=1),
                ).order_by("due_at")[:50]
            ),
            "receiver: overdue count": lambda: Dossier.objects.filter(
                status__in=OPEN_STATUSES,
                current_agency__in=visible_agencies(self.receiver),
                due_at__lt=now,
            ).count(),
        }
        for label, query in queries.items():
            query()
            samples = []
            for _ in range(20):
                began = time.perf_counter()
                query()
                samples.append(time.perf_counter() - began)
            yield label, statistics.median(samples)
