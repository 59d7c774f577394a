from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_sub_accounts_item import AccountSubAccountsItem
    from ..models.account_usage import AccountUsage


T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    """
    Attributes:
        id (int | Unset):
        balance (float | Unset):
        charge (float | Unset):
        channel_collect_invoice (str | Unset):
        control_css (str | Unset):
        control_language (str | Unset):
        control_menu (str | Unset):
        control_text (str | Unset):
        date_format (str | Unset):
        decimal_places (str | Unset):
        deduce_language (str | Unset):
        export_data (str | Unset):
        one_time_vouchers (str | Unset):
        hide_pages (str | Unset):
        hide_settings (str | Unset):
        readonly_pages (str | Unset):
        sub_control_css (str | Unset):
        sub_control_text (str | Unset):
        sub_hide_pages (str | Unset):
        sub_hide_settings (str | Unset):
        sub_readonly_pages (str | Unset):
        template1 (str | Unset):
        template2 (str | Unset):
        template3 (str | Unset):
        template4 (str | Unset):
        template5 (str | Unset):
        template6 (str | Unset):
        template7 (str | Unset):
        template8 (str | Unset):
        timezone (str | Unset):
        unit_status_values (list[str] | Unset):
        window_style (str | Unset):
        usage (AccountUsage | Unset):
        sub_accounts (list[AccountSubAccountsItem] | Unset):
    """

    id: int | Unset = UNSET
    balance: float | Unset = UNSET
    charge: float | Unset = UNSET
    channel_collect_invoice: str | Unset = UNSET
    control_css: str | Unset = UNSET
    control_language: str | Unset = UNSET
    control_menu: str | Unset = UNSET
    control_text: str | Unset = UNSET
    date_format: str | Unset = UNSET
    decimal_places: str | Unset = UNSET
    deduce_language: str | Unset = UNSET
    export_data: str | Unset = UNSET
    one_time_vouchers: str | Unset = UNSET
    hide_pages: str | Unset = UNSET
    hide_settings: str | Unset = UNSET
    readonly_pages: str | Unset = UNSET
    sub_control_css: str | Unset = UNSET
    sub_control_text: str | Unset = UNSET
    sub_hide_pages: str | Unset = UNSET
    sub_hide_settings: str | Unset = UNSET
    sub_readonly_pages: str | Unset = UNSET
    template1: str | Unset = UNSET
    template2: str | Unset = UNSET
    template3: str | Unset = UNSET
    template4: str | Unset = UNSET
    template5: str | Unset = UNSET
    template6: str | Unset = UNSET
    template7: str | Unset = UNSET
    template8: str | Unset = UNSET
    timezone: str | Unset = UNSET
    unit_status_values: list[str] | Unset = UNSET
    window_style: str | Unset = UNSET
    usage: AccountUsage | Unset = UNSET
    sub_accounts: list[AccountSubAccountsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        balance = self.balance

        charge = self.charge

        channel_collect_invoice = self.channel_collect_invoice

        control_css = self.control_css

        control_language = self.control_language

        control_menu = self.control_menu

        control_text = self.control_text

        date_format = self.date_format

        decimal_places = self.decimal_places

        deduce_language = self.deduce_language

        export_data = self.export_data

        one_time_vouchers = self.one_time_vouchers

        hide_pages = self.hide_pages

        hide_settings = self.hide_settings

        readonly_pages = self.readonly_pages

        sub_control_css = self.sub_control_css

        sub_control_text = self.sub_control_text

        sub_hide_pages = self.sub_hide_pages

        sub_hide_settings = self.sub_hide_settings

        sub_readonly_pages = self.sub_readonly_pages

        template1 = self.template1

        template2 = self.template2

        template3 = self.template3

        template4 = self.template4

        template5 = self.template5

        template6 = self.template6

        template7 = self.template7

        template8 = self.template8

        timezone = self.timezone

        unit_status_values: list[str] | Unset = UNSET
        if not isinstance(self.unit_status_values, Unset):
            unit_status_values = self.unit_status_values

        window_style = self.window_style

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        sub_accounts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sub_accounts, Unset):
            sub_accounts = []
            for sub_accounts_item_data in self.sub_accounts:
                sub_accounts_item = sub_accounts_item_data.to_dict()
                sub_accounts.append(sub_accounts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if balance is not UNSET:
            field_dict["balance"] = balance
        if charge is not UNSET:
            field_dict["charge"] = charge
        if channel_collect_invoice is not UNSET:
            field_dict["channelCollectInvoice"] = channel_collect_invoice
        if control_css is not UNSET:
            field_dict["controlCss"] = control_css
        if control_language is not UNSET:
            field_dict["controlLanguage"] = control_language
        if control_menu is not UNSET:
            field_dict["controlMenu"] = control_menu
        if control_text is not UNSET:
            field_dict["controlText"] = control_text
        if date_format is not UNSET:
            field_dict["dateFormat"] = date_format
        if decimal_places is not UNSET:
            field_dict["decimalPlaces"] = decimal_places
        if deduce_language is not UNSET:
            field_dict["deduceLanguage"] = deduce_language
        if export_data is not UNSET:
            field_dict["exportData"] = export_data
        if one_time_vouchers is not UNSET:
            field_dict["oneTimeVouchers"] = one_time_vouchers
        if hide_pages is not UNSET:
            field_dict["hidePages"] = hide_pages
        if hide_settings is not UNSET:
            field_dict["hideSettings"] = hide_settings
        if readonly_pages is not UNSET:
            field_dict["readonlyPages"] = readonly_pages
        if sub_control_css is not UNSET:
            field_dict["subControlCss"] = sub_control_css
        if sub_control_text is not UNSET:
            field_dict["subControlText"] = sub_control_text
        if sub_hide_pages is not UNSET:
            field_dict["subHidePages"] = sub_hide_pages
        if sub_hide_settings is not UNSET:
            field_dict["subHideSettings"] = sub_hide_settings
        if sub_readonly_pages is not UNSET:
            field_dict["subReadonlyPages"] = sub_readonly_pages
        if template1 is not UNSET:
            field_dict["template1"] = template1
        if template2 is not UNSET:
            field_dict["template2"] = template2
        if template3 is not UNSET:
            field_dict["template3"] = template3
        if template4 is not UNSET:
            field_dict["template4"] = template4
        if template5 is not UNSET:
            field_dict["template5"] = template5
        if template6 is not UNSET:
            field_dict["template6"] = template6
        if template7 is not UNSET:
            field_dict["template7"] = template7
        if template8 is not UNSET:
            field_dict["template8"] = template8
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if unit_status_values is not UNSET:
            field_dict["unitStatusValues"] = unit_status_values
        if window_style is not UNSET:
            field_dict["windowStyle"] = window_style
        if usage is not UNSET:
            field_dict["usage"] = usage
        if sub_accounts is not UNSET:
            field_dict["subAccounts"] = sub_accounts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_sub_accounts_item import AccountSubAccountsItem
        from ..models.account_usage import AccountUsage

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        balance = d.pop("balance", UNSET)

        charge = d.pop("charge", UNSET)

        channel_collect_invoice = d.pop("channelCollectInvoice", UNSET)

        control_css = d.pop("controlCss", UNSET)

        control_language = d.pop("controlLanguage", UNSET)

        control_menu = d.pop("controlMenu", UNSET)

        control_text = d.pop("controlText", UNSET)

        date_format = d.pop("dateFormat", UNSET)

        decimal_places = d.pop("decimalPlaces", UNSET)

        deduce_language = d.pop("deduceLanguage", UNSET)

        export_data = d.pop("exportData", UNSET)

        one_time_vouchers = d.pop("oneTimeVouchers", UNSET)

        hide_pages = d.pop("hidePages", UNSET)

        hide_settings = d.pop("hideSettings", UNSET)

        readonly_pages = d.pop("readonlyPages", UNSET)

        sub_control_css = d.pop("subControlCss", UNSET)

        sub_control_text = d.pop("subControlText", UNSET)

        sub_hide_pages = d.pop("subHidePages", UNSET)

        sub_hide_settings = d.pop("subHideSettings", UNSET)

        sub_readonly_pages = d.pop("subReadonlyPages", UNSET)

        template1 = d.pop("template1", UNSET)

        template2 = d.pop("template2", UNSET)

        template3 = d.pop("template3", UNSET)

        template4 = d.pop("template4", UNSET)

        template5 = d.pop("template5", UNSET)

        template6 = d.pop("template6", UNSET)

        template7 = d.pop("template7", UNSET)

        template8 = d.pop("template8", UNSET)

        timezone = d.pop("timezone", UNSET)

        unit_status_values = cast(list[str], d.pop("unitStatusValues", UNSET))

        window_style = d.pop("windowStyle", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: AccountUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = AccountUsage.from_dict(_usage)

        _sub_accounts = d.pop("subAccounts", UNSET)
        sub_accounts: list[AccountSubAccountsItem] | Unset = UNSET
        if _sub_accounts is not UNSET:
            sub_accounts = []
            for sub_accounts_item_data in _sub_accounts:
                sub_accounts_item = AccountSubAccountsItem.from_dict(
                    sub_accounts_item_data
                )

                sub_accounts.append(sub_accounts_item)

        account = cls(
            id=id,
            balance=balance,
            charge=charge,
            channel_collect_invoice=channel_collect_invoice,
            control_css=control_css,
            control_language=control_language,
            control_menu=control_menu,
            control_text=control_text,
            date_format=date_format,
            decimal_places=decimal_places,
            deduce_language=deduce_language,
            export_data=export_data,
            one_time_vouchers=one_time_vouchers,
            hide_pages=hide_pages,
            hide_settings=hide_settings,
            readonly_pages=readonly_pages,
            sub_control_css=sub_control_css,
            sub_control_text=sub_control_text,
            sub_hide_pages=sub_hide_pages,
            sub_hide_settings=sub_hide_settings,
            sub_readonly_pages=sub_readonly_pages,
            template1=template1,
            template2=template2,
            template3=template3,
            template4=template4,
            template5=template5,
            template6=template6,
            template7=template7,
            template8=template8,
            timezone=timezone,
            unit_status_values=unit_status_values,
            window_style=window_style,
            usage=usage,
            sub_accounts=sub_accounts,
        )

        account.additional_properties = d
        return account

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
