from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.property_booking_rules_booking_exceptional_type import (
    PropertyBookingRulesBookingExceptionalType,
    check_property_booking_rules_booking_exceptional_type,
)
from ..models.property_booking_rules_booking_near_type import (
    PropertyBookingRulesBookingNearType,
    check_property_booking_rules_booking_near_type,
)
from ..models.property_booking_rules_booking_type import (
    PropertyBookingRulesBookingType,
    check_property_booking_rules_booking_type,
)
from ..models.property_booking_rules_daily_price_strategy import (
    PropertyBookingRulesDailyPriceStrategy,
    check_property_booking_rules_daily_price_strategy,
)
from ..models.property_booking_rules_daily_price_type import (
    PropertyBookingRulesDailyPriceType,
    check_property_booking_rules_daily_price_type,
)
from ..models.property_booking_rules_price_rounding import (
    PropertyBookingRulesPriceRounding,
    check_property_booking_rules_price_rounding,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_booking_rules_allow_guest_cancellation import (
        PropertyBookingRulesAllowGuestCancellation,
    )


T = TypeVar("T", bound="PropertyBookingRules")


@_attrs_define
class PropertyBookingRules:
    """
    Attributes:
        booking_type (PropertyBookingRulesBookingType | Unset):
        booking_near_type_days (int | None | Unset): Set to 0 for same day arrival. Set to null to disable.
        booking_near_type (PropertyBookingRulesBookingNearType | Unset):
        booking_exceptional_type (PropertyBookingRulesBookingExceptionalType | Unset):
        booking_exceptional_type_start (datetime.date | Unset):
        booking_exceptional_type_end (datetime.date | Unset):
        booking_cut_off_hour (int | Unset):
        daily_price_strategy (PropertyBookingRulesDailyPriceStrategy | Unset):
        daily_price_type (PropertyBookingRulesDailyPriceType | Unset):
        vat_rate_percentage (float | Unset):
        price_rounding (PropertyBookingRulesPriceRounding | Unset):
        allow_guest_cancellation (PropertyBookingRulesAllowGuestCancellation | Unset):
    """

    booking_type: PropertyBookingRulesBookingType | Unset = UNSET
    booking_near_type_days: int | None | Unset = UNSET
    booking_near_type: PropertyBookingRulesBookingNearType | Unset = UNSET
    booking_exceptional_type: PropertyBookingRulesBookingExceptionalType | Unset = UNSET
    booking_exceptional_type_start: datetime.date | Unset = UNSET
    booking_exceptional_type_end: datetime.date | Unset = UNSET
    booking_cut_off_hour: int | Unset = UNSET
    daily_price_strategy: PropertyBookingRulesDailyPriceStrategy | Unset = UNSET
    daily_price_type: PropertyBookingRulesDailyPriceType | Unset = UNSET
    vat_rate_percentage: float | Unset = UNSET
    price_rounding: PropertyBookingRulesPriceRounding | Unset = UNSET
    allow_guest_cancellation: PropertyBookingRulesAllowGuestCancellation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        booking_type: str | Unset = UNSET
        if not isinstance(self.booking_type, Unset):
            booking_type = self.booking_type

        booking_near_type_days: int | None | Unset
        if isinstance(self.booking_near_type_days, Unset):
            booking_near_type_days = UNSET
        else:
            booking_near_type_days = self.booking_near_type_days

        booking_near_type: str | Unset = UNSET
        if not isinstance(self.booking_near_type, Unset):
            booking_near_type = self.booking_near_type

        booking_exceptional_type: str | Unset = UNSET
        if not isinstance(self.booking_exceptional_type, Unset):
            booking_exceptional_type = self.booking_exceptional_type

        booking_exceptional_type_start: str | Unset = UNSET
        if not isinstance(self.booking_exceptional_type_start, Unset):
            booking_exceptional_type_start = (
                self.booking_exceptional_type_start.isoformat()
            )

        booking_exceptional_type_end: str | Unset = UNSET
        if not isinstance(self.booking_exceptional_type_end, Unset):
            booking_exceptional_type_end = self.booking_exceptional_type_end.isoformat()

        booking_cut_off_hour = self.booking_cut_off_hour

        daily_price_strategy: str | Unset = UNSET
        if not isinstance(self.daily_price_strategy, Unset):
            daily_price_strategy = self.daily_price_strategy

        daily_price_type: str | Unset = UNSET
        if not isinstance(self.daily_price_type, Unset):
            daily_price_type = self.daily_price_type

        vat_rate_percentage = self.vat_rate_percentage

        price_rounding: str | Unset = UNSET
        if not isinstance(self.price_rounding, Unset):
            price_rounding = self.price_rounding

        allow_guest_cancellation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.allow_guest_cancellation, Unset):
            allow_guest_cancellation = self.allow_guest_cancellation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if booking_type is not UNSET:
            field_dict["bookingType"] = booking_type
        if booking_near_type_days is not UNSET:
            field_dict["bookingNearTypeDays"] = booking_near_type_days
        if booking_near_type is not UNSET:
            field_dict["bookingNearType"] = booking_near_type
        if booking_exceptional_type is not UNSET:
            field_dict["bookingExceptionalType"] = booking_exceptional_type
        if booking_exceptional_type_start is not UNSET:
            field_dict["bookingExceptionalTypeStart"] = booking_exceptional_type_start
        if booking_exceptional_type_end is not UNSET:
            field_dict["bookingExceptionalTypeEnd"] = booking_exceptional_type_end
        if booking_cut_off_hour is not UNSET:
            field_dict["bookingCutOffHour"] = booking_cut_off_hour
        if daily_price_strategy is not UNSET:
            field_dict["dailyPriceStrategy"] = daily_price_strategy
        if daily_price_type is not UNSET:
            field_dict["dailyPriceType"] = daily_price_type
        if vat_rate_percentage is not UNSET:
            field_dict["vatRatePercentage"] = vat_rate_percentage
        if price_rounding is not UNSET:
            field_dict["priceRounding"] = price_rounding
        if allow_guest_cancellation is not UNSET:
            field_dict["allowGuestCancellation"] = allow_guest_cancellation

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_booking_rules_allow_guest_cancellation import (
            PropertyBookingRulesAllowGuestCancellation,
        )

        d = dict(src_dict)
        _booking_type = d.pop("bookingType", UNSET)
        booking_type: PropertyBookingRulesBookingType | Unset
        if isinstance(_booking_type, Unset):
            booking_type = UNSET
        else:
            booking_type = check_property_booking_rules_booking_type(_booking_type)

        def _parse_booking_near_type_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        booking_near_type_days = _parse_booking_near_type_days(
            d.pop("bookingNearTypeDays", UNSET)
        )

        _booking_near_type = d.pop("bookingNearType", UNSET)
        booking_near_type: PropertyBookingRulesBookingNearType | Unset
        if isinstance(_booking_near_type, Unset):
            booking_near_type = UNSET
        else:
            booking_near_type = check_property_booking_rules_booking_near_type(
                _booking_near_type
            )

        _booking_exceptional_type = d.pop("bookingExceptionalType", UNSET)
        booking_exceptional_type: PropertyBookingRulesBookingExceptionalType | Unset
        if isinstance(_booking_exceptional_type, Unset):
            booking_exceptional_type = UNSET
        else:
            booking_exceptional_type = (
                check_property_booking_rules_booking_exceptional_type(
                    _booking_exceptional_type
                )
            )

        _booking_exceptional_type_start = d.pop("bookingExceptionalTypeStart", UNSET)
        booking_exceptional_type_start: datetime.date | Unset
        if isinstance(_booking_exceptional_type_start, Unset):
            booking_exceptional_type_start = UNSET
        else:
            booking_exceptional_type_start = datetime.date.fromisoformat(
                _booking_exceptional_type_start
            )

        _booking_exceptional_type_end = d.pop("bookingExceptionalTypeEnd", UNSET)
        booking_exceptional_type_end: datetime.date | Unset
        if isinstance(_booking_exceptional_type_end, Unset):
            booking_exceptional_type_end = UNSET
        else:
            booking_exceptional_type_end = datetime.date.fromisoformat(
                _booking_exceptional_type_end
            )

        booking_cut_off_hour = d.pop("bookingCutOffHour", UNSET)

        _daily_price_strategy = d.pop("dailyPriceStrategy", UNSET)
        daily_price_strategy: PropertyBookingRulesDailyPriceStrategy | Unset
        if isinstance(_daily_price_strategy, Unset):
            daily_price_strategy = UNSET
        else:
            daily_price_strategy = check_property_booking_rules_daily_price_strategy(
                _daily_price_strategy
            )

        _daily_price_type = d.pop("dailyPriceType", UNSET)
        daily_price_type: PropertyBookingRulesDailyPriceType | Unset
        if isinstance(_daily_price_type, Unset):
            daily_price_type = UNSET
        else:
            daily_price_type = check_property_booking_rules_daily_price_type(
                _daily_price_type
            )

        vat_rate_percentage = d.pop("vatRatePercentage", UNSET)

        _price_rounding = d.pop("priceRounding", UNSET)
        price_rounding: PropertyBookingRulesPriceRounding | Unset
        if isinstance(_price_rounding, Unset):
            price_rounding = UNSET
        else:
            price_rounding = check_property_booking_rules_price_rounding(
                _price_rounding
            )

        _allow_guest_cancellation = d.pop("allowGuestCancellation", UNSET)
        allow_guest_cancellation: PropertyBookingRulesAllowGuestCancellation | Unset
        if isinstance(_allow_guest_cancellation, Unset):
            allow_guest_cancellation = UNSET
        else:
            allow_guest_cancellation = (
                PropertyBookingRulesAllowGuestCancellation.from_dict(
                    _allow_guest_cancellation
                )
            )

        property_booking_rules = cls(
            booking_type=booking_type,
            booking_near_type_days=booking_near_type_days,
            booking_near_type=booking_near_type,
            booking_exceptional_type=booking_exceptional_type,
            booking_exceptional_type_start=booking_exceptional_type_start,
            booking_exceptional_type_end=booking_exceptional_type_end,
            booking_cut_off_hour=booking_cut_off_hour,
            daily_price_strategy=daily_price_strategy,
            daily_price_type=daily_price_type,
            vat_rate_percentage=vat_rate_percentage,
            price_rounding=price_rounding,
            allow_guest_cancellation=allow_guest_cancellation,
        )

        property_booking_rules.additional_properties = d
        return property_booking_rules

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
