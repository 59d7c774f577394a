"""Request bodies and answer shapes of bookingManagement's payment routes (spec §5.2): the
paymentUserParams of a payment, the reservation payment, customer, method and payment
record rows, and the `paymentResult` beside a reservation."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from staykit.api.marketplace.booking import RESERVATION, ReservationRecord
from staykit.api.marketplace.responses import Envelope, Record
from staykit.core.schemas import Input
from staykit.domain.payments.checkout import PaymentParams
from staykit.domain.payments.customers import CardHolder
from staykit.domain.payments.records import ProviderPayment

# A payment method as the provider names it: a test token (pm_card_visa), a saved card
# (pm_...), never a card number.
MethodId = Annotated[str, Field(min_length=3, max_length=255, pattern=r"^pm_[A-Za-z0-9_]+$")]
ProviderId = Annotated[str, Field(min_length=3, max_length=255, pattern=r"^[A-Za-z0-9_]+$")]
Url = Annotated[str, Field(max_length=2048, pattern=r"^https?://\S+$")]
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000"), max_digits=16)]


class PaymentUserParams(Input):
    """What the guest pays with. The amount is never a client's: it is what the
    reservation still owes, as the server computes it."""

    payment_method_id: MethodId
    card_holder_name: str | None = Field(default=None, max_length=200)
    card_holder_zip: str | None = Field(default=None, max_length=20)

    def params(self) -> PaymentParams:
        return PaymentParams(
            self.payment_method_id, CardHolder(self.card_holder_name, self.card_holder_zip)
        )


class StartPayment(Input):
    payment_user_params: PaymentUserParams


class NoParams(Input):
    """A refresh charges nothing: it takes no payment parameters."""


class RefreshPayment(Input):
    payment_user_params: NoParams | None = None


class CreateReservationPayment(Input):
    """Admins register a payment made at the provider outside the payment route; the
    statuses sent are claims the provider's word must match."""

    order_id: uuid.UUID
    payment_id: ProviderId
    payment_status: str = Field(min_length=1, max_length=40)
    status_literal: str = Field(min_length=1, max_length=40)
    redirect_url: Url | None = None

    def command(self) -> ProviderPayment:
        return ProviderPayment(
            reservation_id=self.order_id,
            payment_id=self.payment_id,
            claimed_status=self.payment_status,
            redirect_url=self.redirect_url,
        )


class UpdateReservationPayment(Input):
    """Only the frontend's result page changes by hand; the statuses are the provider's
    (refreshreservationpayment reads them)."""

    redirect_url: Url | None = None

    def to_command(self) -> dict[str, Any]:
        return {"redirect_url": self.redirect_url}


class CreatePaymentRecord(Input):
    """Admins have staykit read a succeeded payment from the provider and record it. The
    figures sent are claims (amountPaid, currency, paymentStatus must be the provider's);
    the split's figures are the server's: validated, then ignored."""

    reservation_id: uuid.UUID
    payment_intent_id: ProviderId
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    amount_paid: Amount
    payment_status: Literal["pending", "paid", "refunded", "failed"]
    stripe_charge_id: ProviderId | None = None
    payout_amount_host: Amount | None = None
    city_tax: Amount | None = None
    refund_amount: Amount | None = None
    platform_fee: Amount | None = None
    payment_date: datetime | None = None

    def command(self) -> ProviderPayment:
        return ProviderPayment(
            reservation_id=self.reservation_id,
            payment_id=self.payment_intent_id,
            claimed_status=self.payment_status,
            claimed_amount=self.amount_paid,
            claimed_currency=self.currency,
        )


# --- answers ----------------------------------------------------------------------------------


class PaymentIntentInfo(BaseModel):
    """The provider's payment intent, as far as the guest needs it. `clientSecret` lets
    the guest's browser finish a payment the bank wants confirmed (3-D Secure); only the
    paying guest gets it."""

    id: str
    status: str
    amount: float
    currency: str
    clientSecret: str | None
    failureCode: str | None
    latestChargeId: str | None


class PaymentResult(BaseModel):
    """The seed's paymentResult (L7442): where the payment is, and whether it succeeded."""

    paymentTicketId: uuid.UUID | None = Field(description="The reservation payment row's id.")
    orderId: uuid.UUID = Field(description="The reservation's id.")
    paymentId: str | None = Field(description="The payment intent's id at the provider.")
    paymentStatus: str | None = Field(description="The provider's status of the intent.")
    paymentIntentInfo: PaymentIntentInfo | None
    statusLiteral: str | None = Field(
        description="staykit's: started, requiresAction, processing, succeeded, failed, canceled"
    )
    amount: float | None
    currency: str
    success: bool
    description: str
    metadata: dict[str, Any]
    paymentUserParams: dict[str, Any] | None


class ReservationWithPayment(RESERVATION):  # type: ignore[misc, valid-type]
    """The reservation after the payment step, and the payment's result."""

    paymentResult: PaymentResult


class CallbackAnswer(Envelope):
    """The webhook's answer, once the event is stored: `queued` (a worker applies it to its
    reservation next; read the reservation to see it) or `duplicate` (stored before:
    nothing changes). `reservation` and `paymentResult` are null: the event is not
    processed yet when the provider gets its answer."""

    reservation: ReservationRecord | None
    paymentResult: PaymentResult | None
    eventId: str
    duplicate: bool
    queued: bool


class ReservationPaymentRecord(Record):
    ownerId: uuid.UUID | None
    orderId: uuid.UUID
    paymentId: str
    paymentStatus: str
    statusLiteral: str
    redirectUrl: str | None
    attempt: int
    amount: float
    currency: str
    platform: str
    failureCode: str | None


class PaymentCustomerRecord(Record):
    userId: uuid.UUID
    customerId: str
    platform: str


class CardInfo(BaseModel):
    brand: str | None
    last4: str | None
    expMonth: int | None
    expYear: int | None


class PaymentMethodRecord(Record):
    paymentMethodId: str
    userId: uuid.UUID
    customerId: str
    cardHolderName: str | None
    cardHolderZip: str | None
    platform: str
    cardInfo: CardInfo


class PaymentRecordRecord(Record):
    """A payment record: a payment (paid), refund (refunded) or host payout (paid) of the
    ledger. Amounts of the other movements are 0."""

    reservationId: uuid.UUID
    stripeChargeId: str | None
    payoutAmountHost: float | None
    paymentIntentId: str | None
    currency: str
    cityTax: float | None
    refundAmount: float
    amountPaid: float
    paymentStatus: str
    paymentStatus_idx: int | None
    platformFee: float | None
    paymentDate: datetime
    movement: Literal["payment", "refund", "payout"]
    provider: str | None
    providerRef: str | None
