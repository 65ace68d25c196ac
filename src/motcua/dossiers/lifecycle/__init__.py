"""Every change of a dossier's state: one function per transition.

Each function checks who acts and where, validates, changes the rows and appends the
`DossierEvent` in one transaction. A failed call raises a `LifecycleError` (with a message
for the user) and changes nothing. Views, the API and the CLI call these functions; the
demo's bulk writer runs the same steps (`steps.py`) in memory. Nothing else writes dossier
state.

- `rules`: the transition table, who may do what, the preamble of every transition;
- `reception`: receive, refuse at reception, submit online, accept;
- `handling`: assign, forward, send back, supplements, approve, return, refuse, withdraw,
  apologise and reschedule, recompute deadlines, transfer to a successor agency;
- `handovers`: reception regardless of administrative boundary, routed to the competent
  agency, and the hand-over of paper originals between centres;
- `records`: files, payments and ratings recorded beside the handling;
- `steps` and `store`: what a transition does to the rows, and where the rows go.

>>> dossier = receive(actor=receiver, procedure=marriage, agency=commune, applicant=applicant,
...                   documents_received=[1, 2])
>>> dossier = forward(dossier, actor=receiver)
>>> dossier.status
'in_progress'
"""

from .handling import (
    apologise_and_reschedule,
    approve,
    assign,
    forward,
    mark_result_ready,
    receive_supplement,
    recompute_deadlines,
    refuse,
    request_supplement,
    return_result,
    send_back,
    transfer,
    withdraw,
)
from .handovers import (
    competent_agencies,
    handover_actions,
    handover_counts,
    handovers_for,
    receive_originals,
    send_originals,
)
from .reception import (
    accept,
    missing_documents_message,
    missing_mandatory,
    receive,
    refuse_at_reception,
    submit,
)
from .records import RATING_COMMENT_MAX, attach_file, erase_personal_data, rate, record_payment
from .rules import STATUS_NAMES, TRANSITIONS, Transition, agency_for, allowed_actions, may_attach

__all__ = [
    "RATING_COMMENT_MAX",
    "STATUS_NAMES",
    "TRANSITIONS",
    "Transition",
    "accept",
    "agency_for",
    "allowed_actions",
    "apologise_and_reschedule",
    "approve",
    "assign",
    "attach_file",
    "competent_agencies",
    "erase_personal_data",
    "forward",
    "handover_actions",
    "handover_counts",
    "handovers_for",
    "mark_result_ready",
    "may_attach",
    "missing_documents_message",
    "missing_mandatory",
    "rate",
    "receive",
    "receive_originals",
    "receive_supplement",
    "recompute_deadlines",
    "record_payment",
    "refuse",
    "refuse_at_reception",
    "request_supplement",
    "return_result",
    "send_back",
    "send_originals",
    "submit",
    "transfer",
    "withdraw",
]
