from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.price_rules_booking_page import PriceRulesBookingPage
    from ..models.price_rules_channels import PriceRulesChannels
    from ..models.price_rules_price_for import PriceRulesPriceFor
    from ..models.price_rules_price_linking import PriceRulesPriceLinking
    from ..models.price_rules_upsell_items_item import PriceRulesUpsellItemsItem
    from ..models.price_rules_voucher_codes_item import PriceRulesVoucherCodesItem


T = TypeVar("T", bound="PriceRules")


@_attrs_define
class PriceRules:
    """
    Attributes:
        id (int | Unset):
        name (str | Unset):
        price_for (PriceRulesPriceFor | Unset):
        extra_person (float | Unset):
        extra_child (float | Unset):
        minimum_stay (int | Unset):
        maximum_stay (int | Unset):
        offer (int | Unset):
        min_days_until_checkin (int | Unset):
        max_days_until_checkin (int | Unset):
        color (str | Unset):
        price_linking (PriceRulesPriceLinking | Unset): Used to link this price to another price
        agent_codes (list[str] | Unset):
        booking_page (PriceRulesBookingPage | Unset):
        channels (PriceRulesChannels | Unset):
        upsell_items (list[PriceRulesUpsellItemsItem] | Unset):
        voucher_codes (list[PriceRulesVoucherCodesItem] | Unset):
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    price_for: PriceRulesPriceFor | Unset = UNSET
    extra_person: float | Unset = UNSET
    extra_child: float | Unset = UNSET
    minimum_stay: int | Unset = UNSET
    maximum_stay: int | Unset = UNSET
    offer: int | Unset = UNSET
    min_days_until_checkin: int | Unset = UNSET
    max_days_until_checkin: int | Unset = UNSET
    color: str | Unset = UNSET
    price_linking: PriceRulesPriceLinking | Unset = UNSET
    agent_codes: list[str] | Unset = UNSET
    booking_page: PriceRulesBookingPage | Unset = UNSET
    channels: PriceRulesChannels | Unset = UNSET
    upsell_items: list[PriceRulesUpsellItemsItem] | Unset = UNSET
    voucher_codes: list[PriceRulesVoucherCodesItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        price_for: dict[str, Any] | Unset = UNSET
        if not isinstance(self.price_for, Unset):
            price_for = self.price_for.to_dict()

        extra_person = self.extra_person

        extra_child = self.extra_child

        minimum_stay = self.minimum_stay

        maximum_stay = self.maximum_stay

        offer = self.offer

        min_days_until_checkin = self.min_days_until_checkin

        max_days_until_checkin = self.max_days_until_checkin

        color = self.color

        price_linking: dict[str, Any] | Unset = UNSET
        if not isinstance(self.price_linking, Unset):
            price_linking = self.price_linking.to_dict()

        agent_codes: list[str] | Unset = UNSET
        if not isinstance(self.agent_codes, Unset):
            agent_codes = self.agent_codes

        booking_page: dict[str, Any] | Unset = UNSET
        if not isinstance(self.booking_page, Unset):
            booking_page = self.booking_page.to_dict()

        channels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channels, Unset):
            channels = self.channels.to_dict()

        upsell_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.upsell_items, Unset):
            upsell_items = []
            for upsell_items_item_data in self.upsell_items:
                upsell_items_item = upsell_items_item_data.to_dict()
                upsell_items.append(upsell_items_item)

        voucher_codes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.voucher_codes, Unset):
            voucher_codes = []
            for voucher_codes_item_data in self.voucher_codes:
                voucher_codes_item = voucher_codes_item_data.to_dict()
                voucher_codes.append(voucher_codes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if price_for is not UNSET:
            field_dict["priceFor"] = price_for
        if extra_person is not UNSET:
            field_dict["extraPerson"] = extra_person
        if extra_child is not UNSET:
            field_dict["extraChild"] = extra_child
        if minimum_stay is not UNSET:
            field_dict["minimumStay"] = minimum_stay
        if maximum_stay is not UNSET:
            field_dict["maximumStay"] = maximum_stay
        if offer is not UNSET:
            field_dict["offer"] = offer
        if min_days_until_checkin is not UNSET:
            field_dict["minDaysUntilCheckin"] = min_days_until_checkin
        if max_days_until_checkin is not UNSET:
            field_dict["maxDaysUntilCheckin"] = max_days_until_checkin
        if color is not UNSET:
            field_dict["color"] = color
        if price_linking is not UNSET:
            field_dict["priceLinking"] = price_linking
        if agent_codes is not UNSET:
            field_dict["agentCodes"] = agent_codes
        if booking_page is not UNSET:
            field_dict["bookingPage"] = booking_page
        if channels is not UNSET:
            field_dict["channels"] = channels
        if upsell_items is not UNSET:
            field_dict["upsellItems"] = upsell_items
        if voucher_codes is not UNSET:
            field_dict["voucherCodes"] = voucher_codes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.price_rules_booking_page import PriceRulesBookingPage
        from ..models.price_rules_channels import PriceRulesChannels
        from ..models.price_rules_price_for import PriceRulesPriceFor
        from ..models.price_rules_price_linking import PriceRulesPriceLinking
        from ..models.price_rules_upsell_items_item import PriceRulesUpsellItemsItem
        from ..models.price_rules_voucher_codes_item import PriceRulesVoucherCodesItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _price_for = d.pop("priceFor", UNSET)
        price_for: PriceRulesPriceFor | Unset
        if isinstance(_price_for, Unset):
            price_for = UNSET
        else:
            price_for = PriceRulesPriceFor.from_dict(_price_for)

        extra_person = d.pop("extraPerson", UNSET)

        extra_child = d.pop("extraChild", UNSET)

        minimum_stay = d.pop("minimumStay", UNSET)

        maximum_stay = d.pop("maximumStay", UNSET)

        offer = d.pop("offer", UNSET)

        min_days_until_checkin = d.pop("minDaysUntilCheckin", UNSET)

        max_days_until_checkin = d.pop("maxDaysUntilCheckin", UNSET)

        color = d.pop("color", UNSET)

        _price_linking = d.pop("priceLinking", UNSET)
        price_linking: PriceRulesPriceLinking | Unset
        if isinstance(_price_linking, Unset):
            price_linking = UNSET
        else:
            price_linking = PriceRulesPriceLinking.from_dict(_price_linking)

        agent_codes = cast(list[str], d.pop("agentCodes", UNSET))

        _booking_page = d.pop("bookingPage", UNSET)
        booking_page: PriceRulesBookingPage | Unset
        if isinstance(_booking_page, Unset):
            booking_page = UNSET
        else:
            booking_page = PriceRulesBookingPage.from_dict(_booking_page)

        _channels = d.pop("channels", UNSET)
        channels: PriceRulesChannels | Unset
        if isinstance(_channels, Unset):
            channels = UNSET
        else:
            channels = PriceRulesChannels.from_dict(_channels)

        _upsell_items = d.pop("upsellItems", UNSET)
        upsell_items: list[PriceRulesUpsellItemsItem] | Unset = UNSET
        if _upsell_items is not UNSET:
            upsell_items = []
            for upsell_items_item_data in _upsell_items:
                upsell_items_item = PriceRulesUpsellItemsItem.from_dict(
                    upsell_items_item_data
                )

                upsell_items.append(upsell_items_item)

        _voucher_codes = d.pop("voucherCodes", UNSET)
        voucher_codes: list[PriceRulesVoucherCodesItem] | Unset = UNSET
        if _voucher_codes is not UNSET:
            voucher_codes = []
            for voucher_codes_item_data in _voucher_codes:
                voucher_codes_item = PriceRulesVoucherCodesItem.from_dict(
                    voucher_codes_item_data
                )

                voucher_codes.append(voucher_codes_item)

        price_rules = cls(
            id=id,
            name=name,
            price_for=price_for,
            extra_person=extra_person,
            extra_child=extra_child,
            minimum_stay=minimum_stay,
            maximum_stay=maximum_stay,
            offer=offer,
            min_days_until_checkin=min_days_until_checkin,
            max_days_until_checkin=max_days_until_checkin,
            color=color,
            price_linking=price_linking,
            agent_codes=agent_codes,
            booking_page=booking_page,
            channels=channels,
            upsell_items=upsell_items,
            voucher_codes=voucher_codes,
        )

        price_rules.additional_properties = d
        return price_rules

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
