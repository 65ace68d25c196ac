"""What every payment gateway does for the portal.

A gateway takes the citizen to its page with a signed request (`create_payment_url`),
then tells the result twice: by sending the browser back (`verify_return`) and by calling
the server directly (`verify_ipn`). Both answers are signed; a changed one is refused.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import timedelta

from motcua.dossiers.models import Payment


class SignatureError(ValueError):
    """The gateway's answer is not signed with our secret: forged or changed on the way."""


class RefundError(RuntimeError):
    """The gateway did not refund (its message says why)."""


@dataclass(frozen=True)
class GatewayResult:
    """A gateway's verified answer about one payment."""

    reference: str  # our Payment.reference
    amount: int  # in đồng
    success: bool
    provider_reference: str  # the gateway's transaction number
    response_code: str


class PaymentProvider(ABC):
    name: str
    label: str
    timeout: timedelta  # how long the gateway's page takes a payment once started

    @abstractmethod
    def create_payment_url(
        self, payment: Payment, *, return_url: str, client_ip: str, description: str
    ) -> str:
        """The address of the gateway's payment page for `payment` (signed)."""

    @abstractmethod
    def verify_return(self, params: dict[str, str]) -> GatewayResult:
        """Check the browser's return from the gateway; SignatureError if it was changed."""

    @abstractmethod
    def verify_ipn(self, params: dict[str, str]) -> GatewayResult:
        """Check the gateway's server-to-server notice; SignatureError if it was changed."""

    @abstractmethod
    def refund(self, payment: Payment, *, actor_name: str, client_ip: str) -> None:
        """Ask the gateway to give the whole payment back; RefundError if it does not."""
