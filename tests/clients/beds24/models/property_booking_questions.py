from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.property_booking_questions_custom_question_1 import (
        PropertyBookingQuestionsCustomQuestion1,
    )
    from ..models.property_booking_questions_custom_question_2 import (
        PropertyBookingQuestionsCustomQuestion2,
    )
    from ..models.property_booking_questions_custom_question_3 import (
        PropertyBookingQuestionsCustomQuestion3,
    )
    from ..models.property_booking_questions_custom_question_4 import (
        PropertyBookingQuestionsCustomQuestion4,
    )
    from ..models.property_booking_questions_custom_question_5 import (
        PropertyBookingQuestionsCustomQuestion5,
    )
    from ..models.property_booking_questions_custom_question_6 import (
        PropertyBookingQuestionsCustomQuestion6,
    )
    from ..models.property_booking_questions_custom_question_7 import (
        PropertyBookingQuestionsCustomQuestion7,
    )
    from ..models.property_booking_questions_custom_question_8 import (
        PropertyBookingQuestionsCustomQuestion8,
    )
    from ..models.property_booking_questions_custom_question_9 import (
        PropertyBookingQuestionsCustomQuestion9,
    )
    from ..models.property_booking_questions_custom_question_10 import (
        PropertyBookingQuestionsCustomQuestion10,
    )
    from ..models.property_booking_questions_guest_address import (
        PropertyBookingQuestionsGuestAddress,
    )
    from ..models.property_booking_questions_guest_arrival_time import (
        PropertyBookingQuestionsGuestArrivalTime,
    )
    from ..models.property_booking_questions_guest_city import (
        PropertyBookingQuestionsGuestCity,
    )
    from ..models.property_booking_questions_guest_comments import (
        PropertyBookingQuestionsGuestComments,
    )
    from ..models.property_booking_questions_guest_company import (
        PropertyBookingQuestionsGuestCompany,
    )
    from ..models.property_booking_questions_guest_country_select import (
        PropertyBookingQuestionsGuestCountrySelect,
    )
    from ..models.property_booking_questions_guest_country_text import (
        PropertyBookingQuestionsGuestCountryText,
    )
    from ..models.property_booking_questions_guest_email import (
        PropertyBookingQuestionsGuestEmail,
    )
    from ..models.property_booking_questions_guest_fax import (
        PropertyBookingQuestionsGuestFax,
    )
    from ..models.property_booking_questions_guest_first_name import (
        PropertyBookingQuestionsGuestFirstName,
    )
    from ..models.property_booking_questions_guest_last_name import (
        PropertyBookingQuestionsGuestLastName,
    )
    from ..models.property_booking_questions_guest_mobile import (
        PropertyBookingQuestionsGuestMobile,
    )
    from ..models.property_booking_questions_guest_phone import (
        PropertyBookingQuestionsGuestPhone,
    )
    from ..models.property_booking_questions_guest_postcode import (
        PropertyBookingQuestionsGuestPostcode,
    )
    from ..models.property_booking_questions_guest_state import (
        PropertyBookingQuestionsGuestState,
    )
    from ..models.property_booking_questions_guest_title import (
        PropertyBookingQuestionsGuestTitle,
    )


T = TypeVar("T", bound="PropertyBookingQuestions")


