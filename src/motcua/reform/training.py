"""Training courses: participants from the staff list, attendance, certificates.

>>> course = Course.objects.create(...)
>>> enrol(course, [user_a, user_b], actor=officer, at=now)
>>> record_attendance(course, {user_a.pk: "CN-2022-001"}, actor=officer, at=now)
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet

from motcua.org.models import Agency

from .audit import record
from .errors import ReformError
from .models import Course, Participant


def staff_of(agency: Agency) -> QuerySet:
    """The staff list: active users holding a role in `agency`'s subtree."""
    return (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__agency__path__startswith=agency.path)
        .distinct()
        .order_by("first_name", "username")
    )


@transaction.atomic
def enrol(course: Course, users, *, actor, at: datetime) -> int:
    allowed = set(staff_of(course.agency).values_list("pk", flat=True))
    added = 0
    for user in users:
        if user.pk not in allowed:
            raise ReformError(
                f"{user.get_full_name() or user.username} không thuộc danh sách cán bộ."
            )
        _, created = Participant.objects.get_or_create(course=course, user=user)
        added += created
    record("course_enrolled", course, actor=actor, at=at, detail=f"{added} học viên")
    return added


@transaction.atomic
def record_attendance(course: Course, attended: dict[int, str], *, actor, at: datetime) -> int:
    """Mark who attended (user id -> certificate number, "" for none); the others did not."""
    count = 0
    for participant in course.participants.select_for_update():
        certificate = attended.get(participant.user_id)
        participant.attended = certificate is not None
        participant.certificate = (certificate or "").strip()[:40]
        participant.save(update_fields=["attended", "certificate"])
        count += participant.attended
    record("course_attendance", course, actor=actor, at=at, detail=f"{count} người tham dự")
    return count


def trained(agency: Agency, first: date, last: date) -> dict[str, int]:
    """Courses held by `agency`'s subtree in the period, attendances, distinct staff trained
    and certificates issued."""
    courses = Course.objects.filter(
        agency__path__startswith=agency.path, starts_on__gte=first, starts_on__lte=last
    )
    present = Participant.objects.filter(course__in=courses, attended=True)
    return {
        "courses": courses.count(),
        "attendances": present.count(),
        "staff": present.values("user").distinct().count(),
        "certificates": present.exclude(certificate="").count(),
    }
