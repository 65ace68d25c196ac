"""Machine deliveries from the outbox: the worker hands each message of an ordered channel
here (`notify.worker.send`)."""

from motcua.notify.models import MachineChannel, Message

from . import national_portal, webhooks


def deliver_json(message: Message) -> None:
    """Post one webhook or national-portal message; raise to have it retried."""
    if message.channel == MachineChannel.WEBHOOK:
        webhooks.post(message)
    else:
        national_portal.push(message)