@_attrs_define
class PropertyBookingQuestions:
    """
    Attributes:
        guest_title (PropertyBookingQuestionsGuestTitle | Unset):
        guest_first_name (PropertyBookingQuestionsGuestFirstName | Unset):
        guest_last_name (PropertyBookingQuestionsGuestLastName | Unset):
        guest_email (PropertyBookingQuestionsGuestEmail | Unset):
        guest_phone (PropertyBookingQuestionsGuestPhone | Unset):
        guest_mobile (PropertyBookingQuestionsGuestMobile | Unset):
        guest_fax (PropertyBookingQuestionsGuestFax | Unset):
        guest_company (PropertyBookingQuestionsGuestCompany | Unset):
        guest_address (PropertyBookingQuestionsGuestAddress | Unset):
        guest_city (PropertyBookingQuestionsGuestCity | Unset):
        guest_state (PropertyBookingQuestionsGuestState | Unset):
        guest_postcode (PropertyBookingQuestionsGuestPostcode | Unset):
        guest_country_text (PropertyBookingQuestionsGuestCountryText | Unset):
        guest_country_select (PropertyBookingQuestionsGuestCountrySelect | Unset):
        guest_arrival_time (PropertyBookingQuestionsGuestArrivalTime | Unset):
        guest_comments (PropertyBookingQuestionsGuestComments | Unset):
        custom_question_1 (PropertyBookingQuestionsCustomQuestion1 | Unset):
        custom_question_2 (PropertyBookingQuestionsCustomQuestion2 | Unset):
        custom_question_3 (PropertyBookingQuestionsCustomQuestion3 | Unset):
        custom_question_4 (PropertyBookingQuestionsCustomQuestion4 | Unset):
        custom_question_5 (PropertyBookingQuestionsCustomQuestion5 | Unset):
        custom_question_6 (PropertyBookingQuestionsCustomQuestion6 | Unset):
        custom_question_7 (PropertyBookingQuestionsCustomQuestion7 | Unset):
        custom_question_8 (PropertyBookingQuestionsCustomQuestion8 | Unset):
        custom_question_9 (PropertyBookingQuestionsCustomQuestion9 | Unset):
        custom_question_10 (PropertyBookingQuestionsCustomQuestion10 | Unset):
    """

    guest_title: PropertyBookingQuestionsGuestTitle | Unset = UNSET
    guest_first_name: PropertyBookingQuestionsGuestFirstName | Unset = UNSET
    guest_last_name: PropertyBookingQuestionsGuestLastName | Unset = UNSET
    guest_email: PropertyBookingQuestionsGuestEmail | Unset = UNSET
    guest_phone: PropertyBookingQuestionsGuestPhone | Unset = UNSET
    guest_mobile: PropertyBookingQuestionsGuestMobile | Unset = UNSET
    guest_fax: PropertyBookingQuestionsGuestFax | Unset = UNSET
    guest_company: PropertyBookingQuestionsGuestCompany | Unset = UNSET
    guest_address: PropertyBookingQuestionsGuestAddress | Unset = UNSET
    guest_city: PropertyBookingQuestionsGuestCity | Unset = UNSET
    guest_state: PropertyBookingQuestionsGuestState | Unset = UNSET
    guest_postcode: PropertyBookingQuestionsGuestPostcode | Unset = UNSET
    guest_country_text: PropertyBookingQuestionsGuestCountryText | Unset = UNSET
    guest_country_select: PropertyBookingQuestionsGuestCountrySelect | Unset = UNSET
    guest_arrival_time: PropertyBookingQuestionsGuestArrivalTime | Unset = UNSET
    guest_comments: PropertyBookingQuestionsGuestComments | Unset = UNSET
    custom_question_1: PropertyBookingQuestionsCustomQuestion1 | Unset = UNSET
    custom_question_2: PropertyBookingQuestionsCustomQuestion2 | Unset = UNSET
    custom_question_3: PropertyBookingQuestionsCustomQuestion3 | Unset = UNSET
    custom_question_4: PropertyBookingQuestionsCustomQuestion4 | Unset = UNSET
    custom_question_5: PropertyBookingQuestionsCustomQuestion5 | Unset = UNSET
    custom_question_6: PropertyBookingQuestionsCustomQuestion6 | Unset = UNSET
    custom_question_7: PropertyBookingQuestionsCustomQuestion7 | Unset = UNSET
    custom_question_8: PropertyBookingQuestionsCustomQuestion8 | Unset = UNSET
    custom_question_9: PropertyBookingQuestionsCustomQuestion9 | Unset = UNSET
    custom_question_10: PropertyBookingQuestionsCustomQuestion10 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        guest_title: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_title, Unset):
            guest_title = self.guest_title.to_dict()

        guest_first_name: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_first_name, Unset):
            guest_first_name = self.guest_first_name.to_dict()

        guest_last_name: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_last_name, Unset):
            guest_last_name = self.guest_last_name.to_dict()

        guest_email: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_email, Unset):
            guest_email = self.guest_email.to_dict()

        guest_phone: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_phone, Unset):
            guest_phone = self.guest_phone.to_dict()

        guest_mobile: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_mobile, Unset):
            guest_mobile = self.guest_mobile.to_dict()

        guest_fax: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_fax, Unset):
            guest_fax = self.guest_fax.to_dict()

        guest_company: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_company, Unset):
            guest_company = self.guest_company.to_dict()

        guest_address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_address, Unset):
            guest_address = self.guest_address.to_dict()

        guest_city: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_city, Unset):
            guest_city = self.guest_city.to_dict()

        guest_state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_state, Unset):
            guest_state = self.guest_state.to_dict()

        guest_postcode: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_postcode, Unset):
            guest_postcode = self.guest_postcode.to_dict()

        guest_country_text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_country_text, Unset):
            guest_country_text = self.guest_country_text.to_dict()

        guest_country_select: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_country_select, Unset):
            guest_country_select = self.guest_country_select.to_dict()

        guest_arrival_time: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_arrival_time, Unset):
            guest_arrival_time = self.guest_arrival_time.to_dict()

        guest_comments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guest_comments, Unset):
            guest_comments = self.guest_comments.to_dict()

        custom_question_1: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_1, Unset):
            custom_question_1 = self.custom_question_1.to_dict()

        custom_question_2: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_2, Unset):
            custom_question_2 = self.custom_question_2.to_dict()

        custom_question_3: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_3, Unset):
            custom_question_3 = self.custom_question_3.to_dict()

        custom_question_4: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_4, Unset):
            custom_question_4 = self.custom_question_4.to_dict()

        custom_question_5: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_5, Unset):
            custom_question_5 = self.custom_question_5.to_dict()

        custom_question_6: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_6, Unset):
            custom_question_6 = self.custom_question_6.to_dict()

        custom_question_7: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_7, Unset):
            custom_question_7 = self.custom_question_7.to_dict()

        custom_question_8: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_8, Unset):
            custom_question_8 = self.custom_question_8.to_dict()

        custom_question_9: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_9, Unset):
            custom_question_9 = self.custom_question_9.to_dict()

        custom_question_10: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_question_10, Unset):
            custom_question_10 = self.custom_question_10.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if guest_title is not UNSET:
            field_dict["guestTitle"] = guest_title
        if guest_first_name is not UNSET:
            field_dict["guestFirstName"] = guest_first_name
        if guest_last_name is not UNSET:
            field_dict["guestLastName"] = guest_last_name
        if guest_email is not UNSET:
            field_dict["guestEmail"] = guest_email
        if guest_phone is not UNSET:
            field_dict["guestPhone"] = guest_phone
        if guest_mobile is not UNSET:
            field_dict["guestMobile"] = guest_mobile
        if guest_fax is not UNSET:
            field_dict["guestFax"] = guest_fax
        if guest_company is not UNSET:
            field_dict["guestCompany"] = guest_company
        if guest_address is not UNSET:
            field_dict["guestAddress"] = guest_address
        if guest_city is not UNSET:
            field_dict["guestCity"] = guest_city
        if guest_state is not UNSET:
            field_dict["guestState"] = guest_state
        if guest_postcode is not UNSET:
            field_dict["guestPostcode"] = guest_postcode
        if guest_country_text is not UNSET:
            field_dict["guestCountryText"] = guest_country_text
        if guest_country_select is not UNSET:
            field_dict["guestCountrySelect"] = guest_country_select
        if guest_arrival_time is not UNSET:
            field_dict["guestArrivalTime"] = guest_arrival_time
        if guest_comments is not UNSET:
            field_dict["guestComments"] = guest_comments
        if custom_question_1 is not UNSET:
            field_dict["customQuestion1"] = custom_question_1
        if custom_question_2 is not UNSET:
            field_dict["customQuestion2"] = custom_question_2
        if custom_question_3 is not UNSET:
            field_dict["customQuestion3"] = custom_question_3
        if custom_question_4 is not UNSET:
            field_dict["customQuestion4"] = custom_question_4
        if custom_question_5 is not UNSET:
            field_dict["customQuestion5"] = custom_question_5
        if custom_question_6 is not UNSET:
            field_dict["customQuestion6"] = custom_question_6
        if custom_question_7 is not UNSET:
            field_dict["customQuestion7"] = custom_question_7
        if custom_question_8 is not UNSET:
            field_dict["customQuestion8"] = custom_question_8
        if custom_question_9 is not UNSET:
            field_dict["customQuestion9"] = custom_question_9
        if custom_question_10 is not UNSET:
            field_dict["customQuestion10"] = custom_question_10

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.property_booking_questions_custom_question_1 import (
            PropertyBookingQuestionsCustomQuestion1,
        )
        from ..models.property_booking_questions_custom_question_2 import (
            PropertyBookingQuestionsCustomQuestion2,
        )
        from ..models.property_booking_questions_custom_question_3 import (
            PropertyBookingQuestionsCustomQuestion3,
        )
        from ..models.property_booking_questions_custom_question_4 import (
            PropertyBookingQuestionsCustomQuestion4,
        )
        from ..models.property_booking_questions_custom_question_5 import (
            PropertyBookingQuestionsCustomQuestion5,
        )
        from ..models.property_booking_questions_custom_question_6 import (
            PropertyBookingQuestionsCustomQuestion6,
        )
        from ..models.property_booking_questions_custom_question_7 import (
            PropertyBookingQuestionsCustomQuestion7,
        )
        from ..models.property_booking_questions_custom_question_8 import (
            PropertyBookingQuestionsCustomQuestion8,
        )
        from ..models.property_booking_questions_custom_question_9 import (
            PropertyBookingQuestionsCustomQuestion9,
        )
        from ..models.property_booking_questions_custom_question_10 import (
            PropertyBookingQuestionsCustomQuestion10,
        )
        from ..models.property_booking_questions_guest_address import (
            PropertyBookingQuestionsGuestAddress,
        )
        from ..models.property_booking_questions_guest_arrival_time import (
            PropertyBookingQuestionsGuestArrivalTime,
        )
        from ..models.property_booking_questions_guest_city import (
            PropertyBookingQuestionsGuestCity,
        )
        from ..models.property_booking_questions_guest_comments import (
            PropertyBookingQuestionsGuestComments,
        )
        from ..models.property_booking_questions_guest_company import (
            PropertyBookingQuestionsGuestCompany,
        )
        from ..models.property_booking_questions_guest_country_select import (
            PropertyBookingQuestionsGuestCountrySelect,
        )
        from ..models.property_booking_questions_guest_country_text import (
            PropertyBookingQuestionsGuestCountryText,
        )
        from ..models.property_booking_questions_guest_email import (
            PropertyBookingQuestionsGuestEmail,
        )
        from ..models.property_booking_questions_guest_fax import (
            PropertyBookingQuestionsGuestFax,
        )
        from ..models.property_booking_questions_guest_first_name import (
            PropertyBookingQuestionsGuestFirstName,
        )
        from ..models.property_booking_questions_guest_last_name import (
            PropertyBookingQuestionsGuestLastName,
        )
        from ..models.property_booking_questions_guest_mobile import (
            PropertyBookingQuestionsGuestMobile,
        )
        from ..models.property_booking_questions_guest_phone import (
            PropertyBookingQuestionsGuestPhone,
        )
        from ..models.property_booking_questions_guest_postcode import (
            PropertyBookingQuestionsGuestPostcode,
        )
        from ..models.property_booking_questions_guest_state import (
            PropertyBookingQuestionsGuestState,
        )
        from ..models.property_booking_questions_guest_title import (
            PropertyBookingQuestionsGuestTitle,
        )

        d = dict(src_dict)
        _guest_title = d.pop("guestTitle", UNSET)
        guest_title: PropertyBookingQuestionsGuestTitle | Unset
        if isinstance(_guest_title, Unset):
            guest_title = UNSET
        else:
            guest_title = PropertyBookingQuestionsGuestTitle.from_dict(_guest_title)

        _guest_first_name = d.pop("guestFirstName", UNSET)
        guest_first_name: PropertyBookingQuestionsGuestFirstName | Unset
        if isinstance(_guest_first_name, Unset):
            guest_first_name = UNSET
        else:
            guest_first_name = PropertyBookingQuestionsGuestFirstName.from_dict(
                _guest_first_name
            )

        _guest_last_name = d.pop("guestLastName", UNSET)
        guest_last_name: PropertyBookingQuestionsGuestLastName | Unset
        if isinstance(_guest_last_name, Unset):
            guest_last_name = UNSET
        else:
            guest_last_name = PropertyBookingQuestionsGuestLastName.from_dict(
                _guest_last_name
            )

        _guest_email = d.pop("guestEmail", UNSET)
        guest_email: PropertyBookingQuestionsGuestEmail | Unset
        if isinstance(_guest_email, Unset):
            guest_email = UNSET
        else:
            guest_email = PropertyBookingQuestionsGuestEmail.from_dict(_guest_email)

        _guest_phone = d.pop("guestPhone", UNSET)
        guest_phone: PropertyBookingQuestionsGuestPhone | Unset
        if isinstance(_guest_phone, Unset):
            guest_phone = UNSET
        else:
            guest_phone = PropertyBookingQuestionsGuestPhone.from_dict(_guest_phone)

        _guest_mobile = d.pop("guestMobile", UNSET)
        guest_mobile: PropertyBookingQuestionsGuestMobile | Unset
        if isinstance(_guest_mobile, Unset):
            guest_mobile = UNSET
        else:
            guest_mobile = PropertyBookingQuestionsGuestMobile.from_dict(_guest_mobile)

        _guest_fax = d.pop("guestFax", UNSET)
        guest_fax: PropertyBookingQuestionsGuestFax | Unset
        if isinstance(_guest_fax, Unset):
            guest_fax = UNSET
        else:
            guest_fax = PropertyBookingQuestionsGuestFax.from_dict(_guest_fax)

        _guest_company = d.pop("guestCompany", UNSET)
        guest_company: PropertyBookingQuestionsGuestCompany | Unset
        if isinstance(_guest_company, Unset):
            guest_company = UNSET
        else:
            guest_company = PropertyBookingQuestionsGuestCompany.from_dict(
                _guest_company
            )

        _guest_address = d.pop("guestAddress", UNSET)
        guest_address: PropertyBookingQuestionsGuestAddress | Unset
        if isinstance(_guest_address, Unset):
            guest_address = UNSET
        else:
            guest_address = PropertyBookingQuestionsGuestAddress.from_dict(
                _guest_address
            )

        _guest_city = d.pop("guestCity", UNSET)
        guest_city: PropertyBookingQuestionsGuestCity | Unset
        if isinstance(_guest_city, Unset):
            guest_city = UNSET
        else:
            guest_city = PropertyBookingQuestionsGuestCity.from_dict(_guest_city)

        _guest_state = d.pop("guestState", UNSET)
        guest_state: PropertyBookingQuestionsGuestState | Unset
        if isinstance(_guest_state, Unset):
            guest_state = UNSET
        else:
            guest_state = PropertyBookingQuestionsGuestState.from_dict(_guest_state)

        _guest_postcode = d.pop("guestPostcode", UNSET)
        guest_postcode: PropertyBookingQuestionsGuestPostcode | Unset
        if isinstance(_guest_postcode, Unset):
            guest_postcode = UNSET
        else:
            guest_postcode = PropertyBookingQuestionsGuestPostcode.from_dict(
                _guest_postcode
            )

        _guest_country_text = d.pop("guestCountryText", UNSET)
        guest_country_text: PropertyBookingQuestionsGuestCountryText | Unset
        if isinstance(_guest_country_text, Unset):
            guest_country_text = UNSET
        else:
            guest_country_text = PropertyBookingQuestionsGuestCountryText.from_dict(
                _guest_country_text
            )

        _guest_country_select = d.pop("guestCountrySelect", UNSET)
        guest_country_select: PropertyBookingQuestionsGuestCountrySelect | Unset
        if isinstance(_guest_country_select, Unset):
            guest_country_select = UNSET
        else:
            guest_country_select = PropertyBookingQuestionsGuestCountrySelect.from_dict(
                _guest_country_select
            )

        _guest_arrival_time = d.pop("guestArrivalTime", UNSET)
        guest_arrival_time: PropertyBookingQuestionsGuestArrivalTime | Unset
        if isinstance(_guest_arrival_time, Unset):
            guest_arrival_time = UNSET
        else:
            guest_arrival_time = PropertyBookingQuestionsGuestArrivalTime.from_dict(
                _guest_arrival_time
            )

        _guest_comments = d.pop("guestComments", UNSET)
        guest_comments: PropertyBookingQuestionsGuestComments | Unset
        if isinstance(_guest_comments, Unset):
            guest_comments = UNSET
        else:
            guest_comments = PropertyBookingQuestionsGuestComments.from_dict(
                _guest_comments
            )

        _custom_question_1 = d.pop("customQuestion1", UNSET)
        custom_question_1: PropertyBookingQuestionsCustomQuestion1 | Unset
        if isinstance(_custom_question_1, Unset):
            custom_question_1 = UNSET
        else:
            custom_question_1 = PropertyBookingQuestionsCustomQuestion1.from_dict(
                _custom_question_1
            )

        _custom_question_2 = d.pop("customQuestion2", UNSET)
        custom_question_2: PropertyBookingQuestionsCustomQuestion2 | Unset
        if isinstance(_custom_question_2, Unset):
            custom_question_2 = UNSET
        else:
            custom_question_2 = PropertyBookingQuestionsCustomQuestion2.from_dict(
                _custom_question_2
            )

        _custom_question_3 = d.pop("customQuestion3", UNSET)
        custom_question_3: PropertyBookingQuestionsCustomQuestion3 | Unset
        if isinstance(_custom_question_3, Unset):
            custom_question_3 = UNSET
        else:
            custom_question_3 = PropertyBookingQuestionsCustomQuestion3.from_dict(
                _custom_question_3
            )

        _custom_question_4 = d.pop("customQuestion4", UNSET)
        custom_question_4: PropertyBookingQuestionsCustomQuestion4 | Unset
        if isinstance(_custom_question_4, Unset):
            custom_question_4 = UNSET
        else:
            custom_question_4 = PropertyBookingQuestionsCustomQuestion4.from_dict(
                _custom_question_4
            )

        _custom_question_5 = d.pop("customQuestion5", UNSET)
        custom_question_5: PropertyBookingQuestionsCustomQuestion5 | Unset
        if isinstance(_custom_question_5, Unset):
            custom_question_5 = UNSET
        else:
            custom_question_5 = PropertyBookingQuestionsCustomQuestion5.from_dict(
                _custom_question_5
            )

        _custom_question_6 = d.pop("customQuestion6", UNSET)
        custom_question_6: PropertyBookingQuestionsCustomQuestion6 | Unset
        if isinstance(_custom_question_6, Unset):
            custom_question_6 = UNSET
        else:
            custom_question_6 = PropertyBookingQuestionsCustomQuestion6.from_dict(
                _custom_question_6
            )

        _custom_question_7 = d.pop("customQuestion7", UNSET)
        custom_question_7: PropertyBookingQuestionsCustomQuestion7 | Unset
        if isinstance(_custom_question_7, Unset):
            custom_question_7 = UNSET
        else:
            custom_question_7 = PropertyBookingQuestionsCustomQuestion7.from_dict(
                _custom_question_7
            )

        _custom_question_8 = d.pop("customQuestion8", UNSET)
        custom_question_8: PropertyBookingQuestionsCustomQuestion8 | Unset
        if isinstance(_custom_question_8, Unset):
            custom_question_8 = UNSET
        else:
            custom_question_8 = PropertyBookingQuestionsCustomQuestion8.from_dict(
                _custom_question_8
            )

        _custom_question_9 = d.pop("customQuestion9", UNSET)
        custom_question_9: PropertyBookingQuestionsCustomQuestion9 | Unset
        if isinstance(_custom_question_9, Unset):
            custom_question_9 = UNSET
        else:
            custom_question_9 = PropertyBookingQuestionsCustomQuestion9.from_dict(
                _custom_question_9
            )

        _custom_question_10 = d.pop("customQuestion10", UNSET)
        custom_question_10: PropertyBookingQuestionsCustomQuestion10 | Unset
        if isinstance(_custom_question_10, Unset):
            custom_question_10 = UNSET
        else:
            custom_question_10 = PropertyBookingQuestionsCustomQuestion10.from_dict(
                _custom_question_10
            )

        property_booking_questions = cls(
            guest_title=guest_title,
            guest_first_name=guest_first_name,
            guest_last_name=guest_last_name,
            guest_email=guest_email,
            guest_phone=guest_phone,
            guest_mobile=guest_mobile,
            guest_fax=guest_fax,
            guest_company=guest_company,
            guest_address=guest_address,
            guest_city=guest_city,
            guest_state=guest_state,
            guest_postcode=guest_postcode,
            guest_country_text=guest_country_text,
            guest_country_select=guest_country_select,
            guest_arrival_time=guest_arrival_time,
            guest_comments=guest_comments,
            custom_question_1=custom_question_1,
            custom_question_2=custom_question_2,
            custom_question_3=custom_question_3,
            custom_question_4=custom_question_4,
            custom_question_5=custom_question_5,
            custom_question_6=custom_question_6,
            custom_question_7=custom_question_7,
            custom_question_8=custom_question_8,
            custom_question_9=custom_question_9,
            custom_question_10=custom_question_10,
        )

        property_booking_questions.additional_properties = d
        return property_booking_questions

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
