from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BookingReviewScoring")


@_attrs_define
class BookingReviewScoring:
    """
    Attributes:
        review_score (float | Unset):  Example: 9.5.
        clean (float | Unset):  Example: 10.
        facilities (float | Unset):  Example: 10.
        location (float | Unset):  Example: 10.
        services (float | Unset):  Example: 10.
        staff (float | Unset):  Example: 7.5.
        value (float | Unset):
    """

    review_score: float | Unset = UNSET
    clean: float | Unset = UNSET
    facilities: float | Unset = UNSET
    location: float | Unset = UNSET
    services: float | Unset = UNSET
    staff: float | Unset = UNSET
    value: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        review_score = self.review_score

        clean = self.clean

        facilities = self.facilities

        location = self.location

        services = self.services

        staff = self.staff

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if review_score is not UNSET:
            field_dict["review_score"] = review_score
        if clean is not UNSET:
            field_dict["clean"] = clean
        if facilities is not UNSET:
            field_dict["facilities"] = facilities
        if location is not UNSET:
            field_dict["location"] = location
        if services is not UNSET:
            field_dict["services"] = services
        if staff is not UNSET:
            field_dict["staff"] = staff
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        review_score = d.pop("review_score", UNSET)

        clean = d.pop("clean", UNSET)

        facilities = d.pop("facilities", UNSET)

        location = d.pop("location", UNSET)

        services = d.pop("services", UNSET)

        staff = d.pop("staff", UNSET)

        value = d.pop("value", UNSET)

        booking_review_scoring = cls(
            review_score=review_score,
            clean=clean,
            facilities=facilities,
            location=location,
            services=services,
            staff=staff,
            value=value,
        )

        booking_review_scoring.additional_properties = d
        return booking_review_scoring

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
