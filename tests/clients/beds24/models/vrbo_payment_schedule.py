from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VrboPaymentSchedule")


@_attrs_define
class VrboPaymentSchedule:
    """
    Attributes:
        days_after_booking (int | None | Unset):
        days_before_booking (int | None | Unset):
        fixed_amount (float | Unset):
        percentage_amount (int | None | Unset):
    """

    days_after_booking: int | None | Unset = UNSET
    days_before_booking: int | None | Unset = UNSET
    fixed_amount: float | Unset = UNSET
    percentage_amount: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days_after_booking: int | None | Unset
        if isinstance(self.days_after_booking, Unset):
            days_after_booking = UNSET
        else:
            days_after_booking = self.days_after_booking

        days_before_booking: int | None | Unset
        if isinstance(self.days_before_booking, Unset):
            days_before_booking = UNSET
        else:
            days_before_booking = self.days_before_booking

        fixed_amount = self.fixed_amount

        percentage_amount: int | None | Unset
        if isinstance(self.percentage_amount, Unset):
            percentage_amount = UNSET
        else:
            percentage_amount = self.percentage_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if days_after_booking is not UNSET:
            field_dict["daysAfterBooking"] = days_after_booking
        if days_before_booking is not UNSET:
            field_dict["daysBeforeBooking"] = days_before_booking
        if fixed_amount is not UNSET:
            field_dict["fixedAmount"] = fixed_amount
        if percentage_amount is not UNSET:
            field_dict["percentageAmount"] = percentage_amount

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_days_after_booking(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_after_booking = _parse_days_after_booking(d.pop("daysAfterBooking", UNSET))

        def _parse_days_before_booking(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_before_booking = _parse_days_before_booking(
            d.pop("daysBeforeBooking", UNSET)
        )

        fixed_amount = d.pop("fixedAmount", UNSET)

        def _parse_percentage_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        percentage_amount = _parse_percentage_amount(d.pop("percentageAmount", UNSET))

        vrbo_payment_schedule = cls(
            days_after_booking=days_after_booking,
            days_before_booking=days_before_booking,
            fixed_amount=fixed_amount,
            percentage_amount=percentage_amount,
        )

        vrbo_payment_schedule.additional_properties = d
        return vrbo_payment_schedule

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
