"""The official days off and extra working days: `holidays` (VN) plus our arrangements file.

Pure Python (no Django): the seeding service writes these into the database, the benchmark
builds its calendar straight from them.

>>> days = official_days(range(2025, 2026))
>>> days[date(2025, 4, 26)].is_working, days[date(2025, 5, 2)].is_working
(True, False)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import holidays

from .engine import CalendarError

ARRANGEMENTS_PATH = Path(__file__).parent / "data" / "arrangements.toml"
PACKAGE_SOURCE = f"holidays {holidays.__version__} (VN): Bộ luật Lao động 2019, Điều 112"
EXTRA_WORKING_DAY_NAME = "Ngày làm việc bù"


@dataclass(frozen=True)
class OfficialDay:
    """One date that differs from the weekly pattern, and why."""

    date: date
    is_working: bool
    name: str
    source: str


def official_days(years, path: Path = ARRANGEMENTS_PATH) -> dict[date, OfficialDay]:
    """Every official day of `years`: the package's, then the arrangements file's on top."""
    entries, notes = load_arrangements(path)
    days = package_days(years)
    for day in list(days.values()):
        for prefix, source in notes:
            if not day.is_working and day.name.startswith(prefix):
                days[day.date] = OfficialDay(day.date, False, day.name, source)
    for entry in entries:
        if entry.date.year in years:
            days[entry.date] = entry
    return dict(sorted(days.items()))


def package_days(years) -> dict[date, OfficialDay]:
    """Holidays with compensation days and swapped working Saturdays from `holidays` VN."""
    calendar = holidays.VN(years=years, language="vi")
    days = {
        day: OfficialDay(day, False, str(name), PACKAGE_SOURCE) for day, name in calendar.items()
    }
    # `weekend_workdays` spans every year the package knows, not only those asked for.
    for day in calendar.weekend_workdays:
        if day.year in years:
            days[day] = OfficialDay(day, True, EXTRA_WORKING_DAY_NAME, PACKAGE_SOURCE)
    return days


def load_arrangements(
    path: Path = ARRANGEMENTS_PATH,
) -> tuple[list[OfficialDay], list[tuple[str, str]]]:
    """The `[[day]]` entries and `[[package_note]]` (name prefix, source) pairs of `path`."""
    with open(path, "rb") as file:
        data = tomllib.load(file)
    unknown = set(data) - {"day", "package_note"}
    if unknown:
        raise CalendarError(f"{path.name}: unknown sections {sorted(unknown)}")
    entries = []
    for number, item in enumerate(data.get("day", []), 1):
        where = f"{path.name}, day #{number}"
        _require(item, {"date", "working", "name", "source"}, where)
        if not isinstance(item["date"], date) or hasattr(item["date"], "hour"):
            raise CalendarError(f"{where}: date must be a TOML date like 2025-04-26")
        if not isinstance(item["working"], bool):
            raise CalendarError(f"{where}: working must be true or false")
        entries.append(OfficialDay(item["date"], item["working"], item["name"], item["source"]))
    seen = [entry.date for entry in entries]
    duplicates = sorted({day for day in seen if seen.count(day) > 1})
    if duplicates:
        raise CalendarError(f"{path.name}: dates listed twice: {duplicates}")
    notes = []
    for number, item in enumerate(data.get("package_note", []), 1):
        _require(item, {"name", "source"}, f"{path.name}, package_note #{number}")
        notes.append((item["name"], item["source"]))
    return entries, notes


def _require(item: dict, keys: set[str], where: str) -> None:
    if set(item) != keys:
        raise CalendarError(f"{where}: expected keys {sorted(keys)}, got {sorted(item)}")
    for key in keys & {"name", "source"}:
        if not isinstance(item[key], str) or not item[key].strip():
            raise CalendarError(f"{where}: {key} must be a non-empty string")
