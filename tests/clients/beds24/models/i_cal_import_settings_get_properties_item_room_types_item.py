from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.i_cal_import_settings_get_properties_item_room_types_item_import_1 import (
    ICalImportSettingsGetPropertiesItemRoomTypesItemImport1,
    check_i_cal_import_settings_get_properties_item_room_types_item_import_1,
)
from ..models.i_cal_import_settings_get_properties_item_room_types_item_import_2 import (
    ICalImportSettingsGetPropertiesItemRoomTypesItemImport2,
    check_i_cal_import_settings_get_properties_item_room_types_item_import_2,
)
from ..models.i_cal_import_settings_get_properties_item_room_types_item_import_3 import (
    ICalImportSettingsGetPropertiesItemRoomTypesItemImport3,
    check_i_cal_import_settings_get_properties_item_room_types_item_import_3,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ICalImportSettingsGetPropertiesItemRoomTypesItem")


@_attrs_define
class ICalImportSettingsGetPropertiesItemRoomTypesItem:
    """
    Attributes:
        id (int | Unset):
        i_cal_uri_1 (str | Unset):
        i_cal_uri_2 (str | Unset):
        i_cal_uri_3 (str | Unset):
        ignore_containing_1 (str | Unset):
        ignore_containing_2 (str | Unset):
        ignore_containing_3 (str | Unset):
        import1 (ICalImportSettingsGetPropertiesItemRoomTypesItemImport1 | Unset):
        import2 (ICalImportSettingsGetPropertiesItemRoomTypesItemImport2 | Unset):
        import3 (ICalImportSettingsGetPropertiesItemRoomTypesItemImport3 | Unset):
    """

    id: int | Unset = UNSET
    i_cal_uri_1: str | Unset = UNSET
    i_cal_uri_2: str | Unset = UNSET
    i_cal_uri_3: str | Unset = UNSET
    ignore_containing_1: str | Unset = UNSET
    ignore_containing_2: str | Unset = UNSET
    ignore_containing_3: str | Unset = UNSET
    import1: ICalImportSettingsGetPropertiesItemRoomTypesItemImport1 | Unset = UNSET
    import2: ICalImportSettingsGetPropertiesItemRoomTypesItemImport2 | Unset = UNSET
    import3: ICalImportSettingsGetPropertiesItemRoomTypesItemImport3 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        i_cal_uri_1 = self.i_cal_uri_1

        i_cal_uri_2 = self.i_cal_uri_2

        i_cal_uri_3 = self.i_cal_uri_3

        ignore_containing_1 = self.ignore_containing_1

        ignore_containing_2 = self.ignore_containing_2

        ignore_containing_3 = self.ignore_containing_3

        import1: str | Unset = UNSET
        if not isinstance(self.import1, Unset):
            import1 = self.import1

        import2: str | Unset = UNSET
        if not isinstance(self.import2, Unset):
            import2 = self.import2

        import3: str | Unset = UNSET
        if not isinstance(self.import3, Unset):
            import3 = self.import3

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if i_cal_uri_1 is not UNSET:
            field_dict["iCalUri1"] = i_cal_uri_1
        if i_cal_uri_2 is not UNSET:
            field_dict["iCalUri2"] = i_cal_uri_2
        if i_cal_uri_3 is not UNSET:
            field_dict["iCalUri3"] = i_cal_uri_3
        if ignore_containing_1 is not UNSET:
            field_dict["ignoreContaining1"] = ignore_containing_1
        if ignore_containing_2 is not UNSET:
            field_dict["ignoreContaining2"] = ignore_containing_2
        if ignore_containing_3 is not UNSET:
            field_dict["ignoreContaining3"] = ignore_containing_3
        if import1 is not UNSET:
            field_dict["import1"] = import1
        if import2 is not UNSET:
            field_dict["import2"] = import2
        if import3 is not UNSET:
            field_dict["import3"] = import3

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        i_cal_uri_1 = d.pop("iCalUri1", UNSET)

        i_cal_uri_2 = d.pop("iCalUri2", UNSET)

        i_cal_uri_3 = d.pop("iCalUri3", UNSET)

        ignore_containing_1 = d.pop("ignoreContaining1", UNSET)

        ignore_containing_2 = d.pop("ignoreContaining2", UNSET)

        ignore_containing_3 = d.pop("ignoreContaining3", UNSET)

        _import1 = d.pop("import1", UNSET)
        import1: ICalImportSettingsGetPropertiesItemRoomTypesItemImport1 | Unset
        if isinstance(_import1, Unset):
            import1 = UNSET
        else:
            import1 = check_i_cal_import_settings_get_properties_item_room_types_item_import_1(
                _import1
            )

        _import2 = d.pop("import2", UNSET)
        import2: ICalImportSettingsGetPropertiesItemRoomTypesItemImport2 | Unset
        if isinstance(_import2, Unset):
            import2 = UNSET
        else:
            import2 = check_i_cal_import_settings_get_properties_item_room_types_item_import_2(
                _import2
            )

        _import3 = d.pop("import3", UNSET)
        import3: ICalImportSettingsGetPropertiesItemRoomTypesItemImport3 | Unset
        if isinstance(_import3, Unset):
            import3 = UNSET
        else:
            import3 = check_i_cal_import_settings_get_properties_item_room_types_item_import_3(
                _import3
            )

        i_cal_import_settings_get_properties_item_room_types_item = cls(
            id=id,
            i_cal_uri_1=i_cal_uri_1,
            i_cal_uri_2=i_cal_uri_2,
            i_cal_uri_3=i_cal_uri_3,
            ignore_containing_1=ignore_containing_1,
            ignore_containing_2=ignore_containing_2,
            ignore_containing_3=ignore_containing_3,
            import1=import1,
            import2=import2,
            import3=import3,
        )

        i_cal_import_settings_get_properties_item_room_types_item.additional_properties = d
        return i_cal_import_settings_get_properties_item_room_types_item

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
