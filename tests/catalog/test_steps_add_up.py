from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.services import check_step_hours, publish

D = Decimal


def test_working_days_must_be_used_exactly():
    check_step_hours(D(3), "working_days", [D(4), D(16), D(4)])
    with pytest.raises(ValidationError, match="phải bằng thời hạn giải quyết 24 giờ"):
        check_step_hours(D(3), "working_days", [D(4), D(16)])
    with pytest.raises(ValidationError, match="Tổng thời gian các bước là 25 giờ"):
        check_step_hours(D(3), "working_days", [D(5), D(16), D(4)])


def test_working_hours_must_be_used_exactly():
    check_step_hours(D(4), "working_hours", [D("0.5"), D("3.5")])
    with pytest.raises(ValidationError, match="3,5 giờ"):
        check_step_hours(D(4), "working_hours", [D("0.5"), D(3)])


def test_same_day_procedures_plan_at_most_one_working_day():
    check_step_hours(D(0), "working_days", [D(1), D(2), D(1)])
    with pytest.raises(ValidationError, match="vượt quá"):
        check_step_hours(D(0), "working_days", [D(4), D(5)])


def test_calendar_days_plan_at_most_their_length():
    check_step_hours(D(15), "calendar_days", [D(8), D(80), D(8)])
    with pytest.raises(ValidationError, match="vượt quá thời hạn giải quyết 120 giờ"):
        check_step_hours(D(15), "calendar_days", [D(8), D(120)])


def test_a_procedure_without_steps_is_refused():
    with pytest.raises(ValidationError, match="ít nhất một bước"):
        check_step_hours(D(3), "working_days", [])


def test_publishing_refuses_steps_that_do_not_add_up(make_procedure):
    procedure = make_procedure(days=3)
    step = procedure.steps.get(order=2)
    step.hours += 1
    step.save()
    with pytest.raises(ValidationError):
        publish(procedure)
    assert procedure.versions.count() == 1
