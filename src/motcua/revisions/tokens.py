"""Read, change and use revision tokens (see the package's docstring).

>>> rule_set = kept("rules", ("rule-set", day), lambda: read_rule_set(day))
>>> bump_on_change("rules", RuleSet)   # at app start: every save or delete changes the token
"""

from collections.abc import Callable
from typing import TypeVar
from uuid import uuid4

from django.db.models.signals import m2m_changed, post_delete, post_save

from motcua.replica import primary
from motcua.request_memo import forget, remembered

from .models import Revision

T = TypeVar("T")

# Every kind of kept data; each gets a token after `migrate` (a flush in tests included).
KINDS = ("calendar", "rules", "catalog", "subscriptions", "roles")
_MEMO_KEY = "revision-tokens"
# (kind, key) -> (token, value): what this process keeps
_kept: dict[tuple, tuple[str, object]] = {}


def bump(name: str) -> str:
    """Give `name` a new token now (in the current transaction) and return it."""
    token = uuid4().hex
    if not Revision.objects.filter(name=name).update(token=token):
        Revision.objects.update_or_create(name=name, defaults={"token": token})
    forget(_MEMO_KEY)
    return token


def bump_all(**kwargs) -> None:
    for name in KINDS:
        bump(name)


def read(name: str) -> str:
    """The token of `name` the database holds now, past the request's memo."""
    return Revision.objects.filter(name=name).values_list("token", flat=True).first() or ""


def tokens() -> dict[str, str]:
    """Every kind's token, in one statement (once per request or remembering block)."""
    return remembered(_MEMO_KEY, lambda: dict(Revision.objects.values_list("name", "token")))


def token(name: str) -> str:
    """The token of `name` ("" while it has none: nothing is kept then)."""
    return tokens().get(name, "")


def kept(
    name: str, key, compute: Callable[[], T], *, still: Callable[[T], bool] | None = None
) -> T:
    """`compute()`, kept in this process under `key` until the token of `name` changes or
    `still(value)` is false (e.g. the value was computed on another day). Keep only what
    every caller may see and none of them changes (the value is shared)."""
    current = token(name)
    found = _kept.get((name, key))
    fresh = found is not None and current and found[0] == current
    if fresh and (still is None or still(found[1])):
        return found[1]
    with primary():  # where the token was read: never older data under a newer token
        value = compute()
    if current:
        _kept[(name, key)] = (current, value)
    return value


def bump_on_change(name: str, *models, through=()) -> None:
    """Change the token of `name` on every save or delete of `models` and every change of
    the many-to-many relations whose `through` models are given. Bulk writes (a queryset's
    `update()`, `bulk_create`) send no signal: their callers call `bump` themselves."""

    def changed(sender, **kwargs) -> None:
        bump(name)

    for model in models:
        label = f"revisions-{name}-{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{label}-save", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=f"{label}-delete", weak=False)
    for model in through:
        uid = f"revisions-{name}-{model._meta.label}-m2m"
        m2m_changed.connect(changed, sender=model, dispatch_uid=uid, weak=False)
