"""`make bench`: runs every bench/*_bench.py (or those named: `python -m bench workdays`,
with options after the names: `python -m bench lifecycle --dossiers 20000`).

Each module has `main()`; it generates its own data, measures a baseline in the same run
and prints ratios. Results are recorded by hand in docs/benchmarks.md.
"""

import importlib
import os
import sys
from pathlib import Path

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    django.setup()
    available = sorted(
        p.stem.removesuffix("_bench") for p in Path(__file__).parent.glob("*_bench.py")
    )
    # Options (`--dossiers 1000`) are read by each benchmark from sys.argv itself.
    names = [arg for arg in sys.argv[1:] if arg in available] or available
    for name in names:
        print(f"\n## {name}\n", flush=True)
        importlib.import_module(f"bench.{name}_bench").main()


if __name__ == "__main__":
    main()
