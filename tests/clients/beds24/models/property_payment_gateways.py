from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_payment_gateways_asiapay import (
        PropertyPaymentGatewaysAsiapay,
    )
    from ..models.property_payment_gateways_authorizenet import (
        PropertyPaymentGatewaysAuthorizenet,
    )
    from ..models.property_payment_gateways_bitpay import PropertyPaymentGatewaysBitpay
    from ..models.property_payment_gateways_borgun import PropertyPaymentGatewaysBorgun
    from ..models.property_payment_gateways_credit_card import (
        PropertyPaymentGatewaysCreditCard,
    )
    from ..models.property_payment_gateways_custom_gateway import (
        PropertyPaymentGatewaysCustomGateway,
    )
    from ..models.property_payment_gateways_global_payments_1 import (
        PropertyPaymentGatewaysGlobalPayments1,
    )
    from ..models.property_payment_gateways_global_payments_2 import (
        PropertyPaymentGatewaysGlobalPayments2,
    )
    from ..models.property_payment_gateways_offline_payment import (
        PropertyPaymentGatewaysOfflinePayment,
    )
    from ..models.property_payment_gateways_paymill import (
        PropertyPaymentGatewaysPaymill,
    )
    from ..models.property_payment_gateways_paypal import PropertyPaymentGatewaysPaypal
    from ..models.property_payment_gateways_stripe import PropertyPaymentGatewaysStripe


T = TypeVar("T", bound="PropertyPaymentGateways")


