"""Values read once per request: the revision tokens, the address changes.

A page asks many times for the same few facts (every row's time left needs the calendar,
every kept value its revision token). Inside a request the first answer is kept in a
context-local dict that lives from `request_started` to `request_finished`; outside a
request (shell, workers, tests calling services) nothing is kept and every call reads
the database. A write that changes a memoised fact calls `forget(key)`.

>>> remembered("address-changes", read)
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.signals import request_finished, request_started

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("motcua_request_memo", default=None)


def remembered(key, compute: Callable[[], T]) -> T:
    """`compute()`, read once per request under `key` (every time outside a request)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


@contextmanager
def remembering() -> Iterator[None]:
    """Keep answers for a block outside a request as a request does, e.g. while `motcua
    demo` lives thousands of dossiers (the rule set of each day read once, not per step),
    or for one lifecycle operation. Inside a request or another block, that one's memo
    goes on."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def forget(key=None) -> None:
    """Drop `key` (or everything) from the current request's memo."""
    memo = _memo.get()
    if memo is None:
        return
    if key is None:
        memo.clear()
    else:
        memo.pop(key, None)


def _start(**kwargs) -> None:
    _memo.set({})


def _finish(**kwargs) -> None:
    _memo.set(None)


request_started.connect(_start, dispatch_uid="motcua-request-memo-start")
request_finished.connect(_finish, dispatch_uid="motcua-request-memo-finish")
