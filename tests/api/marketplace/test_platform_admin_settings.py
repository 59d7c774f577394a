"""platformAdmin localization settings (which languages and currencies the catalog takes)
and financial reports (a month's money per currency, summed from the ledger)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.audit.models import AuditLog
from staykit.domain.booking.models import Reservation
from staykit.domain.payments.ledger import NewEntry, record_entry
from staykit.domain.reports import service as reports
from staykit.domain.reports.models import FinancialReport
from staykit.jobs.app import app as jobs_app
from tests.domain.payments.conftest import book
from tests.factories import LISTING_BODY, Person, assert_error, frozen_clock

BASE = "/platformadmin-api/v1"
SETTINGS = f"{BASE}/localizationsettings"
REPORTS = f"{BASE}/financialreports"
D = Decimal


# --- localization settings ----------------------------------------------------------------


async def test_admins_create_and_update_settings_with_audit_rows(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    body = {
        "languageCode": "tlh",
        "currencyCode": "eur",
        "isCurrencyActive": False,
        "effectiveFrom": "2026-01-01",
        "effectiveTo": "2026-12-31",
    }
    r = await client.post(SETTINGS, json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    made = r.json()["localizationSetting"]
    assert (made["currencyCode"], made["effectiveTo"]) == ("EUR", "2026-12-31")
    r = await client.patch(
        f"{SETTINGS}/{made['id']}", json={"effectiveTo": "2027-06-30"}, headers=admin.headers
    )
    assert r.status_code == 200 and r.json()["localizationSetting"]["effectiveTo"] == "2027-06-30"
    audits = list(
        await db.scalars(
            select(AuditLog).where(AuditLog.object_id == made["id"]).order_by(AuditLog.id)
        )
    )
    assert [a.action_type for a in audits] == [
        "localizationSetting.create",
        "localizationSetting.update",
    ]
    assert audits[1].details["before"]["effectiveTo"] == "2026-12-31"
    assert audits[1].details["after"]["effectiveTo"] == "2027-06-30"
    assert audits[1].ip_address


async def test_bad_settings_are_400s_naming_the_field(
    client: httpx.AsyncClient, admin: Person
) -> None:
    cases = [
        ({"languageCode": "en", "effectiveFrom": "2026-05-02", "effectiveTo": "2026-05-01"},
         "effectiveTo"),
        ({"currencyCode": "XYZ"}, "currencyCode"),
        ({"languageCode": "not a tag"}, "languageCode"),
        ({}, "languageCode"),
        ({"languageCode": "en", "isCurrencyActive": True}, "currencyCode"),
        ({"languageCode": "en", "effectiveFrom": "01/05/2026"}, "effectiveFrom"),
        ({"languageCode": "en", "isCurrencyActive": "yes"}, "isCurrencyActive"),
    ]  # fmt: skip
    for body, field in cases:
        r = await client.post(SETTINGS, json=body, headers=admin.headers)
        assert r.status_code == 400 and field in r.text, (body, r.text)
    made = (
        await client.post(
            SETTINGS,
            json={"languageCode": "en", "effectiveTo": "2030-01-01"},
            headers=admin.headers,
        )
    ).json()["localizationSetting"]
    # The period is checked with the stored end too.
    r = await client.patch(
        f"{SETTINGS}/{made['id']}", json={"effectiveFrom": "2031-01-01"}, headers=admin.headers
    )
    assert_error(r, 400, field="effectiveTo")
    r = await client.patch(
        f"{SETTINGS}/0190a000-0000-7000-8000-000000000000", json={}, headers=admin.headers
    )
    assert_error(r, 404)


async def test_the_catalog_takes_only_offered_currencies_and_languages(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, host: Person
) -> None:
    catalog = "/propertycatalog-api/v1"
    # Seeded: every currency and ISO 639-1 language the catalog took before.
    r = await client.post(f"{catalog}/listings", json=LISTING_BODY, headers=host.headers)
    assert r.status_code == 201, r.text
    listing_id = r.json()["listing"]["id"]
    text_body = {"listingId": listing_id, "languageCode": "pt-BR", "localizedTitle": "Casa",
                 "localizedDescription": "Boa"}  # fmt: skip
    r = await client.post(f"{catalog}/listinglocaletexts", json=text_body, headers=host.headers)
    assert r.status_code == 201, r.text
    # Klingon is not offered until an admin offers it, and then only while in effect.
    klingon = {**text_body, "languageCode": "tlh"}
    r = await client.post(f"{catalog}/listinglocaletexts", json=klingon, headers=host.headers)
    assert_error(r, 400, field="languageCode")
    today = date.today()
    offer = {"languageCode": "tlh", "effectiveFrom": str(today + timedelta(days=1))}
    made = (await client.post(SETTINGS, json=offer, headers=admin.headers)).json()
    r = await client.post(f"{catalog}/listinglocaletexts", json=klingon, headers=host.headers)
    assert_error(r, 400, field="languageCode")  # not yet in effect
    await client.patch(
        f"{SETTINGS}/{made['localizationSetting']['id']}",
        json={"effectiveFrom": str(today)},
        headers=admin.headers,
    )
    r = await client.post(f"{catalog}/listinglocaletexts", json=klingon, headers=host.headers)
    assert r.status_code == 201, r.text
    # A currency an admin stops offering is refused for new listings and currency changes.
    [jpy] = (await client.get(SETTINGS, params={"currencyCode": "JPY"})).json()[
        "localizationSettings"
    ]
    await client.patch(
        f"{SETTINGS}/{jpy['id']}", json={"isCurrencyActive": False}, headers=admin.headers
    )
    body = {**LISTING_BODY, "currency": "JPY", "pricePerNight": "10000"}
    r = await client.post(f"{catalog}/listings", json=body, headers=host.headers)
    assert_error(r, 400, field="currency")
    r = await client.patch(
        f"{catalog}/listings/{listing_id}",
        json={"currency": "JPY", "pricePerNight": "10000"},
        headers=host.headers,
    )
    assert_error(r, 400, field="currency")
    # Ended yesterday: EUR is not offered either.
    [eur] = (await client.get(SETTINGS, params={"currencyCode": "EUR"})).json()[
        "localizationSettings"
    ]
    await client.patch(
        f"{SETTINGS}/{eur['id']}",
        json={"effectiveTo": str(today - timedelta(days=1))},
        headers=admin.headers,
    )
    r = await client.post(f"{catalog}/listings", json=LISTING_BODY, headers=host.headers)
    assert_error(r, 400, field="currency")


# --- financial reports --------------------------------------------------------------------

MARCH = datetime(2026, 3, 15, 12, tzinfo=UTC)


async def _entry(db: AsyncSession, r: Reservation, kind: str, amount: str, key: str) -> None:
    await record_entry(
        db,
        None,
        NewEntry(
            kind=kind,
            amount=D(amount),
            currency=r.currency,
            reservation_id=r.id,
            business_id=r.business_id,
            idempotency_key=key,
        ),
    )


async def march_ledger(db: AsyncSession) -> None:
    """Two EUR reservations (Lisbon and Porto) and one USD one, their money moved in March
    2026, plus rows just outside March that no March report may count."""
    with frozen_clock(MARCH) as clock:
        lisbon = await book(db)
        porto = await book(db)
        usd = await book(db, currency="USD")
        await db.execute(
            text("UPDATE properties SET city = 'Porto' WHERE id = :id"),
            {"id": porto.property_id},
        )
        for r, kind, amount in [
            (lisbon, "guest_payment", "342.00"),
            (lisbon, "refund", "42.00"),
            (lisbon, "platform_fee", "9.00"),
            (lisbon, "host_payout", "291.00"),
            (lisbon, "city_tax", "3.50"),
            (lisbon, "city_tax", "0.01"),
            (porto, "guest_payment", "100.10"),
            (porto, "city_tax", "2.25"),
            (usd, "guest_payment", "50.00"),
            (usd, "city_tax", "1.00"),
        ]:
            await _entry(db, r, kind, amount, f"t:{r.id}:{kind}:{amount}")
        clock.at = datetime(2026, 4, 1, tzinfo=UTC)  # April: not March's
        await _entry(db, lisbon, "guest_payment", "1000.00", "t:april")
        clock.at = datetime(2026, 3, 1, tzinfo=UTC) - timedelta(microseconds=1)
        await _entry(db, lisbon, "refund", "7.00", "t:february")
        await db.commit()


async def ledger_sums(db: AsyncSession, currency: str) -> dict[str, Decimal]:
    found = await db.execute(
        text(
            "SELECT kind, sum(amount) FROM ledger_entries WHERE currency = :c "
            "AND created_at >= '2026-03-01T00:00:00Z' AND created_at < '2026-04-01T00:00:00Z' "
            "GROUP BY kind"
        ),
        {"c": currency},
    )
    return {kind: Decimal(total) for kind, total in found.tuples()}


async def test_a_report_reconciles_to_the_cent_with_the_ledger(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    await march_ledger(db)
    for currency in ("EUR", "USD"):
        body = {"period": "2026-03", "currency": currency, "createdBy": admin.id}
        r = await client.post(REPORTS, json=body, headers=admin.headers)
        assert r.status_code == 201, r.text
        report = r.json()["financialReport"]
        sums = await ledger_sums(db, currency)
        assert D(str(report["totalRevenue"])) == sums.get("guest_payment", 0)
        assert D(str(report["totalRefunds"])) == sums.get("refund", 0)
        assert D(str(report["totalPayouts"])) == sums.get("host_payout", 0)
        assert D(str(report["totalPlatformFees"])) == sums.get("platform_fee", 0)
        by_place = {k: D(str(v)) for k, v in report["cityTaxByLocation"].items()}
        assert sum(by_place.values()) == sums["city_tax"] == D(str(report["totalCityTax"]))
        assert report["createdBy"] == admin.id and report["generatedAt"]
    eur = (await client.get(REPORTS, params={"currency": "EUR"}, headers=admin.headers)).json()
    [eur_report] = eur["financialReports"]
    assert (
        eur_report["totalRevenue"],
        eur_report["totalRefunds"],
        eur_report["totalPayouts"],
        eur_report["totalPlatformFees"],
        eur_report["cityTaxByLocation"],
        eur_report["entryCount"],
    ) == (442.1, 42, 291, 9, {"Lisbon, PT": 3.51, "Porto, PT": 2.25}, 8)
    usd = await db.scalar(select(FinancialReport).where(FinancialReport.currency == "USD"))
    assert usd is not None and usd.city_tax_by_location == {"Lisbon, PT": "1.00"}
    got = await client.get(f"{REPORTS}/{eur_report['id']}", headers=admin.headers)
    assert got.json()["financialReport"] == eur_report
    [audit] = await db.scalars(select(AuditLog).where(AuditLog.object_id == eur_report["id"]))
    assert (
        audit.action_type == "financialReport.generate"
        and audit.details["after"]["total_revenue"] == "442.10"
    )


async def test_sent_totals_that_differ_from_the_ledger_are_a_409_naming_its_figures(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    await march_ledger(db)
    body = {"period": "2026-03", "currency": "EUR", "totalRevenue": 500, "totalRefunds": 42}
    r = await client.post(REPORTS, json=body, headers=admin.headers)
    error = assert_error(r, 409, field="totalRevenue")
    assert "totalRevenue 442.10" in str(error["detail"])
    tax = {"period": "2026-03", "currency": "EUR", "cityTaxByLocation": {"Lisbon, PT": 1}}
    assert_error(await client.post(REPORTS, json=tax, headers=admin.headers), 409)
    same = {
        "period": "2026-03",
        "currency": "EUR",
        "totalRevenue": "442.10",
        "totalRefunds": 42,
        "totalPayouts": 291,
        "totalPlatformFees": 9,
        "cityTaxByLocation": {"Lisbon, PT": 3.51, "Porto, PT": "2.25"},
    }
    r = await client.post(REPORTS, json=same, headers=admin.headers)
    assert r.status_code == 201, r.text
    # One report per period and currency.
    again = {"period": "2026-03", "currency": "EUR"}
    assert_error(await client.post(REPORTS, json=again, headers=admin.headers), 409, field="period")


async def test_bad_report_requests_are_400s_naming_the_field(
    client: httpx.AsyncClient, admin: Person, user: Person
) -> None:
    this_month = date.today().strftime("%Y-%m")
    cases = [
        ({"period": "2026-13", "currency": "EUR"}, "period"),
        ({"period": "26-03-01", "currency": "EUR"}, "period"),
        ({"period": this_month, "currency": "EUR"}, "period"),
        ({"period": "2099-01", "currency": "EUR"}, "period"),
        ({"period": "2026-01", "currency": "XYZ"}, "currency"),
        ({"period": "2026-01", "currency": "EUR", "createdBy": user.id}, "createdBy"),
        ({"period": "2026-01", "currency": "EUR", "totalRevenue": -1}, "totalRevenue"),
        ({"currency": "EUR"}, "period"),
    ]
    for body, field in cases:
        r = await client.post(REPORTS, json=body, headers=admin.headers)
        assert r.status_code == 400 and field in r.text, (body, r.text)


async def test_the_monthly_job_reports_last_month_in_each_currency_once(
    db: AsyncSession, admin: Person
) -> None:
    await march_ledger(db)
    made = await reports.generate_previous_month(db, date(2026, 4, 1))
    assert sorted((r.period, r.currency, r.created_by) for r in made) == [
        ("2026-03", "EUR", None),
        ("2026-03", "USD", None),
    ]
    assert await reports.generate_previous_month(db, date(2026, 4, 1)) == []
    assert await reports.generate_previous_month(db, date(2026, 1, 1)) == []  # December 2025
    [task] = [t for t in jobs_app.periodic_registry.periodic_tasks.values()
              if t.task.name == "reports:monthly_financial_reports"]  # fmt: skip
    assert task.cron == "30 2 1 * *"
