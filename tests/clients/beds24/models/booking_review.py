from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.booking_review_content import BookingReviewContent
    from ..models.booking_review_reply import BookingReviewReply
    from ..models.booking_review_reviewer import BookingReviewReviewer
    from ..models.booking_review_scoring import BookingReviewScoring


T = TypeVar("T", bound="BookingReview")


@_attrs_define
class BookingReview:
    """
    Attributes:
        review_id (str | Unset):
        created_timestamp (str | Unset):  Example: 2018-05-13T12:16:33.
        last_change_timestamp (str | Unset):  Example: 2018-05-13T12:16:33.
        content (BookingReviewContent | Unset):
        reservation_id (int | Unset):  Example: 12345678.
        scoring (BookingReviewScoring | Unset):
        reviewer (BookingReviewReviewer | Unset):
        reply (BookingReviewReply | Unset):
    """

    review_id: str | Unset = UNSET
    created_timestamp: str | Unset = UNSET
    last_change_timestamp: str | Unset = UNSET
    content: BookingReviewContent | Unset = UNSET
    reservation_id: int | Unset = UNSET
    scoring: BookingReviewScoring | Unset = UNSET
    reviewer: BookingReviewReviewer | Unset = UNSET
    reply: BookingReviewReply | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        review_id = self.review_id

        created_timestamp = self.created_timestamp

        last_change_timestamp = self.last_change_timestamp

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        reservation_id = self.reservation_id

        scoring: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scoring, Unset):
            scoring = self.scoring.to_dict()

        reviewer: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reviewer, Unset):
            reviewer = self.reviewer.to_dict()

        reply: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reply, Unset):
            reply = self.reply.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if review_id is not UNSET:
            field_dict["review_id"] = review_id
        if created_timestamp is not UNSET:
            field_dict["created_timestamp"] = created_timestamp
        if last_change_timestamp is not UNSET:
            field_dict["last_change_timestamp"] = last_change_timestamp
        if content is not UNSET:
            field_dict["content"] = content
        if reservation_id is not UNSET:
            field_dict["reservation_id"] = reservation_id
        if scoring is not UNSET:
            field_dict["scoring"] = scoring
        if reviewer is not UNSET:
            field_dict["reviewer"] = reviewer
        if reply is not UNSET:
            field_dict["reply"] = reply

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.booking_review_content import BookingReviewContent
        from ..models.booking_review_reply import BookingReviewReply
        from ..models.booking_review_reviewer import BookingReviewReviewer
        from ..models.booking_review_scoring import BookingReviewScoring

        d = dict(src_dict)
        review_id = d.pop("review_id", UNSET)

        created_timestamp = d.pop("created_timestamp", UNSET)

        last_change_timestamp = d.pop("last_change_timestamp", UNSET)

        _content = d.pop("content", UNSET)
        content: BookingReviewContent | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = BookingReviewContent.from_dict(_content)

        reservation_id = d.pop("reservation_id", UNSET)

        _scoring = d.pop("scoring", UNSET)
        scoring: BookingReviewScoring | Unset
        if isinstance(_scoring, Unset):
            scoring = UNSET
        else:
            scoring = BookingReviewScoring.from_dict(_scoring)

        _reviewer = d.pop("reviewer", UNSET)
        reviewer: BookingReviewReviewer | Unset
        if isinstance(_reviewer, Unset):
            reviewer = UNSET
        else:
            reviewer = BookingReviewReviewer.from_dict(_reviewer)

        _reply = d.pop("reply", UNSET)
        reply: BookingReviewReply | Unset
        if isinstance(_reply, Unset):
            reply = UNSET
        else:
            reply = BookingReviewReply.from_dict(_reply)

        booking_review = cls(
            review_id=review_id,
            created_timestamp=created_timestamp,
            last_change_timestamp=last_change_timestamp,
            content=content,
            reservation_id=reservation_id,
            scoring=scoring,
            reviewer=reviewer,
            reply=reply,
        )

        booking_review.additional_properties = d
        return booking_review

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
