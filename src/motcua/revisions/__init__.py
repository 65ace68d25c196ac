"""Revision tokens: slowly changing data kept in each process, never stale.

Data that changes rarely and is read by every operation (the calendar, the rule sets, the
catalog's versions and admissions, the webhook subscriptions) is kept in each process's
memory with the token its kind had when it was read (`tokens.kept`). Each kind has one row
in `Revision` whose token changes in the transaction of every change to it (`tokens.bump`,
wired to the models' signals by `tokens.bump_on_change`). An operation reads every token in
one statement (once per request, or per `request_memo.remembering()` block) and recomputes
what changed in another process or in this one.
"""
