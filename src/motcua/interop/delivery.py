"""Machine deliveries from the outbox: the worker hands each message of an ordered channel
here (`notify.worker.send`)."""

from motcua.notify.models import MachineChannel, Message


def deliver_json(message: Message) -> None:
    """Post one webhook or national-portal message; raise to have it retried."""
    if message.channel == MachineChannel.WEBHOOK:
        from .webhooks import post

        post(message)
    else:
        from .national_portal import push

        push(message)
