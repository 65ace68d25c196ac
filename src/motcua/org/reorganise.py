"""Re-organising agencies on one day: the plan is checked against the tree, recorded, and
carried out in one transaction on its effective date.

On that day the agencies a plan ends cease (their `valid_to` is the day before) and name
their successors; created agencies start; renamed and moved ones change in place (a moved
agency takes its subtree and its history along). Open dossiers of an ended agency move to
its successor with a `transfer` event; closed ones keep their agency, so the reports of
past periods add up under the tree of their time. Roles held at an ended agency move or end
as the plan says; working sessions and agency signers follow to a successor that has none.

A plan that would leave an open dossier, a role or a unit without a home is refused, with
every reason. `record` keeps a plan dated in the future; the worker's hourly chores carry
it out when its day comes (`apply_due`).

>>> reorganisation = record(read_plan(Path("tan-bien-2025.toml")))
>>> apply(reorganisation).outcome["dossiers_moved"]
12
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from motcua.dossiers import lifecycle
from motcua.dossiers.models import OPEN_STATUSES, Dossier
from motcua.request_memo import forget
from motcua.signing.models import SignerConfig
from motcua.workdays.engine import VIETNAM_TZ
from motcua.workdays.models import WorkingSession

from . import places
from .models import AddressChange, Agency, AgencyKind, Reorganisation, RoleAssignment
from .plans import PlanError

AGENCY_KEYS = ("name", "short_name", "place_name", "address", "phone", "email")
SHOWN = 5  # dossier codes named in a refusal before "…"


class Check:
    """The plan read against the tree as it stands: what ends, where each thing goes."""

    def __init__(self, plan: dict):
        self.plan = plan
        self.day = plan["effective"]
        self.problems: list[str] = []
        self.existing = {a.code: a for a in Agency.objects.select_related("kind")}
        self.created = {item.get("code", ""): item for item in plan["agencies"]}
        self.kinds = {k.code for k in AgencyKind.objects.all()} | {
            k.get("code") for k in plan["kinds"]
        }
        # ended code -> (successor codes, where its dossiers go, where its roles go)
        self.ends: dict[str, tuple[list[str], str, str | None]] = {}
        self._read_created()
        self._read_changes()
        if not self.problems:
            self._check_children()
            self.roles = self._role_rules()
            self._check_dossiers()
        if self.problems:
            raise PlanError(self.problems)

    # -- the plan's own consistency

    def known(self, code: str, what: str) -> bool:
        if code in self.created:
            return True
        agency = self.existing.get(code)
        if agency is None:
            self.problems.append(f"{what}: không có cơ quan mã “{code}”.")
            return False
        if not agency.in_force_on(self.day - timedelta(days=1)) and not agency.in_force_on(
            self.day
        ):
            self.problems.append(
                f"{what}: cơ quan {code} ({agency}) không hoạt động vào ngày {self.day:%d/%m/%Y}."
            )
            return False
        return True

    def _read_created(self) -> None:
        for item in self.plan["agencies"]:
            code = item.get("code", "")
            missing = [k for k in ("code", "name", "kind") if not item.get(k)]
            if missing:
                self.problems.append(f"Cơ quan mới “{code}”: thiếu {', '.join(missing)}.")
            if code in self.existing:
                self.problems.append(f"Cơ quan mới: mã {code} đã có ({self.existing[code]}).")
            if item.get("kind") and item["kind"] not in self.kinds:
                self.problems.append(f"Cơ quan mới {code}: không có loại cơ quan “{item['kind']}”.")
            if item.get("parent"):
                self.known(item["parent"], f"Cơ quan mới {code}")

    def _end(self, code: str, successors: list[str], dossiers: str, roles: str | None) -> None:
        if code in self.ends:
            self.problems.append(f"Cơ quan {code} được kết thúc hai lần trong phương án.")
        elif code in self.created:
            self.problems.append(f"Cơ quan {code} vừa được tạo, không thể kết thúc ngay.")
        self.ends[code] = (successors, dossiers, roles)

    def _read_changes(self) -> None:
        for merge in self.plan["merge"]:
            sources, into = merge.get("from") or [], merge.get("into", "")
            if isinstance(sources, str):
                sources = [sources]
            if not sources or not into:
                self.problems.append("Sáp nhập: cần from (danh sách mã) và into (mã).")
                continue
            self.known(into, "Sáp nhập vào")
            for code in sources:
                if self.known(code, "Sáp nhập"):
                    self._end(code, [into], into, _roles_rule(merge.get("roles"), into))
        for split in self.plan["split"]:
            source, into = split.get("from", ""), split.get("into") or []
            if not source or len(into) < 2:
                self.problems.append("Chia tách: cần from (mã) và into (ít nhất hai mã).")
                continue
            dossiers = split.get("dossiers", "")
            if dossiers != places.RESIDENCE and dossiers not in into:
                self.problems.append(
                    f"Chia tách {source}: dossiers phải là một mã trong into hoặc "
                    f"“{places.RESIDENCE}” (theo nơi cư trú của người nộp)."
                )
            roles = split.get("roles")
            if roles not in (None, "end", *into):
                self.problems.append(
                    f"Chia tách {source}: roles phải là “end” hoặc một mã trong into."
                )
            for code in into:
                self.known(code, f"Chia tách {source} thành")
            if self.known(source, "Chia tách"):
                self._end(source, list(into), dossiers, _roles_rule(roles, None))
        for rename in self.plan["rename"]:
            code = rename.get("agency", "")
            if self.known(code, "Đổi tên") and not rename.get("name"):
                self.problems.append(f"Đổi tên {code}: thiếu tên mới (name).")
        for move in self.plan["move"]:
            code, parent = move.get("agency", ""), move.get("parent", "")
            known = self.known(code, "Điều chuyển") and self.known(parent, f"Điều chuyển {code} về")
            if known and code in self.ends:
                self.problems.append(f"Điều chuyển {code}: cơ quan này kết thúc.")
        for role in self.plan["roles"]:
            if not role.get("user") or not role.get("at"):
                self.problems.append("Vai trò: cần user và at (mã cơ quan).")
                continue
            self.known(role["at"], f"Vai trò của {role['user']}")
            if role.get("to"):
                self.known(role["to"], f"Vai trò của {role['user']} chuyển đến")
        for address in self.plan["addresses"]:
            if not address.get("old") or not address.get("new"):
                self.problems.append("Địa danh: cần old và new.")
            elif address.get("agency"):
                self.known(address["agency"], f"Địa danh {address['old']}")

    # -- what the tree needs

    def _check_children(self) -> None:
        moved = {m["agency"] for m in self.plan["move"]}
        ended = [self.existing[c] for c in self.ends]
        children = Agency.objects.in_force(self.day).filter(parent__in=ended)
        for child in children.select_related("parent"):
            if child.code not in self.ends and child.code not in moved:
                self.problems.append(
                    f"Đơn vị {child.code} ({child}) trực thuộc {child.parent} sẽ không còn cơ "
                    "quan cấp trên: kết thúc hoặc điều chuyển nó trong phương án."
                )

    def _role_rules(self) -> dict[int, str]:
        """Where each role held at an ended agency goes: assignment id -> code, "" to end."""
        named = {rule["user"] for rule in self.plan["roles"]}
        users = dict(
            get_user_model().objects.filter(username__in=named).values_list("username", "pk")
        )
        explicit = {}
        for rule in self.plan["roles"]:
            if rule["user"] not in users:
                self.problems.append(f"Vai trò: không có tài khoản “{rule['user']}”.")
                continue
            explicit[(users[rule["user"]], rule["at"], rule.get("role"))] = rule.get("to", "")
        rules = {}
        ats = {rule["at"] for rule in self.plan["roles"] if rule.get("at")}
        held = RoleAssignment.objects.filter(agency__code__in=[*self.ends, *ats])
        for assignment in held.select_related("agency", "user"):
            code = assignment.agency.code
            key = (assignment.user_id, code)
            target = explicit.get((*key, assignment.role), explicit.get((*key, None)))
            if target is None and code in self.ends:
                target = self.ends[code][2]
            if target is None:
                if code in self.ends:
                    self.problems.append(
                        f"Vai trò “{assignment.get_role_display()}” của {assignment.user.username}"
                        f" tại {assignment.agency} không có nơi chuyển đến (roles hoặc [[roles]])."
                    )
                continue
            rules[assignment.pk] = target
        return rules

    def destination(self, dossier: Dossier, agency: Agency) -> str | None:
        """The code of the agency that takes over `agency`'s part of `dossier`."""
        successors, rule, _ = self.ends[agency.code]
        if rule != places.RESIDENCE:
            return rule
        home = places.residence_code(dossier.applicant_address, self.plan["addresses"])
        return home if home in successors else None

    def _check_dossiers(self) -> None:
        ended = [self.existing[c].pk for c in self.ends]
        # (dossier id, {"receiving": code, "handling": code} now, the same after the move)
        self.moves: list[tuple[int, dict, dict]] = []
        homeless: dict[str, list[str]] = defaultdict(list)
        open_dossiers = Dossier.objects.filter(status__in=OPEN_STATUSES).filter(_touching(ended))
        for dossier in open_dossiers.select_related("receiving_agency", "handling_agency"):
            codes = []
            for agency in (dossier.receiving_agency, dossier.handling_agency):
                code = (
                    self.destination(dossier, agency) if agency.code in self.ends else agency.code
                )
                if code is None and dossier.code not in homeless[str(agency)]:
                    homeless[str(agency)].append(dossier.code)  # received and handled there
                codes.append(code)
            if None not in codes:
                now = {"receiving": dossier.receiving_agency.code}
                now["handling"] = dossier.handling_agency.code
                self.moves.append((dossier.pk, now, dict(zip(now, codes, strict=True))))
        for agency, codes in homeless.items():
            more = "…" if len(codes) > SHOWN else ""
            self.problems.append(
                f"{len(codes)} hồ sơ đang giải quyết tại {agency} không có cơ quan nhận theo nơi"
                f" cư trú của người nộp: {', '.join(codes[:SHOWN])}{more}."
            )


