from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_details_diagnostics import TokenDetailsDiagnostics
    from ..models.token_details_token import TokenDetailsToken


T = TypeVar("T", bound="TokenDetails")


@_attrs_define
class TokenDetails:
    """
    Attributes:
        valid_token (bool | Unset):
        token (TokenDetailsToken | Unset):
        diagnostics (TokenDetailsDiagnostics | Unset):
    """

    valid_token: bool | Unset = UNSET
    token: TokenDetailsToken | Unset = UNSET
    diagnostics: TokenDetailsDiagnostics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        valid_token = self.valid_token

        token: dict[str, Any] | Unset = UNSET
        if not isinstance(self.token, Unset):
            token = self.token.to_dict()

        diagnostics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.diagnostics, Unset):
            diagnostics = self.diagnostics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if valid_token is not UNSET:
            field_dict["validToken"] = valid_token
        if token is not UNSET:
            field_dict["token"] = token
        if diagnostics is not UNSET:
            field_dict["diagnostics"] = diagnostics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.token_details_diagnostics import TokenDetailsDiagnostics
        from ..models.token_details_token import TokenDetailsToken

        d = dict(src_dict)
        valid_token = d.pop("validToken", UNSET)

        _token = d.pop("token", UNSET)
        token: TokenDetailsToken | Unset
        if isinstance(_token, Unset):
            token = UNSET
        else:
            token = TokenDetailsToken.from_dict(_token)

        _diagnostics = d.pop("diagnostics", UNSET)
        diagnostics: TokenDetailsDiagnostics | Unset
        if isinstance(_diagnostics, Unset):
            diagnostics = UNSET
        else:
            diagnostics = TokenDetailsDiagnostics.from_dict(_diagnostics)

        token_details = cls(
            valid_token=valid_token,
            token=token,
            diagnostics=diagnostics,
        )

        token_details.additional_properties = d
        return token_details

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
