from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AirbnbReviewCategoryRatingsItem")


@_attrs_define
class AirbnbReviewCategoryRatingsItem:
    """
    Attributes:
        category (str | Unset):
        comment (str | Unset):
        rating (int | Unset):
        review_category_tags (list[str] | Unset):
    """

    category: str | Unset = UNSET
    comment: str | Unset = UNSET
    rating: int | Unset = UNSET
    review_category_tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        comment = self.comment

        rating = self.rating

        review_category_tags: list[str] | Unset = UNSET
        if not isinstance(self.review_category_tags, Unset):
            review_category_tags = self.review_category_tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if comment is not UNSET:
            field_dict["comment"] = comment
        if rating is not UNSET:
            field_dict["rating"] = rating
        if review_category_tags is not UNSET:
            field_dict["review_category_tags"] = review_category_tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        category = d.pop("category", UNSET)

        comment = d.pop("comment", UNSET)

        rating = d.pop("rating", UNSET)

        review_category_tags = cast(list[str], d.pop("review_category_tags", UNSET))

        airbnb_review_category_ratings_item = cls(
            category=category,
            comment=comment,
            rating=rating,
            review_category_tags=review_category_tags,
        )

        airbnb_review_category_ratings_item.additional_properties = d
        return airbnb_review_category_ratings_item

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
