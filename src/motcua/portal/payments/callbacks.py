"""The gateway's two answers: the browser's return and the server-to-server IPN.

Both are verified the same way and settle the payment through `dossiers.payments.settle`,
which is idempotent: whichever comes first pays, the second changes nothing.
"""

from motcua.dossiers import payments
from motcua.dossiers.models import Payment

from .base import PaymentProvider, SignatureError

# VNPAY's IPN answers.
CONFIRMED = {"RspCode": "00", "Message": "Confirm Success"}
NOT_FOUND = {"RspCode": "01", "Message": "Order not Found"}
ALREADY = {"RspCode": "02", "Message": "Order already confirmed"}
BAD_AMOUNT = {"RspCode": "04", "Message": "invalid amount"}
BAD_SIGNATURE = {"RspCode": "97", "Message": "Invalid Checksum"}


def on_return(provider: PaymentProvider, params: dict[str, str]) -> Payment:
    """Settle from the browser's return; raises SignatureError, PaymentNotFound or
    AmountMismatch when the answer cannot be trusted or does not fit."""
    result = provider.verify_return(params)
    return payments.settle(
        result.reference,
        amount=result.amount,
        success=result.success,
        provider_reference=result.provider_reference,
        provider=provider.name,
    ).payment


def ipn_answer(provider: PaymentProvider, params: dict[str, str]) -> dict[str, str]:
    """Settle from the gateway's IPN and say what happened in the gateway's terms."""
    try:
        result = provider.verify_ipn(params)
    except SignatureError:
        return BAD_SIGNATURE
    try:
        settlement = payments.settle(
            result.reference,
            amount=result.amount,
            success=result.success,
            provider_reference=result.provider_reference,
            provider=provider.name,
        )
    except payments.PaymentNotFound:
        return NOT_FOUND
    except payments.AmountMismatch:
        return BAD_AMOUNT
    return CONFIRMED if settlement.changed else ALREADY
