"""The message texts shipped with motcua (`data/messages.toml`) and loading them.

The file holds the originals; the `MessageTemplate` rows are what renders. A data migration
seeds the rows; the admin's "khôi phục mẫu gốc" action puts an edited row back.
"""

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "messages.toml"
FIELDS = ("name", "subject", "body", "variables")


@cache
def shipped() -> dict[tuple[str, str], dict]:
    """The shipped texts keyed by (code, channel)."""
    with DATA.open("rb") as file:
        rows = tomllib.load(file)["templates"]
    return {(row["code"], row["channel"]): row for row in rows}


def seed_templates(model=None) -> int:
    """Create the shipped texts that are not in the database yet; return how many.

    Idempotent and never overwrites an administrator's edit. `model` is the historical
    model when called from a migration.
    """
    if model is None:
        from .models import MessageTemplate as model
    existing = set(model.objects.values_list("code", "channel"))
    missing = [row for key, row in shipped().items() if key not in existing]
    model.objects.bulk_create(
        model(code=row["code"], channel=row["channel"], **{f: row[f] for f in FIELDS})
        for row in missing
    )
    return len(missing)


def restore(template) -> bool:
    """Put a template back to its shipped text; False when it was not shipped."""
    row = shipped().get((template.code, template.channel))
    if row is None:
        return False
    for field in FIELDS:
        setattr(template, field, row[field])
    template.save()
    return True
