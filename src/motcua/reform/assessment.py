"""The PAR index self-assessment of an agency for a year: the agency scores each
sub-criterion with its evidence, the system fills what it measures, the agency submits, the
reform office above reviews.

>>> assessment = start_assessment(district, 2022, actor=officer, at=now)
>>> fill_measured(assessment, actor=officer, at=now)   # on-time share, online share, ...
4
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from motcua.dossiers.files import store_blob
from motcua.org.models import Agency

from .audit import record
from .errors import ReformError
from .measures import measure
from .models import Assessment, AssessmentStatus, Criterion, Score


@dataclass
class Entry:
    """What a form sends for one sub-criterion."""

    points: Decimal | None
    note: str = ""
    file: bytes | None = None


@transaction.atomic
def start_assessment(agency: Agency, year: int, *, actor, at: datetime) -> Assessment:
    """Open the agency's self-assessment of `year`, one empty score per sub-criterion."""
    leaves = list(Criterion.objects.filter(year=year, parent__isnull=False))
    if not leaves:
        raise ReformError(f"Chưa có bộ tiêu chí chỉ số cải cách hành chính năm {year}.")
    assessment, created = Assessment.objects.get_or_create(agency=agency, year=year)
    if created:
        Score.objects.bulk_create(Score(assessment=assessment, criterion=c) for c in leaves)
        record("assessment_started", assessment, actor=actor, at=at)
    return assessment


def _editable(assessment: Assessment, status: str) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != status:
        raise ReformError(
            f"Bản đánh giá đang ở trạng thái “{locked.get_status_display()}”, không sửa được."
        )
    return locked


def _check_points(score: Score, points: Decimal | None) -> None:
    if points is not None and not 0 <= points <= score.criterion.max_points:
        raise ReformError(
            f"Tiêu chí {score.criterion.code}: điểm phải từ 0 đến {score.criterion.max_points}."
        )


@transaction.atomic
def fill_measured(assessment: Assessment, *, actor, at: datetime, today: date | None = None) -> int:
    """Score every sub-criterion the system measures from its data; returns how many."""
    assessment = _editable(assessment, AssessmentStatus.DRAFT)
    filled = 0
    for score in assessment.scores.select_related("criterion").exclude(criterion__measure=""):
        figure = measure(
            score.criterion.measure, assessment.agency, assessment.year, today=today or at.date()
        )
        if figure is None:
            continue
        score.self_points = figure.points(score.criterion.max_points)
        score.measured = True
        score.measured_note = figure.note
        score.save(update_fields=["self_points", "measured", "measured_note"])
        filled += 1
    record("assessment_measured", assessment, actor=actor, at=at, detail=f"{filled} tiêu chí")
    return filled


@transaction.atomic
def save_self_scores(
    assessment: Assessment, entries: dict[int, Entry], *, actor, at: datetime
) -> None:
    """Save the agency's scores and evidence (keyed by criterion id). A measured score is
    the system's: it is not overwritten here."""
    assessment = _editable(assessment, AssessmentStatus.DRAFT)
    scores = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
    for criterion_id, entry in entries.items():
        score = scores[criterion_id]
        if score.measured:
            continue
        _check_points(score, entry.points)
        score.self_points = entry.points
        score.evidence = entry.note.strip()
        if entry.file is not None:
            score.evidence_file = store_blob(entry.file, field=f"file-{criterion_id}")
        score.save()
    record("assessment_scored", assessment, actor=actor, at=at)


@transaction.atomic
def submit(assessment: Assessment, *, actor, at: datetime) -> Assessment:
    assessment = _editable(assessment, AssessmentStatus.DRAFT)
    missing = [
        s.criterion.code
        for s in assessment.scores.select_related("criterion")
        if s.self_points is None
    ]
    if missing:
        raise ReformError("Chưa chấm điểm các tiêu chí: " + ", ".join(sorted(missing)) + ".")
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = at
    assessment.save(update_fields=["status", "submitted_at"])
    record("assessment_submitted", assessment, actor=actor, at=at)
    return assessment


@transaction.atomic
def review(assessment: Assessment, entries: dict[int, Entry], *, actor, at: datetime) -> Assessment:
    """The reform office's scores; a sub-criterion left empty keeps the agency's own."""
    assessment = _editable(assessment, AssessmentStatus.SUBMITTED)
    scores = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
    for criterion_id, score in scores.items():
        entry = entries.get(criterion_id, Entry(None))
        points = score.self_points if entry.points is None else entry.points
        _check_points(score, points)
        score.reviewed_points = points
        score.review_note = entry.note.strip()[:500]
        score.save(update_fields=["reviewed_points", "review_note"])
    assessment.status = AssessmentStatus.REVIEWED
    assessment.reviewed_at = at
    assessment.reviewed_by = actor
    assessment.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    record("assessment_reviewed", assessment, actor=actor, at=at)
    return assessment


@dataclass
class Component:
    criterion: Criterion
    points: Decimal
    maximum: Decimal
    scores: list[Score]


def components(assessment: Assessment) -> list[Component]:
    """Per criterion: its sub-criteria's scores, their sum (reviewed where reviewed)."""
    by_parent: dict[int, list[Score]] = {}
    for score in assessment.scores.select_related("criterion", "evidence_file").order_by(
        "criterion__order"
    ):
        by_parent.setdefault(score.criterion.parent_id, []).append(score)
    result = []
    for criterion in Criterion.objects.filter(year=assessment.year, parent__isnull=True):
        scores = by_parent.get(criterion.pk, [])
        points = sum((s.points or Decimal(0) for s in scores), Decimal(0))
        result.append(Component(criterion, points, criterion.max_points, scores))
    return result


def total(assessment: Assessment) -> tuple[Decimal, Decimal]:
    parts = components(assessment)
    return sum((c.points for c in parts), Decimal(0)), sum((c.maximum for c in parts), Decimal(0))
