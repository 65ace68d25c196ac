"""`event_recorded`: sent inside the lifecycle's transaction, right after an event is saved.

Receivers (report rollups, the notification outbox) write in the same transaction, so their
rows exist exactly when the event does. Arguments: `dossier`, `event`.
"""

from django.dispatch import Signal

event_recorded = Signal()
