"""The platformAdmin service's localization settings and financial reports under
/platformadmin-api (spec §7.2): createLocalizationSetting, updateLocalizationSetting,
listLocalizationSettings (anyone may list); getFinancialReport, createFinancialReport,
listFinancialReports (admins only).

Settings are a plain resource (the declarative layer lists them); their writes carry
the caller's address to the audit row, so they are written here over the same records.
A report's totals are the server's, summed from the ledger (staykit.domain.reports)."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import Field, JsonValue, field_validator

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.catalog_schemas import iso_date
from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Field as Prop
from staykit.api.marketplace.envelope import number, respond, shape
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, mount, resource_record
from staykit.api.marketplace.responses import READ, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.core.schemas import Input
from staykit.domain.localization import service as localization
from staykit.domain.localization.models import LocalizationSetting
from staykit.domain.reports import service as reports
from staykit.domain.reports.models import FinancialReport

router = APIRouter()

# --- localization settings ------------------------------------------------------------------

SETTING_FIELDS = (
    Prop("languageCode", "language_code"),
    Prop("effectiveFrom", "effective_from"),
    Prop("effectiveTo", "effective_to"),
    Prop("currencyCode", "currency_code"),
    Prop("isCurrencyActive", "is_currency_active"),
)
settings_resource = Resource(
    name="localizationSetting",
    plural="localizationSettings",
    records=localization.SETTINGS,
    id_param="localizationSettingId",
    fields=SETTING_FIELDS,
    filters={
        "languageCode": flt.FilterSpec(
            "languageCode", LocalizationSetting.language_code, Kind.STRING
        ),
        "currencyCode": flt.FilterSpec(
            "currencyCode", LocalizationSetting.currency_code, Kind.STRING
        ),
        "isCurrencyActive": flt.FilterSpec(
            "isCurrencyActive", LocalizationSetting.is_currency_active, Kind.BOOL
        ),
    },
)
SettingRecord = resource_record(settings_resource)
SETTING = envelope("localizationSetting", SettingRecord)
mount(router, settings_resource, "/v1/localizationsettings", ops=("list",))

IsoDate = Annotated[date, Field(description="YYYY-MM-DD")]


class _SettingBody(Input):
    @field_validator("effective_from", "effective_to", mode="before", check_fields=False)
    @classmethod
    def _dates(cls, v: Any) -> Any:
        return v if v is None else iso_date(v)

    @field_validator("currency_code", check_fields=False)
    @classmethod
    def _upper(cls, v: str | None) -> str | None:
        return v if v is None else v.upper()


class CreateLocalizationSetting(_SettingBody):
    """createLocalizationSetting. The spec requires both codes; a setting may offer just
    a language or just a currency here (send the other as null or leave it out).
    isCurrencyActive defaults to whether a currency is sent."""

    language_code: str | None = Field(default=None, max_length=20)
    effective_from: IsoDate | None = None
    effective_to: IsoDate | None = None
    currency_code: str | None = Field(default=None, min_length=3, max_length=3)
    is_currency_active: bool | None = None

    def command(self, ip: str) -> localization.NewSetting:
        return localization.NewSetting(
            language_code=self.language_code,
            currency_code=self.currency_code,
            is_currency_active=self.is_currency_active,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            ip_address=ip,
        )


class UpdateLocalizationSetting(_SettingBody):
    """updateLocalizationSetting: only what is sent changes; the period stays from <= to."""

    language_code: str | None = Field(default=None, max_length=20)
    effective_from: IsoDate | None = None
    effective_to: IsoDate | None = None
    currency_code: str | None = Field(default=None, min_length=3, max_length=3)
    is_currency_active: bool | None = None

    def command(self, ip: str) -> localization.SettingChanges:
        return localization.SettingChanges(self.provided(), ip_address=ip)


@router.post(
    "/v1/localizationsettings",
    tags=["localizationSettings"],
    summary="createLocalizationSetting",
    status_code=201,
    **described(A.LOGIN, 400, 413, model=SETTING),
)
async def create_localization_setting(
    ctx: Context, body: CreateLocalizationSetting
) -> JSONResponse:
    """Admins only: offer a language and/or a currency, optionally for a period."""
    row = await localization.SETTINGS.create(ctx.session, ctx.user(), body.command(ctx.ip))
    return respond(ctx, "localizationSetting", shape(row, SETTING_FIELDS), action="create")


@router.patch(
    "/v1/localizationsettings/{localizationSettingId}",
    tags=["localizationSettings"],
    summary="updateLocalizationSetting",
    **described(A.LOGIN, *READ, 409, 413, model=SETTING),
)
async def update_localization_setting(
    ctx: Context,
    body: UpdateLocalizationSetting,
    localizationSettingId: uuid.UUID = Path(...),
) -> JSONResponse:
    """Admins only: change a setting (end a currency with isCurrencyActive false or an
    effectiveTo in the past)."""
    row = await localization.SETTINGS.update(
        ctx.session, ctx.user(), localizationSettingId, body.command(ctx.ip)
    )
    return respond(ctx, "localizationSetting", shape(row, SETTING_FIELDS), action="update")


# --- financial reports ------------------------------------------------------------------------

REPORT_FIELDS = (
    Prop("period", "period"),
    Prop("currency", "currency"),
    Prop("totalRevenue", "total_revenue"),
    Prop("totalRefunds", "total_refunds"),
    Prop("totalPayouts", "total_payouts"),
    Prop("totalPlatformFees", "total_platform_fees"),
    Prop("totalCityTax", "total_city_tax"),
    Prop("cityTaxByLocation", "city_tax_by_location"),
    Prop("entryCount", "entry_count"),
    Prop("generatedAt", "generated_at"),
    Prop("createdBy", "created_by"),
)


def _report(row: FinancialReport) -> dict[str, Any]:
    out = shape(row, REPORT_FIELDS)
    out["cityTaxByLocation"] = {k: number(Decimal(v)) for k, v in row.city_tax_by_location.items()}
    return out


reports_resource = Resource(
    name="financialReport",
    plural="financialReports",
    records=reports.REPORTS,
    id_param="financialReportId",
    fields=REPORT_FIELDS,
    filters={
        "period": flt.FilterSpec("period", FinancialReport.period, Kind.STRING),
        "currency": flt.FilterSpec("currency", FinancialReport.currency, Kind.STRING),
    },
    shape_one=_report,
)
ReportRecord = resource_record(reports_resource)
REPORT = envelope("financialReport", ReportRecord)
mount(router, reports_resource, "/v1/financialreports", ops=("list", "get"))

Amount = Annotated[Decimal, Field(ge=0, le=Decimal("1000000000000"), max_digits=18)]


class CreateFinancialReport(Input):
    """createFinancialReport. The server sums the month from the ledger: totals sent
    are checked against it (409 naming the ledger's figures when they differ) and never
    stored; createdBy is the caller; generatedAt is the server's clock."""

    period: str = Field(min_length=7, max_length=7)
    currency: str = Field(min_length=3, max_length=3)
    city_tax_by_location: dict[str, JsonValue] | None = None
    total_payouts: Amount | None = None
    total_refunds: Amount | None = None
    total_revenue: Amount | None = None
    total_platform_fees: Amount | None = None
    created_by: uuid.UUID | None = None
    generated_at: datetime | None = None

    def command(self, ip: str) -> reports.NewReport:
        return reports.NewReport(
            period=self.period,
            currency=self.currency.upper(),
            claimed_totals={
                "total_payouts": self.total_payouts,
                "total_refunds": self.total_refunds,
                "total_revenue": self.total_revenue,
                "total_platform_fees": self.total_platform_fees,
            },
            claimed_city_tax=self.city_tax_by_location,
            claimed_creator=self.created_by,
            ip_address=ip,
        )


@router.post(
    "/v1/financialreports",
    tags=["financialReports"],
    summary="createFinancialReport",
    status_code=201,
    **described(A.LOGIN, 400, 409, 413, model=REPORT),
)
async def create_financial_report(ctx: Context, body: CreateFinancialReport) -> JSONResponse:
    """Admins only: the month's report in a currency, once the month has ended."""
    row = await reports.generate(ctx.session, ctx.user(), body.command(ctx.ip))
    return respond(ctx, "financialReport", _report(row), action="create")
