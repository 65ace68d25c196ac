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
    # An earlier migration's historical model lacks the fields later ones add.
    known = {field.name for field in model._meta.get_fields()}
    for order, item in enumerate(metrics, start=1):
        values = {
            "group": item["group"],
            "group_name": item["group_name"],
            "name": item["name"],
            "points": Decimal(str(item["points"])),
            "source": item["source"],
            "commune_applies": item["commune_applies"],
            "formula": item.get("formula", "ratio"),
            "target": Decimal(str(item["target"])) if "target" in item else None,
            "legal_basis": item.get("basis", ""),
            "order": order,
        }
        model.objects.update_or_create(
            code=item["code"], defaults={k: v for k, v in values.items() if k in known}
        )
    return len(metrics)
