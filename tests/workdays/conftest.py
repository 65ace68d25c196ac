import pytest

from motcua.workdays.engine import Calendar
from motcua.workdays.official import official_days


@pytest.fixture(scope="session")
def official():
    """The seeded national calendar, built without a database."""
    return Calendar(
        overrides={day: o.is_working for day, o in official_days(range(2020, 2036)).items()},
        last_year=2035,
    )