def _roles_rule(roles: str | None, into: str | None) -> str | None:
    """Where a change sends the roles held at what it ends: a code, "" (they end), or None
    (the plan's [[roles]] must say)."""
    if roles == "move":
        return into
    return "" if roles == "end" else roles


def _touching(agency_ids: list[int]) -> Q:
    return (
        Q(receiving_agency_id__in=agency_ids)
        | Q(handling_agency_id__in=agency_ids)
        | Q(current_agency_id__in=agency_ids)
    )


def check(plan: dict) -> Check:
    """The plan checked against today's tree; raises PlanError with every problem."""
    return Check(plan)


def record(plan: dict, source: str = "") -> Reorganisation:
    """Keep a checked plan; it is carried out on its effective date (`apply_due`)."""
    check(plan)
    return Reorganisation.objects.create(
        name=plan["name"],
        basis=plan["basis"],
        effective_on=plan["effective"],
        plan={**plan, "effective": plan["effective"].isoformat()},
        source=source,
    )


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VIETNAM_TZ)


@transaction.atomic
def apply(reorganisation: Reorganisation, at: datetime | None = None) -> Reorganisation:
    """Carry the plan out, checked again against the tree as it is now. `at` is the moment
    of the dossiers' transfer events (default: the start of the effective day, or now when
    that has passed)."""
    reorganisation = Reorganisation.objects.select_for_update().get(pk=reorganisation.pk)
    if reorganisation.applied_at:
        raise PlanError([f"Phương án “{reorganisation}” đã được thực hiện."])
    plan = {**reorganisation.plan, "effective": reorganisation.effective_on}
    plan_check = check(plan)
    day = reorganisation.effective_on
    at = at or max(start_of(day), timezone.now())
    agencies = _create_agencies(plan, day)
    for rename in plan["rename"]:
        agency = agencies[rename["agency"]]
        for key in ("name", "short_name", "place_name"):
            if key in rename:
                setattr(agency, key, rename[key])
        agency.save()
    for move in plan["move"]:
        agency = agencies[move["agency"]]
        agency.parent = agencies[move["parent"]]
        agency.save()
    for code, (successors, _dossiers, _roles) in plan_check.ends.items():
        agency = agencies[code]
        agency.valid_to = day - timedelta(days=1)
        agency.save(update_fields=["valid_to"])
        agency.successors.set([agencies[s] for s in successors])
    roles = _move_roles(plan_check.roles, agencies)
    followed = _follow(plan_check.ends, agencies)
    for address in plan["addresses"]:
        AddressChange.objects.create(
            reorganisation=reorganisation,
            old=address["old"],
            new=address["new"],
            agency=agencies.get(address.get("agency", "")),
            effective_on=day,
        )
    forget()
    moved = _move_dossiers(plan_check.moves, agencies, reorganisation, at)
    reorganisation.applied_at = timezone.now()
    reorganisation.outcome = {
        "created": [item["code"] for item in plan["agencies"]],
        "ended": sorted(plan_check.ends),
        "dossiers_moved": moved,
        **roles,
        **followed,
    }
    reorganisation.save(update_fields=["applied_at", "outcome"])
    return reorganisation


