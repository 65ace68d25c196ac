"""The district's reform year 2022 for `motcua demo`, from the files in `data/`: the plan
with its progress reports (a PDF of evidence each), the PAR index of 2021 and 2022 with the
district's self-assessments reviewed by the province, feedback, and training. Idempotent:
a second run changes nothing."""

import tomllib
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.html import escape

from motcua.org.models import Agency
from motcua.printing.services import pdf
from motcua.workdays.engine import VIETNAM_TZ

from . import assessment, feedback, plan, training
from .criteria import load_criteria
from .models import Assessment, Course, Criterion, Feedback, Plan

DATA = Path(__file__).resolve().parent / "data"
REPORTED_AT = time(16, 0)


def _read(name: str) -> dict:
    with open(DATA / name, "rb") as file:
        return tomllib.load(file)


def _at(day: date, moment: time = REPORTED_AT) -> datetime:
    return datetime.combine(day, moment, tzinfo=VIETNAM_TZ)


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load what is not there yet; returns counts of what the demo holds."""
    agencies = {a.code: a for a in Agency.objects.all()}
    officer, province_officer = _user("cchc.huyen"), _user("cchc.tinh")
    data = _read("plan_2022.toml")
    if not Plan.objects.filter(agency=agencies[data["agency"]], year=data["year"]).exists():
        _load_plan(data, agencies, officer)
    if not Feedback.objects.exists():
        _load_feedback(_read("feedback_2022.toml")["feedback"], agencies, officer)
    par = _read("par_index.toml")
    for year in par["years"]:
        if not Criterion.objects.filter(year=year).exists():
            load_criteria(
                year,
                [
                    {**c, "points": c.get("points", 0), "measure": c.get("measure", "")}
                    for c in par["criteria"]
                ],
            )
    for year, item in par["assessments"].items():
        agency = agencies[item["agency"]]
        if not Assessment.objects.filter(agency=agency, year=int(year)).exists():
            _load_assessment(int(year), agency, item, officer, province_officer)
    if not Course.objects.exists():
        _load_training(_read("training_2022.toml")["courses"], agencies, officer)
    return {
        "tasks": Plan.objects.get(agency=agencies[data["agency"]], year=data["year"]).tasks.count(),
        "feedback": Feedback.objects.count(),
        "courses": Course.objects.count(),
    }


def _evidence(task, day: date) -> bytes:
    html = (
        "<html><body style='font-family: \"Liberation Serif\", serif'>"
        f"<h1 style='font-size:14pt'>Minh chứng nhiệm vụ {task.number}</h1>"
        f"<p>{escape(task.title)}</p><p>Sản phẩm: {escape(task.output)}</p>"
        f"<p>Ngày {day:%d/%m/%Y} (bản minh họa)</p></body></html>"
    )
    return pdf(html)


def _load_plan(data: dict, agencies: dict, officer) -> None:
    the_plan = Plan.objects.create(
        agency=agencies[data["agency"]],
        year=data["year"],
        number=data["number"],
        issued_on=data["issued_on"],
        title=data["title"],
    )
    for number, item in enumerate(data["tasks"], start=1):
        task = plan.add_task(
            the_plan,
            number=number,
            area=item["area"],
            title=item["title"],
            lead=agencies[item["lead"]],
            cooperating=[agencies[c] for c in item.get("cooperating", [])],
            output=item["output"],
            starts_on=item["starts"],
            working_days=item["working_days"],
            actor=officer,
            at=_at(data["issued_on"]),
        )
        if "done" in item:
            middle = item["starts"] + (item["done"] - item["starts"]) / 2
            plan.report_progress(
                task, actor=officer, at=_at(middle), progress=50, note="Đang triển khai thực hiện."
            )
            plan.report_progress(
                task,
                actor=officer,
                at=_at(item["done"]),
                progress=100,
                note=f"Đã hoàn thành: {item['output']}.",
                evidence=_evidence(task, item["done"]),
                evidence_name=f"minh-chung-nhiem-vu-{number}.pdf",
            )
        elif item.get("progress"):
            plan.report_progress(
                task,
                actor=officer,
                at=_at(date(data["year"], 12, 15)),
                progress=item["progress"],
                note="Đang thực hiện, chưa hoàn thành.",
            )


def _load_assessment(year: int, agency, item: dict, officer, reviewer) -> None:
    now = _at(date(year, 12, 20))
    record = assessment.start_assessment(agency, year, actor=officer, at=now)
    ids = dict(Criterion.objects.filter(year=year).values_list("code", "pk"))
    entries = {
        ids[code]: assessment.Entry(Decimal(str(points)), note)
        for code, (points, note) in item["scores"].items()
    }
    assessment.save_self_scores(record, entries, actor=officer, at=now)
    if year == 2022:
        assessment.fill_measured(record, actor=officer, at=now, today=date(year, 12, 31))
    assessment.submit(record, actor=officer, at=now)
    if item.get("reviewed"):
        review = {
            ids[code]: assessment.Entry(Decimal(str(points)), note)
            for code, (points, note) in item.get("review", {}).items()
        }
        assessment.review(record, review, actor=reviewer, at=now + timedelta(days=30))


def _load_feedback(items: list[dict], agencies: dict, officer) -> None:
    district = agencies["000.00.21.H56"]
    for item in items:
        received = item["received"]
        record = feedback.receive(
            agency=district,
            channel=item["channel"],
            kind=item["kind"],
            name=item["name"],
            phone=item["phone"],
            subject=item["subject"],
            content=item["content"],
            publish_consent=item["publish_consent"],
            at=received,
            actor=None if item["channel"] == "portal" else officer,
        )
        feedback.assign(
            record,
            handler=agencies[item["handler"]],
            topic=item["topic"],
            actor=officer,
            at=received + timedelta(hours=2),
        )
        if "answer" in item:
            answered = received + timedelta(days=item["answer_after"])
            feedback.answer(record, text=item["answer"], actor=officer, at=answered)
            if item.get("satisfaction"):
                feedback.rate(
                    record, satisfaction=item["satisfaction"], at=answered + timedelta(days=1)
                )


def _load_training(courses: list[dict], agencies: dict, officer) -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    for item in courses:
        course = Course.objects.create(
            agency=agencies[item["agency"]],
            title=item["title"],
            area=item["area"],
            starts_on=item["starts_on"],
            ends_on=item["ends_on"],
            place=item.get("place", ""),
        )
        at = _at(item["ends_on"])
        training.enrol(course, [users[u] for u in item["participants"]], actor=officer, at=at)
        attended = {users[u].pk: number for u, number in item["attended"].items()}
        training.record_attendance(course, attended, actor=officer, at=at)
