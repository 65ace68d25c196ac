"""Putting messages in the outbox: `enqueue` renders a template and writes pending rows.

>>> enqueue(template="otp", context={"code": "482913", "minutes": 10},
...         to_email="binh@example.vn", to_phone="0912345678")
[<Message: otp → binh@example.vn>, <Message: otp → 0912345678>]

The rows are written in the caller's transaction: they exist exactly when the change that
caused them is committed, and the worker (`motcua worker`) sends them afterwards.
"""

from django.conf import settings
from django.template import Context, Engine
from django.utils import timezone

from .models import Channel, Message, MessageTemplate
from .shipped import FIELDS, shipped


class UnknownTemplate(LookupError):
    """No message template has this code: a programming error, not a user's."""


def render(source: str, context: dict) -> str:
    """Render template source as plain text (no HTML escaping), trimmed."""
    template = Engine.get_default().from_string(source)
    return template.render(Context(context, autoescape=False)).strip()


def _templates(code: str) -> dict[str, MessageTemplate]:
    """The texts of `code` by channel: the administrator's rows, else the shipped texts (a
    database emptied by hand or by a test's flush still sends every message)."""
    templates = {t.channel: t for t in MessageTemplate.objects.filter(code=code)}
    for (shipped_code, channel), row in shipped().items():
        if shipped_code == code and channel not in templates:
            templates[channel] = MessageTemplate(
                code=code, channel=channel, **{field: row[field] for field in FIELDS}
            )
    if not templates:
        raise UnknownTemplate(f"no message template with code {code!r}")
    return templates


def enqueue(
    *, template: str, context: dict, to_email: str = "", to_phone: str = "", dossier=None
) -> list[Message]:
    """Write one pending message per channel that has a recipient (email when `to_email`,
    SMS when `to_phone`), rendered from the `MessageTemplate` with code `template`.

    A channel whose template an administrator switched off is skipped. `site_url` is added
    to the context. Raises `UnknownTemplate` when the code has no template at all.
    """
    templates = _templates(template)
    context = {"site_url": settings.SITE_URL, **context}
    now = timezone.now()
    messages = []
    for channel, to in ((Channel.EMAIL, to_email), (Channel.SMS, to_phone)):
        to = (to or "").strip()
        chosen = templates.get(channel)
        if not to or chosen is None or not chosen.active:
            continue
        messages.append(
            Message.objects.create(
                channel=channel,
                to=to,
                subject=render(chosen.subject, context)[:255] if channel == Channel.EMAIL else "",
                body=render(chosen.body, context),
                template=template,
                dossier=dossier,
                next_attempt_at=now,
                created_at=now,
            )
        )
    return messages
