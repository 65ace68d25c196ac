"""The service index's metrics as shipped in `data/index_766.toml` (no model imports here:
the migration that seeds them passes its historical model)."""

import tomllib
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "index_766.toml"


def read_data() -> dict:
    with open(DATA, "rb") as file:
        return tomllib.load(file)


def seed_metrics(model) -> int:
    """Create or update the `IndexMetric` rows from the data file; returns how many."""
    metrics = read_data()["metrics"]
    for order, item in enumerate(metrics, start=1):
        model.objects.update_or_create(
            code=item["code"],
            defaults={
                "group": item["group"],
                "group_name": item["group_name"],
                "name": item["name"],
                "points": Decimal(str(item["points"])),
                "source": item["source"],
                "commune_applies": item["commune_applies"],
                "order": order,
            },
        )
    return len(metrics)
