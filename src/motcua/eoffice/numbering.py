"""Register numbers: one counter per (agency, year, direction), taken under a row lock.

Decree 30/2020/NĐ-CP Art. 15 para. 1: outgoing numbers run in order of release within
the year, from 01 on 1 January to 31 December; Art. 22 para. 2: arrival numbers likewise
in order of receipt. A number is taken inside the caller's transaction, so a release that
fails gives its number back with its rollback: numbers never skip nor repeat.

>>> take_number(district, 2026, Direction.OUTGOING)
12
"""

from django.db import transaction

from motcua.org.models import Agency

from .models import Register


def take_number(agency: Agency, year: int, direction: str) -> int:
    """The next number of `agency`'s register of `year`; must run in a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside a transaction")
    Register.objects.get_or_create(agency=agency, year=year, direction=direction)
    register = Register.objects.select_for_update().get(
        agency=agency, year=year, direction=direction
    )
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number
