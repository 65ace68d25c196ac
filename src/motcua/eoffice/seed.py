"""The document kinds shipped with motcua (`data/document_types.toml`)."""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "document_types.toml"


def seed_document_types(model=None) -> int:
    """Create the shipped kinds that are missing (by name); never overwrites an edit.
    `model` is the historical model when called from a migration."""
    if model is None:
        from .models import DocumentType as model
    with DATA.open("rb") as file:
        data = tomllib.load(file)
    existing = set(model.objects.values_list("name", flat=True))
    rows = [
        model(
            code=row["code"],
            name=row["name"],
            starter=row["starter"].strip(),
            source=data["source"],
            order=order,
        )
        for order, row in enumerate(data["types"])
        if row["name"] not in existing
    ]
    model.objects.bulk_create(rows)
    return len(rows)
