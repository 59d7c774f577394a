from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.room_overbooking_protection import (
    RoomOverbookingProtection,
    check_room_overbooking_protection,
)
from ..models.room_restriction_strategy import (
    RoomRestrictionStrategy,
    check_room_restriction_strategy,
)
from ..models.room_room_type import RoomRoomType, check_room_room_type
from ..models.room_unit_allocation import RoomUnitAllocation, check_room_unit_allocation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.offer import Offer
    from ..models.price_rules import PriceRules
    from ..models.room_dependencies import RoomDependencies
    from ..models.room_templates import RoomTemplates
    from ..models.room_texts_item import RoomTextsItem
    from ..models.room_unallocated_unit import RoomUnallocatedUnit
    from ..models.room_units_item import RoomUnitsItem


T = TypeVar("T", bound="Room")


@_attrs_define
class Room:
    """
    Attributes:
        id (int | Unset):
        property_id (int | Unset):
        name (str | Unset):
        room_type (RoomRoomType | Unset):
        qty (int | Unset):
        min_price (float | Unset):
        max_people (int | Unset):
        max_adult (int | None | Unset): Cannot be greater than the value of maxPeople.

            If set to null, the maximum number of adults allowed to stay at the property will be the maxPeople field.
        max_children (int | None | Unset): Cannot be greater than the value of maxPeople.

            If set to 0, no children will be allowed to stay at this property.

            If set to null then the number of children is not requested (i.e. there is no distinction made between children
            and adults).
        min_stay (int | None | Unset):
        max_stay (int | None | Unset):
        restriction_strategy (RoomRestrictionStrategy | Unset):
        tax_percentage (float | Unset):
        tax_person (float | Unset):
        rack_rate (float | Unset):
        cleaning_fee (float | Unset):
        security_deposit (float | Unset):
        sell_priority (int | None | Unset): Set to null to hide.
        room_size (int | None | Unset): Room size in square meters
        highlight_color (str | Unset):
        include_reports (bool | Unset):
        overbooking_protection (RoomOverbookingProtection | Unset):
        block_after_check_out_days (int | Unset):
        control_priority (int | None | Unset): Set to null to hide.
        dependencies (RoomDependencies | Unset):
        templates (RoomTemplates | Unset):
        texts (list[RoomTextsItem] | Unset):
        unit_allocation (RoomUnitAllocation | Unset):
        unallocated_unit (RoomUnallocatedUnit | Unset):
        units (list[RoomUnitsItem] | Unset):
        offers (list[Offer] | Unset):
        feature_codes (list[list[str]] | Unset):
        price_rules (list[PriceRules] | Unset):
    """

    id: int | Unset = UNSET
    property_id: int | Unset = UNSET
    name: str | Unset = UNSET
    room_type: RoomRoomType | Unset = UNSET
    qty: int | Unset = UNSET
    min_price: float | Unset = UNSET
    max_people: int | Unset = UNSET
    max_adult: int | None | Unset = UNSET
    max_children: int | None | Unset = UNSET
    min_stay: int | None | Unset = UNSET
    max_stay: int | None | Unset = UNSET
    restriction_strategy: RoomRestrictionStrategy | Unset = UNSET
    tax_percentage: float | Unset = UNSET
    tax_person: float | Unset = UNSET
    rack_rate: float | Unset = UNSET
    cleaning_fee: float | Unset = UNSET
    security_deposit: float | Unset = UNSET
    sell_priority: int | None | Unset = UNSET
    room_size: int | None | Unset = UNSET
    highlight_color: str | Unset = UNSET
    include_reports: bool | Unset = UNSET
    overbooking_protection: RoomOverbookingProtection | Unset = UNSET
    block_after_check_out_days: int | Unset = UNSET
    control_priority: int | None | Unset = UNSET
    dependencies: RoomDependencies | Unset = UNSET
    templates: RoomTemplates | Unset = UNSET
    texts: list[RoomTextsItem] | Unset = UNSET
    unit_allocation: RoomUnitAllocation | Unset = UNSET
    unallocated_unit: RoomUnallocatedUnit | Unset = UNSET
    units: list[RoomUnitsItem] | Unset = UNSET
    offers: list[Offer] | Unset = UNSET
    feature_codes: list[list[str]] | Unset = UNSET
    price_rules: list[PriceRules] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        property_id = self.property_id

        name = self.name

        room_type: str | Unset = UNSET
        if not isinstance(self.room_type, Unset):
            room_type = self.room_type

        qty = self.qty

        min_price = self.min_price

        max_people = self.max_people

        max_adult: int | None | Unset
        if isinstance(self.max_adult, Unset):
            max_adult = UNSET
        else:
            max_adult = self.max_adult

        max_children: int | None | Unset
        if isinstance(self.max_children, Unset):
            max_children = UNSET
        else:
            max_children = self.max_children

        min_stay: int | None | Unset
        if isinstance(self.min_stay, Unset):
            min_stay = UNSET
        else:
            min_stay = self.min_stay

        max_stay: int | None | Unset
        if isinstance(self.max_stay, Unset):
            max_stay = UNSET
        else:
            max_stay = self.max_stay

        restriction_strategy: str | Unset = UNSET
        if not isinstance(self.restriction_strategy, Unset):
            restriction_strategy = self.restriction_strategy

        tax_percentage = self.tax_percentage

        tax_person = self.tax_person

        rack_rate = self.rack_rate

        cleaning_fee = self.cleaning_fee

        security_deposit = self.security_deposit

        sell_priority: int | None | Unset
        if isinstance(self.sell_priority, Unset):
            sell_priority = UNSET
        else:
            sell_priority = self.sell_priority

        room_size: int | None | Unset
        if isinstance(self.room_size, Unset):
            room_size = UNSET
        else:
            room_size = self.room_size

        highlight_color = self.highlight_color

        include_reports = self.include_reports

        overbooking_protection: str | Unset = UNSET
        if not isinstance(self.overbooking_protection, Unset):
            overbooking_protection = self.overbooking_protection

        block_after_check_out_days = self.block_after_check_out_days

        control_priority: int | None | Unset
        if isinstance(self.control_priority, Unset):
            control_priority = UNSET
        else:
            control_priority = self.control_priority

        dependencies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dependencies, Unset):
            dependencies = self.dependencies.to_dict()

        templates: dict[str, Any] | Unset = UNSET
        if not isinstance(self.templates, Unset):
            templates = self.templates.to_dict()

        texts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.texts, Unset):
            texts = []
            for texts_item_data in self.texts:
                texts_item = texts_item_data.to_dict()
                texts.append(texts_item)

        unit_allocation: str | Unset = UNSET
        if not isinstance(self.unit_allocation, Unset):
            unit_allocation = self.unit_allocation

        unallocated_unit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.unallocated_unit, Unset):
            unallocated_unit = self.unallocated_unit.to_dict()

        units: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.units, Unset):
            units = []
            for units_item_data in self.units:
                units_item = units_item_data.to_dict()
                units.append(units_item)

        offers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.offers, Unset):
            offers = []
            for offers_item_data in self.offers:
                offers_item = offers_item_data.to_dict()
                offers.append(offers_item)

        feature_codes: list[list[str]] | Unset = UNSET
        if not isinstance(self.feature_codes, Unset):
            feature_codes = []
            for feature_codes_item_data in self.feature_codes:
                feature_codes_item = feature_codes_item_data

                feature_codes.append(feature_codes_item)

        price_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.price_rules, Unset):
            price_rules = []
            for price_rules_item_data in self.price_rules:
                price_rules_item = price_rules_item_data.to_dict()
                price_rules.append(price_rules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if property_id is not UNSET:
            field_dict["propertyId"] = property_id
        if name is not UNSET:
            field_dict["name"] = name
        if room_type is not UNSET:
            field_dict["roomType"] = room_type
        if qty is not UNSET:
            field_dict["qty"] = qty
        if min_price is not UNSET:
            field_dict["minPrice"] = min_price
        if max_people is not UNSET:
            field_dict["maxPeople"] = max_people
        if max_adult is not UNSET:
            field_dict["maxAdult"] = max_adult
        if max_children is not UNSET:
            field_dict["maxChildren"] = max_children
        if min_stay is not UNSET:
            field_dict["minStay"] = min_stay
        if max_stay is not UNSET:
            field_dict["maxStay"] = max_stay
        if restriction_strategy is not UNSET:
            field_dict["restrictionStrategy"] = restriction_strategy
        if tax_percentage is not UNSET:
            field_dict["taxPercentage"] = tax_percentage
        if tax_person is not UNSET:
            field_dict["taxPerson"] = tax_person
        if rack_rate is not UNSET:
            field_dict["rackRate"] = rack_rate
        if cleaning_fee is not UNSET:
            field_dict["cleaningFee"] = cleaning_fee
        if security_deposit is not UNSET:
            field_dict["securityDeposit"] = security_deposit
        if sell_priority is not UNSET:
            field_dict["sellPriority"] = sell_priority
        if room_size is not UNSET:
            field_dict["roomSize"] = room_size
        if highlight_color is not UNSET:
            field_dict["highlightColor"] = highlight_color
        if include_reports is not UNSET:
            field_dict["includeReports"] = include_reports
        if overbooking_protection is not UNSET:
            field_dict["overbookingProtection"] = overbooking_protection
        if block_after_check_out_days is not UNSET:
            field_dict["blockAfterCheckOutDays"] = block_after_check_out_days
        if control_priority is not UNSET:
            field_dict["controlPriority"] = control_priority
        if dependencies is not UNSET:
            field_dict["dependencies"] = dependencies
        if templates is not UNSET:
            field_dict["templates"] = templates
        if texts is not UNSET:
            field_dict["texts"] = texts
        if unit_allocation is not UNSET:
            field_dict["unitAllocation"] = unit_allocation
        if unallocated_unit is not UNSET:
            field_dict["unallocatedUnit"] = unallocated_unit
        if units is not UNSET:
            field_dict["units"] = units
        if offers is not UNSET:
            field_dict["offers"] = offers
        if feature_codes is not UNSET:
            field_dict["featureCodes"] = feature_codes
        if price_rules is not UNSET:
            field_dict["priceRules"] = price_rules

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.offer import Offer
        from ..models.price_rules import PriceRules
        from ..models.room_dependencies import RoomDependencies
        from ..models.room_templates import RoomTemplates
        from ..models.room_texts_item import RoomTextsItem
        from ..models.room_unallocated_unit import RoomUnallocatedUnit
        from ..models.room_units_item import RoomUnitsItem

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        property_id = d.pop("propertyId", UNSET)

        name = d.pop("name", UNSET)

        _room_type = d.pop("roomType", UNSET)
        room_type: RoomRoomType | Unset
        if isinstance(_room_type, Unset):
            room_type = UNSET
        else:
            room_type = check_room_room_type(_room_type)

        qty = d.pop("qty", UNSET)

        min_price = d.pop("minPrice", UNSET)

        max_people = d.pop("maxPeople", UNSET)

        def _parse_max_adult(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_adult = _parse_max_adult(d.pop("maxAdult", UNSET))

        def _parse_max_children(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_children = _parse_max_children(d.pop("maxChildren", UNSET))

        def _parse_min_stay(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_stay = _parse_min_stay(d.pop("minStay", UNSET))

        def _parse_max_stay(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_stay = _parse_max_stay(d.pop("maxStay", UNSET))

        _restriction_strategy = d.pop("restrictionStrategy", UNSET)
        restriction_strategy: RoomRestrictionStrategy | Unset
        if isinstance(_restriction_strategy, Unset):
            restriction_strategy = UNSET
        else:
            restriction_strategy = check_room_restriction_strategy(
                _restriction_strategy
            )

        tax_percentage = d.pop("taxPercentage", UNSET)

        tax_person = d.pop("taxPerson", UNSET)

        rack_rate = d.pop("rackRate", UNSET)

        cleaning_fee = d.pop("cleaningFee", UNSET)

        security_deposit = d.pop("securityDeposit", UNSET)

        def _parse_sell_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sell_priority = _parse_sell_priority(d.pop("sellPriority", UNSET))

        def _parse_room_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        room_size = _parse_room_size(d.pop("roomSize", UNSET))

        highlight_color = d.pop("highlightColor", UNSET)

        include_reports = d.pop("includeReports", UNSET)

        _overbooking_protection = d.pop("overbookingProtection", UNSET)
        overbooking_protection: RoomOverbookingProtection | Unset
        if isinstance(_overbooking_protection, Unset):
            overbooking_protection = UNSET
        else:
            overbooking_protection = check_room_overbooking_protection(
                _overbooking_protection
            )

        block_after_check_out_days = d.pop("blockAfterCheckOutDays", UNSET)

        def _parse_control_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        control_priority = _parse_control_priority(d.pop("controlPriority", UNSET))

        _dependencies = d.pop("dependencies", UNSET)
        dependencies: RoomDependencies | Unset
        if isinstance(_dependencies, Unset):
            dependencies = UNSET
        else:
            dependencies = RoomDependencies.from_dict(_dependencies)

        _templates = d.pop("templates", UNSET)
        templates: RoomTemplates | Unset
        if isinstance(_templates, Unset):
            templates = UNSET
        else:
            templates = RoomTemplates.from_dict(_templates)

        _texts = d.pop("texts", UNSET)
        texts: list[RoomTextsItem] | Unset = UNSET
        if _texts is not UNSET:
            texts = []
            for texts_item_data in _texts:
                texts_item = RoomTextsItem.from_dict(texts_item_data)

                texts.append(texts_item)

        _unit_allocation = d.pop("unitAllocation", UNSET)
        unit_allocation: RoomUnitAllocation | Unset
        if isinstance(_unit_allocation, Unset):
            unit_allocation = UNSET
        else:
            unit_allocation = check_room_unit_allocation(_unit_allocation)

        _unallocated_unit = d.pop("unallocatedUnit", UNSET)
        unallocated_unit: RoomUnallocatedUnit | Unset
        if isinstance(_unallocated_unit, Unset):
            unallocated_unit = UNSET
        else:
            unallocated_unit = RoomUnallocatedUnit.from_dict(_unallocated_unit)

        _units = d.pop("units", UNSET)
        units: list[RoomUnitsItem] | Unset = UNSET
        if _units is not UNSET:
            units = []
            for units_item_data in _units:
                units_item = RoomUnitsItem.from_dict(units_item_data)

                units.append(units_item)

        _offers = d.pop("offers", UNSET)
        offers: list[Offer] | Unset = UNSET
        if _offers is not UNSET:
            offers = []
            for offers_item_data in _offers:
                offers_item = Offer.from_dict(offers_item_data)

                offers.append(offers_item)

        _feature_codes = d.pop("featureCodes", UNSET)
        feature_codes: list[list[str]] | Unset = UNSET
        if _feature_codes is not UNSET:
            feature_codes = []
            for feature_codes_item_data in _feature_codes:
                feature_codes_item = cast(list[str], feature_codes_item_data)

                feature_codes.append(feature_codes_item)

        _price_rules = d.pop("priceRules", UNSET)
        price_rules: list[PriceRules] | Unset = UNSET
        if _price_rules is not UNSET:
            price_rules = []
            for price_rules_item_data in _price_rules:
                price_rules_item = PriceRules.from_dict(price_rules_item_data)

                price_rules.append(price_rules_item)

        room = cls(
            id=id,
            property_id=property_id,
            name=name,
            room_type=room_type,
            qty=qty,
            min_price=min_price,
            max_people=max_people,
            max_adult=max_adult,
            max_children=max_children,
            min_stay=min_stay,
            max_stay=max_stay,
            restriction_strategy=restriction_strategy,
            tax_percentage=tax_percentage,
            tax_person=tax_person,
            rack_rate=rack_rate,
            cleaning_fee=cleaning_fee,
            security_deposit=security_deposit,
            sell_priority=sell_priority,
            room_size=room_size,
            highlight_color=highlight_color,
            include_reports=include_reports,
            overbooking_protection=overbooking_protection,
            block_after_check_out_days=block_after_check_out_days,
            control_priority=control_priority,
            dependencies=dependencies,
            templates=templates,
            texts=texts,
            unit_allocation=unit_allocation,
            unallocated_unit=unallocated_unit,
            units=units,
            offers=offers,
            feature_codes=feature_codes,
            price_rules=price_rules,
        )

        room.additional_properties = d
        return room

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