def apply_due(now: datetime | None = None) -> list[Reorganisation]:
    """Carry out every recorded plan whose day has come (the worker calls this hourly)."""
    today = timezone.localdate(now)
    due = Reorganisation.objects.filter(applied_at__isnull=True, effective_on__lte=today)
    return [apply(r) for r in due.order_by("effective_on", "pk")]


def _create_agencies(plan: dict, day: date) -> dict[str, Agency]:
    for kind in plan["kinds"]:
        AgencyKind.objects.update_or_create(code=kind["code"], defaults={"name": kind["name"]})
    kinds = {k.code: k for k in AgencyKind.objects.all()}
    agencies = {a.code: a for a in Agency.objects.all()}
    for item in plan["agencies"]:
        agency = Agency(
            code=item["code"],
            kind=kinds[item["kind"]],
            parent=agencies.get(item.get("parent", "")),
            valid_from=day,
            **{key: item.get(key, "") for key in AGENCY_KEYS},
        )
        agency.save()
        agencies[agency.code] = agency
    return agencies


def _move_roles(rules: dict[int, str], agencies: dict[str, Agency]) -> dict[str, list[str]]:
    moved, ended = [], []
    for assignment in RoleAssignment.objects.filter(pk__in=rules).select_related("agency", "user"):
        target = rules[assignment.pk]
        what = f"{assignment.user.username}: {assignment.role}@{assignment.agency.code}"
        if not target:
            assignment.delete()
            ended.append(what)
            continue
        duplicate = RoleAssignment.objects.filter(
            user=assignment.user, agency=agencies[target], role=assignment.role
        )
        if duplicate.exists():
            assignment.delete()
        else:
            assignment.agency = agencies[target]
            assignment.save(update_fields=["agency"])
        moved.append(f"{what} → {target}")
    return {"roles_moved": moved, "roles_ended": ended}


