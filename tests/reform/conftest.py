"""Fixtures of the reform tests: a reform officer at the district and one at the province,
the district's plan, a small PAR index set, and helpers."""

from datetime import date

import pytest

from motcua.org.models import Role
from motcua.reform.criteria import load_criteria
from motcua.reform.models import Plan


@pytest.fixture
def officer(tree, make_user):
    return make_user(
        "cchc.huyen", (Role.REFORM_OFFICER, tree["district"]), first_name="Nguyễn Hoàng Yến"
    )


@pytest.fixture
def province_officer(tree, make_user):
    return make_user(
        "cchc.tinh", (Role.REFORM_OFFICER, tree["province"]), first_name="Lê Minh Tuấn"
    )


@pytest.fixture
def the_plan(tree):
    return Plan.objects.create(
        agency=tree["district"],
        year=2022,
        number="Kế hoạch số 12/KH-UBND",
        issued_on=date(2022, 1, 10),
        title="Kế hoạch cải cách hành chính năm 2022",
    )


@pytest.fixture
def criteria_2022(db):
    rows = [
        {"code": "1", "name": "Công tác chỉ đạo, điều hành"},
        {"code": "1.1", "name": "Ban hành kế hoạch", "points": 2},
        {"code": "1.2", "name": "Kiểm tra", "points": 3},
        {"code": "3", "name": "Cải cách thủ tục hành chính"},
        {"code": "3.1", "name": "Công khai thủ tục", "points": 4, "measure": "published"},
        {"code": "3.2", "name": "Giải quyết đúng hạn", "points": 6, "measure": "on_time"},
        {"code": "3.3", "name": "Văn bản đúng hạn", "points": 4, "measure": "documents"},
    ]
    load_criteria(2022, rows)
    return rows
