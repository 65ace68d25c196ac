"""Webhook subscriptions of the calling client: register a URL, list them, remove one."""

from datetime import datetime

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Answer
from pydantic import Field

from motcua.dossiers.errors import InvalidInput
from motcua.interop.models import Subscription
from motcua.interop.webhooks import subscribe

from .auth import ClientToken, require
from .contract import PRINTABLE
from .errors import Error, invalid

router = Router(tags=["webhooks"], auth=ClientToken())


class SubscriptionIn(Schema):
    url: str = Field(
        min_length=8, max_length=500, pattern=PRINTABLE, description="http:// hoặc https://"
    )
    secret: str = Field(
        "", max_length=64, pattern=PRINTABLE, description="Khóa HMAC (≥ 32 ký tự); bỏ trống để cấp"
    )


class SubscriptionOut(Schema):
    id: int
    url: str
    created_at: datetime


class CreatedSubscription(SubscriptionOut):
    secret: str


@router.post(
    "",
    response={201: CreatedSubscription, 401: Error, 403: Error, 422: Error},
    summary="Đăng ký nhận sự kiện hồ sơ (webhook)",
)
def create_subscription(request, body: SubscriptionIn):
    """Every event of a dossier received or handled in the client's agencies is posted to
    `url` as JSON, signed: `X-Motcua-Signature: v1=HMAC-SHA256(secret, timestamp + "." +
    body)` with `X-Motcua-Timestamp`; retried with back-off, in order per dossier."""
    client = require(request, "write")
    try:
        subscription = subscribe(client, url=body.url, secret=body.secret)
    except InvalidInput as error:
        return invalid(error, prefix="body")
    return Answer(201, subscription)


@router.get(
    "", response={200: list[SubscriptionOut], 401: Error, 403: Error}, summary="Các webhook"
)
def list_subscriptions(request):
    client = require(request, "read")
    return Subscription.objects.filter(client=client, active=True)


@router.delete(
    "/{subscription_id}",
    response={204: None, 401: Error, 403: Error, 404: Error, 422: Error},
    summary="Hủy một webhook",
)
def delete_subscription(request, subscription_id: int):
    client = require(request, "write")
    subscription = Subscription.objects.filter(client=client, pk=subscription_id, active=True)
    subscription = subscription.first()
    if subscription is None:
        raise HttpError(404, "Không tìm thấy webhook.")
    subscription.active = False
    subscription.save(update_fields=["active"])
    return Answer(204, None)
