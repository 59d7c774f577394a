from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.airbnb_review_category_ratings_item import (
        AirbnbReviewCategoryRatingsItem,
    )


T = TypeVar("T", bound="AirbnbReview")


@_attrs_define
class AirbnbReview:
    """This data comes directly from Airbnb, for more information see their documention on their listing_reviews API.

    Attributes:
        id (str | Unset):
        category_ratings (list[AirbnbReviewCategoryRatingsItem] | Unset):
        expires_at (int | Unset):
        first_completed_at (datetime.datetime | Unset):
        hidden (bool | Unset):
        overall_rating (int | Unset):
        private_feedback (str | Unset):
        public_review (str | Unset):
        responded_at (str | Unset):
        reviewee_id (str | Unset):
        reviewee_response (str | Unset):
        reviewee_role (str | Unset):
        reviewer_id (str | Unset):
        reviewer_role (str | Unset):
        submitted (bool | Unset):
        submitted_at (str | Unset):
    """

    id: str | Unset = UNSET
    category_ratings: list[AirbnbReviewCategoryRatingsItem] | Unset = UNSET
    expires_at: int | Unset = UNSET
    first_completed_at: datetime.datetime | Unset = UNSET
    hidden: bool | Unset = UNSET
    overall_rating: int | Unset = UNSET
    private_feedback: str | Unset = UNSET
    public_review: str | Unset = UNSET
    responded_at: str | Unset = UNSET
    reviewee_id: str | Unset = UNSET
    reviewee_response: str | Unset = UNSET
    reviewee_role: str | Unset = UNSET
    reviewer_id: str | Unset = UNSET
    reviewer_role: str | Unset = UNSET
    submitted: bool | Unset = UNSET
    submitted_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        category_ratings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.category_ratings, Unset):
            category_ratings = []
            for category_ratings_item_data in self.category_ratings:
                category_ratings_item = category_ratings_item_data.to_dict()
                category_ratings.append(category_ratings_item)

        expires_at = self.expires_at

        first_completed_at: str | Unset = UNSET
        if not isinstance(self.first_completed_at, Unset):
            first_completed_at = self.first_completed_at.isoformat()

        hidden = self.hidden

        overall_rating = self.overall_rating

        private_feedback = self.private_feedback

        public_review = self.public_review

        responded_at = self.responded_at

        reviewee_id = self.reviewee_id

        reviewee_response = self.reviewee_response

        reviewee_role = self.reviewee_role

        reviewer_id = self.reviewer_id

        reviewer_role = self.reviewer_role

        submitted = self.submitted

        submitted_at = self.submitted_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if category_ratings is not UNSET:
            field_dict["category_ratings"] = category_ratings
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if first_completed_at is not UNSET:
            field_dict["first_completed_at"] = first_completed_at
        if hidden is not UNSET:
            field_dict["hidden"] = hidden
        if overall_rating is not UNSET:
            field_dict["overall_rating"] = overall_rating
        if private_feedback is not UNSET:
            field_dict["private_feedback"] = private_feedback
        if public_review is not UNSET:
            field_dict["public_review"] = public_review
        if responded_at is not UNSET:
            field_dict["responded_at"] = responded_at
        if reviewee_id is not UNSET:
            field_dict["reviewee_id"] = reviewee_id
        if reviewee_response is not UNSET:
            field_dict["reviewee_response"] = reviewee_response
        if reviewee_role is not UNSET:
            field_dict["reviewee_role"] = reviewee_role
        if reviewer_id is not UNSET:
            field_dict["reviewer_id"] = reviewer_id
        if reviewer_role is not UNSET:
            field_dict["reviewer_role"] = reviewer_role
        if submitted is not UNSET:
            field_dict["submitted"] = submitted
        if submitted_at is not UNSET:
            field_dict["submitted_at"] = submitted_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.airbnb_review_category_ratings_item import (
            AirbnbReviewCategoryRatingsItem,
        )

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _category_ratings = d.pop("category_ratings", UNSET)
        category_ratings: list[AirbnbReviewCategoryRatingsItem] | Unset = UNSET
        if _category_ratings is not UNSET:
            category_ratings = []
            for category_ratings_item_data in _category_ratings:
                category_ratings_item = AirbnbReviewCategoryRatingsItem.from_dict(
                    category_ratings_item_data
                )

                category_ratings.append(category_ratings_item)

        expires_at = d.pop("expires_at", UNSET)

        _first_completed_at = d.pop("first_completed_at", UNSET)
        first_completed_at: datetime.datetime | Unset
        if isinstance(_first_completed_at, Unset):
            first_completed_at = UNSET
        else:
            first_completed_at = datetime.datetime.fromisoformat(_first_completed_at)

        hidden = d.pop("hidden", UNSET)

        overall_rating = d.pop("overall_rating", UNSET)

        private_feedback = d.pop("private_feedback", UNSET)

        public_review = d.pop("public_review", UNSET)

        responded_at = d.pop("responded_at", UNSET)

        reviewee_id = d.pop("reviewee_id", UNSET)

        reviewee_response = d.pop("reviewee_response", UNSET)

        reviewee_role = d.pop("reviewee_role", UNSET)

        reviewer_id = d.pop("reviewer_id", UNSET)

        reviewer_role = d.pop("reviewer_role", UNSET)

        submitted = d.pop("submitted", UNSET)

        submitted_at = d.pop("submitted_at", UNSET)

        airbnb_review = cls(
            id=id,
            category_ratings=category_ratings,
            expires_at=expires_at,
            first_completed_at=first_completed_at,
            hidden=hidden,
            overall_rating=overall_rating,
            private_feedback=private_feedback,
            public_review=public_review,
            responded_at=responded_at,
            reviewee_id=reviewee_id,
            reviewee_response=reviewee_response,
            reviewee_role=reviewee_role,
            reviewer_id=reviewer_id,
            reviewer_role=reviewer_role,
            submitted=submitted,
            submitted_at=submitted_at,
        )

        airbnb_review.additional_properties = d
        return airbnb_review

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
