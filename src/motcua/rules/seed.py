"""The rule sets shipped in `data/rule_sets.toml` (no model imports: the migration that
seeds them passes its historical model)."""

import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "rule_sets.toml"


def read_data() -> list[dict]:
    with open(DATA, "rb") as file:
        return tomllib.load(file)["sets"]


def seed_rule_sets(model) -> int:
    """Create the shipped sets that are missing; never overwrite an edit. Returns how many."""
    existing = set(model.objects.values_list("code", flat=True))
    created = 0
    for item in read_data():
        if item["code"] in existing:
            continue
        model.objects.create(**item)
        created += 1
    return created