def _follow(ends: dict, agencies: dict[str, Agency]) -> dict[str, list[str]]:
    """Working sessions and agency signers of an ended agency go to its first successor
    when that one has none of its own (until the successor sets its own)."""
    calendars, signers = [], []
    for code, (successors, _dossiers, _roles) in ends.items():
        old, new = agencies[code], agencies[successors[0]]
        sessions = list(WorkingSession.objects.filter(agency=old))
        if sessions and not WorkingSession.objects.filter(agency=new).exists():
            for session in sessions:
                WorkingSession.objects.create(
                    agency=new, weekday=session.weekday, start=session.start, end=session.end
                )
            calendars.append(f"{code} → {new.code}")
        configs = SignerConfig.objects.filter(agency=old, active=True)
        if configs.exists() and not SignerConfig.objects.filter(agency=new, active=True).exists():
            configs.update(agency=new)
            signers.append(f"{code} → {new.code}")
    return {"calendars_followed": calendars, "signers_followed": signers}


def _move_dossiers(moves, agencies, reorganisation: Reorganisation, at: datetime) -> int:
    note = reorganisation.basis or reorganisation.name
    for pk, before, after in moves:
        lifecycle.transfer(
            Dossier(pk=pk),  # read again under its lock by the lifecycle
            receiving=agencies[after["receiving"]],
            handling=agencies[after["handling"]],
            at=at,
            note=note,
            payload={"reorganisation": reorganisation.pk, "from": before, "to": after},
        )
    return len(moves)