@_attrs_define
class PropertyPaymentGateways:
    """
    Attributes:
        stripe (PropertyPaymentGatewaysStripe | Unset):
        asiapay (PropertyPaymentGatewaysAsiapay | Unset):
        authorizenet (PropertyPaymentGatewaysAuthorizenet | Unset):
        bitpay (PropertyPaymentGatewaysBitpay | Unset):
        borgun (PropertyPaymentGatewaysBorgun | Unset):
        credit_card (PropertyPaymentGatewaysCreditCard | Unset):
        custom_gateway (PropertyPaymentGatewaysCustomGateway | Unset):
        global_payments_1 (PropertyPaymentGatewaysGlobalPayments1 | Unset):
        global_payments_2 (PropertyPaymentGatewaysGlobalPayments2 | Unset):
        offline_payment (PropertyPaymentGatewaysOfflinePayment | Unset):
        paymill (PropertyPaymentGatewaysPaymill | Unset):
        paypal (PropertyPaymentGatewaysPaypal | Unset):
    """

    stripe: PropertyPaymentGatewaysStripe | Unset = UNSET
    asiapay: PropertyPaymentGatewaysAsiapay | Unset = UNSET
    authorizenet: PropertyPaymentGatewaysAuthorizenet | Unset = UNSET
    bitpay: PropertyPaymentGatewaysBitpay | Unset = UNSET
    borgun: PropertyPaymentGatewaysBorgun | Unset = UNSET
    credit_card: PropertyPaymentGatewaysCreditCard | Unset = UNSET
    custom_gateway: PropertyPaymentGatewaysCustomGateway | Unset = UNSET
    global_payments_1: PropertyPaymentGatewaysGlobalPayments1 | Unset = UNSET
    global_payments_2: PropertyPaymentGatewaysGlobalPayments2 | Unset = UNSET
    offline_payment: PropertyPaymentGatewaysOfflinePayment | Unset = UNSET
    paymill: PropertyPaymentGatewaysPaymill | Unset = UNSET
    paypal: PropertyPaymentGatewaysPaypal | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        stripe: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stripe, Unset):
            stripe = self.stripe.to_dict()

        asiapay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.asiapay, Unset):
            asiapay = self.asiapay.to_dict()

        authorizenet: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authorizenet, Unset):
            authorizenet = self.authorizenet.to_dict()

        bitpay: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bitpay, Unset):
            bitpay = self.bitpay.to_dict()

        borgun: dict[str, Any] | Unset = UNSET
        if not isinstance(self.borgun, Unset):
            borgun = self.borgun.to_dict()

        credit_card: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credit_card, Unset):
            credit_card = self.credit_card.to_dict()

        custom_gateway: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_gateway, Unset):
            custom_gateway = self.custom_gateway.to_dict()

        global_payments_1: dict[str, Any] | Unset = UNSET
        if not isinstance(self.global_payments_1, Unset):
            global_payments_1 = self.global_payments_1.to_dict()

        global_payments_2: dict[str, Any] | Unset = UNSET
        if not isinstance(self.global_payments_2, Unset):
            global_payments_2 = self.global_payments_2.to_dict()

        offline_payment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.offline_payment, Unset):
            offline_payment = self.offline_payment.to_dict()

        paymill: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paymill, Unset):
            paymill = self.paymill.to_dict()

        paypal: dict[str, Any] | Unset = UNSET
        if not isinstance(self.paypal, Unset):
            paypal = self.paypal.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if stripe is not UNSET:
            field_dict["stripe"] = stripe
        if asiapay is not UNSET:
            field_dict["asiapay"] = asiapay
        if authorizenet is not UNSET:
            field_dict["authorizenet"] = authorizenet
        if bitpay is not UNSET:
            field_dict["bitpay"] = bitpay
        if borgun is not UNSET:
            field_dict["borgun"] = borgun
        if credit_card is not UNSET:
            field_dict["creditCard"] = credit_card
        if custom_gateway is not UNSET:
            field_dict["customGateway"] = custom_gateway
        if global_payments_1 is not UNSET:
            field_dict["globalPayments1"] = global_payments_1
        if global_payments_2 is not UNSET:
            field_dict["globalPayments2"] = global_payments_2
        if offline_payment is not UNSET:
            field_dict["offlinePayment"] = offline_payment
        if paymill is not UNSET:
            field_dict["paymill"] = paymill
        if paypal is not UNSET:
            field_dict["paypal"] = paypal

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_payment_gateways_asiapay import (
            PropertyPaymentGatewaysAsiapay,
        )
        from ..models.property_payment_gateways_authorizenet import (
            PropertyPaymentGatewaysAuthorizenet,
        )
        from ..models.property_payment_gateways_bitpay import (
            PropertyPaymentGatewaysBitpay,
        )
        from ..models.property_payment_gateways_borgun import (
            PropertyPaymentGatewaysBorgun,
        )
        from ..models.property_payment_gateways_credit_card import (
            PropertyPaymentGatewaysCreditCard,
        )
        from ..models.property_payment_gateways_custom_gateway import (
            PropertyPaymentGatewaysCustomGateway,
        )
        from ..models.property_payment_gateways_global_payments_1 import (
            PropertyPaymentGatewaysGlobalPayments1,
        )
        from ..models.property_payment_gateways_global_payments_2 import (
            PropertyPaymentGatewaysGlobalPayments2,
        )
        from ..models.property_payment_gateways_offline_payment import (
            PropertyPaymentGatewaysOfflinePayment,
        )
        from ..models.property_payment_gateways_paymill import (
            PropertyPaymentGatewaysPaymill,
        )
        from ..models.property_payment_gateways_paypal import (
            PropertyPaymentGatewaysPaypal,
        )
        from ..models.property_payment_gateways_stripe import (
            PropertyPaymentGatewaysStripe,
        )

        d = dict(src_dict)
        _stripe = d.pop("stripe", UNSET)
        stripe: PropertyPaymentGatewaysStripe | Unset
        if isinstance(_stripe, Unset):
            stripe = UNSET
        else:
            stripe = PropertyPaymentGatewaysStripe.from_dict(_stripe)

        _asiapay = d.pop("asiapay", UNSET)
        asiapay: PropertyPaymentGatewaysAsiapay | Unset
        if isinstance(_asiapay, Unset):
            asiapay = UNSET
        else:
            asiapay = PropertyPaymentGatewaysAsiapay.from_dict(_asiapay)

        _authorizenet = d.pop("authorizenet", UNSET)
        authorizenet: PropertyPaymentGatewaysAuthorizenet | Unset
        if isinstance(_authorizenet, Unset):
            authorizenet = UNSET
        else:
            authorizenet = PropertyPaymentGatewaysAuthorizenet.from_dict(_authorizenet)

        _bitpay = d.pop("bitpay", UNSET)
        bitpay: PropertyPaymentGatewaysBitpay | Unset
        if isinstance(_bitpay, Unset):
            bitpay = UNSET
        else:
            bitpay = PropertyPaymentGatewaysBitpay.from_dict(_bitpay)

        _borgun = d.pop("borgun", UNSET)
        borgun: PropertyPaymentGatewaysBorgun | Unset
        if isinstance(_borgun, Unset):
            borgun = UNSET
        else:
            borgun = PropertyPaymentGatewaysBorgun.from_dict(_borgun)

        _credit_card = d.pop("creditCard", UNSET)
        credit_card: PropertyPaymentGatewaysCreditCard | Unset
        if isinstance(_credit_card, Unset):
            credit_card = UNSET
        else:
            credit_card = PropertyPaymentGatewaysCreditCard.from_dict(_credit_card)

        _custom_gateway = d.pop("customGateway", UNSET)
        custom_gateway: PropertyPaymentGatewaysCustomGateway | Unset
        if isinstance(_custom_gateway, Unset):
            custom_gateway = UNSET
        else:
            custom_gateway = PropertyPaymentGatewaysCustomGateway.from_dict(
                _custom_gateway
            )

        _global_payments_1 = d.pop("globalPayments1", UNSET)
        global_payments_1: PropertyPaymentGatewaysGlobalPayments1 | Unset
        if isinstance(_global_payments_1, Unset):
            global_payments_1 = UNSET
        else:
            global_payments_1 = PropertyPaymentGatewaysGlobalPayments1.from_dict(
                _global_payments_1
            )

        _global_payments_2 = d.pop("globalPayments2", UNSET)
        global_payments_2: PropertyPaymentGatewaysGlobalPayments2 | Unset
        if isinstance(_global_payments_2, Unset):
            global_payments_2 = UNSET
        else:
            global_payments_2 = PropertyPaymentGatewaysGlobalPayments2.from_dict(
                _global_payments_2
            )

        _offline_payment = d.pop("offlinePayment", UNSET)
        offline_payment: PropertyPaymentGatewaysOfflinePayment | Unset
        if isinstance(_offline_payment, Unset):
            offline_payment = UNSET
        else:
            offline_payment = PropertyPaymentGatewaysOfflinePayment.from_dict(
                _offline_payment
            )

        _paymill = d.pop("paymill", UNSET)
        paymill: PropertyPaymentGatewaysPaymill | Unset
        if isinstance(_paymill, Unset):
            paymill = UNSET
        else:
            paymill = PropertyPaymentGatewaysPaymill.from_dict(_paymill)

        _paypal = d.pop("paypal", UNSET)
        paypal: PropertyPaymentGatewaysPaypal | Unset
        if isinstance(_paypal, Unset):
            paypal = UNSET
        else:
            paypal = PropertyPaymentGatewaysPaypal.from_dict(_paypal)

        property_payment_gateways = cls(
            stripe=stripe,
            asiapay=asiapay,
            authorizenet=authorizenet,
            bitpay=bitpay,
            borgun=borgun,
            credit_card=credit_card,
            custom_gateway=custom_gateway,
            global_payments_1=global_payments_1,
            global_payments_2=global_payments_2,
            offline_payment=offline_payment,
            paymill=paymill,
            paypal=paypal,
        )

        property_payment_gateways.additional_properties = d
        return property_payment_gateways

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
