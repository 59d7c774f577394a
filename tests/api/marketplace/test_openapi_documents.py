"""Each marketplace service's OpenAPI document (GET /<service>/openapi.json) says what its
operations answer: every operation has a typed 2xx body, the marketplace error body for
each 4xx it can return and no 422 (bad input is a 400), and names how a caller
authenticates. The answers of a real session (real records, every operation) conform to
those documents, checked by schemathesis' response-schema and status-code checks.

(Generated requests are checked the same way in test_fuzz.py.)
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import schemathesis
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.agents.service import NewExecution, log_execution, refresh_catalog
from staykit.domain.catalog.models import ListingPhoto
from tests.api.marketplace.reviews import completed_stay, guest_review, host_review
from tests.api.marketplace.test_agent_hub import every_tool
from tests.factories import LISTING_BODY, Person, iso_days_from, make_listing, make_logged_in

SERVICES = (
    "/auth-api",
    "/propertycatalog-api",
    "/bookingmanagement-api",
    "/platformadmin-api",
    "/agenthub-api",
    "/messaging-api",
    "/notification-api",
    "/reviewsystem-api",
    "/bff-service",
)
CHECKS = [response_schema_conformance, status_code_conformance]
SCHEMES = {"bearerAuth", "accessTokenQuery", "accessTokenHeader", "accessTokenCookie"}
UNKNOWN = "0190a000-0000-7000-8000-000000000000"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def documents(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    out = {}
    for prefix in SERVICES:
        r = await client.get(f"{prefix}/openapi.json")
        assert r.status_code == 200
        out[prefix] = r.json()
    return out


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


# --- what the documents say ---------------------------------------------------------------------


async def test_every_operation_declares_a_2xx_body_and_none_lists_422(
    client: httpx.AsyncClient,
) -> None:
    wrong = []
    for prefix, doc in (await documents(client)).items():
        schemas = doc["components"]["schemas"]
        assert "HTTPValidationError" not in schemas
        assert "ValidationError" not in schemas
        for method, path, op in operations(doc):
            where = f"{method.upper()} {prefix}{path}"
            if "422" in op["responses"]:
                wrong.append(f"{where} lists 422")
            ok = {s: r for s, r in op["responses"].items() if s.startswith("2")}
            if not ok:
                wrong.append(f"{where} declares no 2xx answer")
            for status, answer in ok.items():
                content = answer.get("content") or {}
                if not content or not all(m.get("schema") for m in content.values()):
                    wrong.append(f"{where} {status} has no schema")
    assert not wrong, "\n".join(wrong)


async def test_envelopes_carry_the_record_under_its_data_name(client: httpx.AsyncClient) -> None:
    doc = (await documents(client))["/auth-api"]
    schemas = doc["components"]["schemas"]
    answer = doc["paths"]["/v1/usergroups"]["get"]["responses"]["200"]
    page = schemas[answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert {"status", "requestId", "dataName", "rowCount", "paging", "userGroups"} <= set(
        page["required"]
    )
    group = schemas[page["properties"]["userGroups"]["items"]["$ref"].rsplit("/", 1)[1]]
    assert {"id", "groupName", "avatar", "isActive", "recordVersion", "_owner"} <= set(
        group["properties"]
    )
    assert group["properties"]["recordVersion"]["type"] == "integer"


async def test_errors_are_documented_with_the_marketplace_error_body(
    client: httpx.AsyncClient,
) -> None:
    wrong = []
    for prefix, doc in (await documents(client)).items():
        error = doc["components"]["schemas"]["MarketplaceError"]
        assert {"result", "status", "message", "errCode", "date", "detail"} <= set(
            error["required"]
        )
        assert {"field", "errors", "requestId"} <= set(error["properties"])
        for method, path, op in operations(doc):
            where = f"{method.upper()} {prefix}{path}"
            for status, answer in op["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]
                    refs = [s.get("$ref", "") for s in schema.get("anyOf", [schema])]
                    if not any(ref.endswith("/MarketplaceError") for ref in refs):
                        wrong.append(f"{where} {status} is not the marketplace error body")
            statuses = set(op["responses"])
            ids = [
                p
                for p in op.get("parameters", [])
                if p["in"] == "path" and p["schema"].get("format") == "uuid"
            ]
            if ids and not {"400", "404"} <= statuses:
                wrong.append(f"{where} takes an id but lists no 400 and 404")
            if "requestBody" in op and not {"400", "413"} <= statuses:
                wrong.append(f"{where} takes a body but lists no 400 and 413")
    assert not wrong, "\n".join(wrong)


async def test_documents_name_the_token_places_and_each_operation_its_requirement(
    client: httpx.AsyncClient,
) -> None:
    wrong = []
    for prefix, doc in (await documents(client)).items():
        schemes = doc["components"]["securitySchemes"]
        assert set(schemes) == SCHEMES
        assert schemes["bearerAuth"] == {
            **schemes["bearerAuth"],
            "type": "http",
            "scheme": "bearer",
        }
        assert (schemes["accessTokenQuery"]["in"], schemes["accessTokenQuery"]["name"]) == (
            "query",
            "access_token",
        )
        for place in ("header", "cookie"):
            scheme = schemes[f"accessToken{place.title()}"]
            assert (scheme["in"], scheme["name"]) == (place, "airbnb3-access-token")
        for method, path, op in operations(doc):
            where = f"{method.upper()} {prefix}{path}"
            if "security" not in op:
                wrong.append(f"{where} states no security requirement")
                continue
            named = {name for requirement in op["security"] for name in requirement}
            if not named <= SCHEMES:
                wrong.append(f"{where} names unknown schemes {named - SCHEMES}")
            login_only = bool(op["security"]) and {} not in op["security"]
            if login_only and "401" not in op["responses"]:
                wrong.append(f"{where} needs a login but lists no 401")
    assert not wrong, "\n".join(wrong)
    docs = await documents(client)
    auth, catalog = docs["/auth-api"]["paths"], docs["/propertycatalog-api"]["paths"]
    assert auth["/health"]["get"]["security"] == []
    assert auth["/login"]["post"]["security"] == []
    assert {name for r in auth["/v1/users"]["get"]["security"] for name in r} == SCHEMES
    assert {} not in auth["/v1/users"]["get"]["security"]
    # Public, but a host's token also shows their unpublished listings.
    assert {} in catalog["/v1/listings/{listingId}"]["get"]["security"]


async def test_operations_that_need_a_login_refuse_anonymous_callers_with_401(
    client: httpx.AsyncClient,
) -> None:
    """The documents' security requirements are what the routes do."""
    checked = 0
    for prefix, doc in (await documents(client)).items():
        for method, path, op in operations(doc):
            if method != "get" or not op["security"] or {} in op["security"]:
                continue
            url = prefix + re.sub(r"\{[^}]+\}", UNKNOWN, path)
            required = [
                (p["name"], "a")
                for p in op.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            ]
            r = await client.get(url, params=required)
            # A route may look the record up before it asks who the caller is.
            refusals = (401, 404) if "{" in path else (401,)
            assert r.status_code in refusals, f"GET {url}: {r.status_code} {r.text[:200]}"
            checked += 1
    assert checked >= 10


# --- the answers of a real session conform ---------------------------------------------------------


@dataclass
class Conformance:
    """Sends requests and checks each answer against its service's document."""

    client: httpx.AsyncClient
    db: AsyncSession
    documents: dict[str, dict[str, Any]]
    seen: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    routes: list[tuple[str, str, re.Pattern[str], Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for prefix, doc in self.documents.items():
            schema = schemathesis.openapi.from_dict(doc)
            for result in schema.get_all_operations():
                op = result.ok()
                pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(op.path))
                self.routes.append((prefix, op.method.upper(), re.compile(f"^{pattern}$"), op))

    async def __call__(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        r = await self.client.request(method, url, **kwargs)
        path = url.split("?", 1)[0]
        for prefix, verb, pattern, op in self.routes:
            found = pattern.match(path.removeprefix(prefix)) if path.startswith(prefix) else None
            if verb == method and found:
                self.seen.add(f"{verb} {prefix}{op.path}")
                case = op.Case(path_parameters=found.groupdict())
                r.request.read()  # a multipart body is a stream: the check reads it
                try:
                    case.validate_response(r, checks=CHECKS)
                except FailureGroup as exc:
                    self.failures.append(f"{method} {url} -> {r.status_code}\n{exc}"[:3000])
                return r
        self.failures.append(f"{method} {url}: no documented operation")
        return r

    def missing(self) -> list[str]:
        every = {f"{verb} {prefix}{op.path}" for prefix, verb, _, op in self.routes}
        return sorted(every - self.seen)


def ok(r: httpx.Response, status: int = 200) -> Any:
    assert r.status_code == status, r.text
    return r.json() if r.headers["content-type"].startswith("application/json") else r.text


async def session_of_auth(call: Conformance, admin: Person, host: Person) -> None:
    a, h = admin.headers, host.headers
    me = host.user.id
    for prefix in SERVICES:
        for path in ("/health", "/admin/health", "/getPostmanCollection"):
            ok(await call("GET", f"{prefix}{path}"))
        ok(await call("GET", f"{prefix}/currentuser", headers=h))
        await call("GET", f"{prefix}/currentuser")  # the short 401
        ok(await call("GET", f"{prefix}/permissions", headers=h))
        ok(await call("GET", f"{prefix}/permissions/canBook", headers=h))
    base = "/auth-api"
    ok(await call("GET", f"{base}/login"))
    ok(await call("GET", f"{base}/publickey"))
    await call("GET", f"{base}/publickey", params={"keyId": "nope"})
    # users
    ok(await call("GET", f"{base}/v1/users", headers=a))
    ok(await call("GET", f"{base}/v1/searchusers", params={"keyword": "Person"}, headers=a))
    await call("GET", f"{base}/v1/users")
    ok(await call("GET", f"{base}/v1/users/{me}", headers=h))
    ok(await call("PATCH", f"{base}/v1/users/{me}", json={"bio": "Hi"}, headers=a))
    ok(await call("PATCH", f"{base}/v1/profile/{me}", json={"fullname": "Host"}, headers=h))
    ok(await call("GET", f"{base}/v1/briefuser/{me}"))
    ok(await call("GET", f"{base}/v1/streamtest/{me}", headers=h))
    body = {"email": "made@example.test", "password": "Secret-pass-123", "fullname": "Made"}
    made = ok(await call("POST", f"{base}/v1/users", json=body, headers=a), 201)["user"]["id"]
    await call("POST", f"{base}/v1/users", json=body, headers=a)  # 409: the email is taken
    ok(await call("PATCH", f"{base}/v1/userrole/{made}", json={"roleId": "user"}, headers=a))
    ok(
        await call(
            "PATCH",
            f"{base}/v1/userpasswordbyadmin/{made}",
            json={"password": "Other-pass-456"},
            headers=a,
        )
    )
    await call(
        "PATCH",
        f"{base}/v1/userpassword/{me}",
        json={"oldPassword": "wrong-password-1", "newPassword": "Other-pass-456"},
        headers=h,
    )
    body = {"email": "self@example.test", "password": "Secret-pass-123", "fullname": "Self"}
    me_too = ok(await call("POST", f"{base}/v1/registeruser", json=body), 201)["user"]["id"]
    # groups, members, permissions
    group = ok(await call("POST", f"{base}/v1/usergroups", json={"groupName": "G"}, headers=a), 201)
    gid = group["userGroup"]["id"]
    ok(await call("GET", f"{base}/v1/usergroups"))
    ok(await call("GET", f"{base}/v1/usergroups/{gid}"))
    ok(await call("PATCH", f"{base}/v1/usergroups/{gid}", json={"avatar": "/g.png"}, headers=a))
    member = {"groupId": gid, "userId": str(me)}
    mid = ok(await call("POST", f"{base}/v1/usergroupmembers", json=member, headers=a), 201)
    mid = mid["userGroupMember"]["id"]
    await call("POST", f"{base}/v1/usergroupmembers", json=member, headers=a)  # 409
    ok(await call("GET", f"{base}/v1/usergroupmembers/{mid}", headers=a))
    ok(await call("GET", f"{base}/v1/listusergroupmembers/{gid}", headers=h))
    ok(await call("DELETE", f"{base}/v1/usergroupmembers/{mid}", headers=a))
    grant = {"permissionName": "canBook", "roleId": "user", "canDo": True}
    pid = ok(await call("POST", f"{base}/v1/givenpermissions", json=grant, headers=a), 201)
    pid = pid["givenPermission"]["id"]
    ok(await call("GET", f"{base}/v1/givenpermissions", headers=a))
    ok(await call("GET", f"{base}/v1/givenpermissions/{pid}", headers=a))
    ok(await call("PATCH", f"{base}/v1/givenpermissions/{pid}", json={"canDo": False}, headers=a))
    ok(await call("DELETE", f"{base}/v1/givenpermissions/{pid}", headers=a))
    await call("GET", f"{base}/v1/givenpermissions/{pid}", headers=h)  # 403
    ok(await call("DELETE", f"{base}/v1/usergroups/{gid}", headers=a))
    # avatars
    files = {"file": ("a.png", PNG, "image/png")}
    avatar = ok(await call("POST", f"{base}/v1/useravatarsfiles", files=files, headers=h), 201)
    avatar = avatar["userAvatarsFile"]
    await call(
        "POST",
        f"{base}/v1/useravatarsfiles",
        files={"file": ("a.txt", b"plain", "text/plain")},
        headers=h,
    )  # 415
    ok(await call("GET", f"{base}/v1/useravatarsfiles", headers=h))
    ok(await call("GET", f"{base}/v1/useravatarsfiles/{avatar['id']}", headers=h))
    r = await call("GET", f"{base}/v1/useravatarsfiles/download/{avatar['accessKey']}")
    assert r.status_code == 200
    ok(await call("DELETE", f"{base}/v1/useravatarsfiles/{avatar['id']}", headers=h))
    login = {"username": body["email"], "password": body["password"]}
    token = ok(await call("POST", f"{base}/login", json=login))["accessToken"]
    call.client.cookies.clear()
    mine = {"Authorization": f"Bearer {token}"}
    ok(await call("DELETE", f"{base}/v1/archiveprofile/{me_too}", headers=mine))
    ok(await call("DELETE", f"{base}/v1/users/{made}", headers=a))


async def session_of_verification(call: Conformance, host: Person) -> None:
    base = "/auth-api/verification-services"
    login = ok(
        await call(
            "POST", "/auth-api/login", json={"username": host.email, "password": host.password}
        )
    )
    email, ids = host.email, {"userId": login["userId"], "sessionId": login["sessionId"]}
    ok(await call("POST", f"{base}/email-verification/start", json={"email": email}))
    await call(
        "POST", f"{base}/email-verification/complete", json={"email": email, "secretCode": "0"}
    )
    ok(await call("POST", f"{base}/mobile-verification/start", json={"email": email}))
    await call(
        "POST", f"{base}/mobile-verification/complete", json={"email": email, "secretCode": "0"}
    )
    ok(await call("POST", f"{base}/email-2factor-verification/start", json=ids))
    await call(
        "POST", f"{base}/email-2factor-verification/complete", json={**ids, "secretCode": "0"}
    )
    await call("POST", f"{base}/mobile-2factor-verification/start", json=ids)  # 403: no mobile
    await call(
        "POST", f"{base}/mobile-2factor-verification/complete", json={**ids, "secretCode": "0"}
    )
    ok(await call("POST", f"{base}/password-reset-by-email/start", json={"email": email}))
    reset = {"email": email, "secretCode": "0", "password": "Other-pass-456"}
    await call("POST", f"{base}/password-reset-by-email/complete", json=reset)
    await call(
        "POST", f"{base}/password-reset-by-mobile/start", json={"mobile": "+351 900 000 000"}
    )
    reset = {"mobile": "+351 900 000 000", "secretCode": "0", "password": "Other-pass-456"}
    await call("POST", f"{base}/password-reset-by-mobile/complete", json=reset)
    await call("POST", "/auth-api/login", json={"username": host.email, "password": "wrong-pass-1"})
    token = {"Authorization": f"Bearer {login['accessToken']}"}
    relogged = ok(await call("GET", "/auth-api/relogin", headers=token))
    await call("GET", "/auth-api/relogin")  # the short 401
    ok(
        await call(
            "POST",
            "/auth-api/logout",
            headers={"Authorization": f"Bearer {relogged['accessToken']}"},
        )
    )
    call.client.cookies.clear()


async def session_of_catalog_and_booking(
    call: Conformance, admin: Person, host: Person, guest: Person
) -> None:
    a, h, g = admin.headers, host.headers, guest.headers
    base = "/propertycatalog-api"
    day = iso_days_from()
    amenity = {"name": "Wifi", "iconUrl": "/wifi.svg"}
    aid = ok(await call("POST", f"{base}/v1/listingamenities", json=amenity, headers=a), 201)
    aid = aid["listingAmenity"]["id"]
    await call("POST", f"{base}/v1/listingamenities", json=amenity, headers=a)  # 409
    ok(await call("GET", f"{base}/v1/listingamenities"))
    ok(await call("GET", f"{base}/v1/listingamenities/{aid}"))
    ok(await call("PATCH", f"{base}/v1/listingamenities/{aid}", json={"iconUrl": None}, headers=a))
    listing = {**LISTING_BODY, "amenityIds": [aid]}
    lid = ok(await call("POST", f"{base}/v1/listings", json=listing, headers=h), 201)
    lid = lid["listing"]["id"]
    ok(await call("PATCH", f"{base}/v1/listings/{lid}", json={"maxStay": 30}, headers=h))
    # A listing photo (uploaded on the host pages; its row made here) and an unknown one.
    call.db.add(
        ListingPhoto(
            unit_type_id=uuid.UUID(lid),
            file_name="a.png",
            mime_type="image/png",
            file_size=len(PNG),
            access_key="ConformPhoto",
            file_data=PNG,
        )
    )
    await call.db.flush()
    r = await call("GET", f"{base}/v1/listingphotos/download/ConformPhoto")
    assert (r.status_code, r.content) == (200, PNG)
    await call("GET", f"{base}/v1/listingphotos/download/NoSuchPhoto1")  # 404
    text = {
        "listingId": lid,
        "languageCode": "pt",
        "localizedTitle": "Apartamento",
        "localizedDescription": "Dois quartos.",
    }
    tid = ok(await call("POST", f"{base}/v1/listinglocaletexts", json=text, headers=h), 201)
    tid = tid["listingLocaleText"]["id"]
    ok(await call("GET", f"{base}/v1/listinglocaletexts"))
    ok(await call("GET", f"{base}/v1/listinglocaletexts/{tid}"))
    patch = {"localizedTitle": "Apartamento ao sol"}
    ok(await call("PATCH", f"{base}/v1/listinglocaletexts/{tid}", json=patch, headers=h))
    entry = {"listingId": lid, "date": day(40), "isAvailable": True, "priceOverride": "120.5"}
    cid = ok(await call("POST", f"{base}/v1/listingcalendars", json=entry, headers=h), 201)
    cid = cid["listingCalendar"]["id"]
    ok(await call("GET", f"{base}/v1/listingcalendars", params={"listingId": lid}))
    ok(await call("GET", f"{base}/v1/listingcalendars/{cid}"))
    ok(await call("PATCH", f"{base}/v1/listingcalendars/{cid}", json={"minStay": 2}, headers=h))
    ranges = {"ranges": [{"from": day(50), "to": day(52), "priceOverride": "90"}]}
    ok(await call("PUT", f"{base}/v1/listings/{lid}/calendar", json=ranges, headers=h))
    ok(await call("DELETE", f"{base}/v1/listingcalendars/{cid}", headers=h))
    stay = {"checkIn": day(10), "checkOut": day(12), "guestCount": 2}
    ok(await call("GET", f"{base}/v1/listings/{lid}/quote", params=stay))
    search = {**stay, "lat": "38.72", "lng": "-9.14", "radiusKm": "10", "q": "flat"}
    found = ok(await call("GET", f"{base}/v1/listings", params=search))
    assert found["listings"], found
    ok(await call("GET", f"{base}/v1/listings", params={"pageRowCount": 5}))
    # bookings
    bm = "/bookingmanagement-api/v1/reservations"
    body = {"listingId": lid, **stay}
    rid = ok(await call("POST", bm, json=body, headers=g), 201)["reservation"]["id"]
    await call("POST", bm, json=body, headers=g)  # 409: the nights are taken
    ok(await call("GET", f"{base}/v1/listings/{lid}", headers=h))  # with rezervations
    ok(await call("GET", f"{bm}/{rid}", headers=g))
    ok(await call("GET", bm, headers=h))
    later = {"checkIn": day(20), "checkOut": day(23)}
    ok(await call("PATCH", f"{bm}/{rid}/stay", json=later, headers=g))
    # disputes: the guest opens one, an admin decides it, admins record actions
    dm = "/bookingmanagement-api/v1/disputes"
    opened = {"reservationId": rid, "issueType": "noise", "description": "Loud neighbours."}
    did = ok(await call("POST", dm, json=opened, headers=g), 201)["dispute"]["id"]
    await call("POST", dm, json=opened, headers=g)  # 409: one open dispute
    ok(await call("GET", dm, headers=g))
    ok(await call("GET", f"{dm}/{did}", headers=h))
    await call("PATCH", f"{dm}/{did}", json={"resolutionStatus": "rejected"}, headers=g)  # 403
    ok(await call("PATCH", f"{dm}/{did}", json={"resolutionStatus": "rejected"}, headers=a))
    actions = "/platformadmin-api/v1/admindisputeactions"
    note = {"disputeId": did, "actionTaken": "note"}
    ok(await call("POST", actions, json=note, headers=a), 201)
    ok(await call("GET", actions, headers=a))
    await call("GET", actions, headers=g)  # 403
    # GDPR requests: the guest files one; an admin without gdpr.manage may not decide it
    gd = "/platformadmin-api/v1/gdpractions"
    filed = {"actionType": "consent", "userId": guest.id}
    gid = ok(await call("POST", gd, json=filed, headers=g), 201)["gdprAction"]["id"]
    ok(await call("GET", gd, headers=g))
    ok(await call("GET", gd, params={"actionType": "consent"}, headers=a))
    await call("PATCH", f"{gd}/{gid}", json={"status": "complete"}, headers=a)  # 403
    await call("GET", "/platformadmin-api/v1/gdprexports/forged", headers=g)  # 403
    ok(await call("PATCH", f"{bm}/{rid}", json={"bookingStatus": "cancelled"}, headers=g))
    other = {"listingId": lid, "checkIn": day(30), "checkOut": day(32), "guestCount": 1}
    rid = ok(await call("POST", bm, json=other, headers=g), 201)["reservation"]["id"]
    ok(await call("DELETE", f"{bm}/{rid}", headers=g))
    ok(await call("DELETE", f"{base}/v1/listinglocaletexts/{tid}", headers=h))
    ok(await call("DELETE", f"{base}/v1/listings/{lid}", headers=h))
    ok(await call("DELETE", f"{base}/v1/listingamenities/{aid}", headers=a))
    await call("GET", f"{base}/v1/listingamenities/{aid}")  # 404


async def session_of_payments(
    call: Conformance, admin: Person, host: Person, guest: Person
) -> None:
    """A booking paid (a declined card first), refreshed, its rows read, changed and removed
    where that is allowed, and the refusals of what is not."""
    a, h, g = admin.headers, host.headers, guest.headers
    day = iso_days_from()
    bm = "/bookingmanagement-api/v1"
    listing = {**LISTING_BODY, "title": "Paid flat"}
    made = await call("POST", "/propertycatalog-api/v1/listings", json=listing, headers=h)
    lid = ok(made, 201)["listing"]["id"]
    stay = {"listingId": lid, "checkIn": day(60), "checkOut": day(62), "guestCount": 2}
    rid = ok(await call("POST", f"{bm}/reservations", json=stay, headers=g), 201)
    rid = rid["reservation"]["id"]
    declined = {"paymentUserParams": {"paymentMethodId": "pm_card_chargeDeclined"}}
    ok(await call("PATCH", f"{bm}/startreservationpayment/{rid}", json=declined, headers=g))
    failed = ok(await call("GET", f"{bm}/reservationpaymentbyorderid/{rid}", headers=g))
    failed_id = failed["sys_reservationPayment"]["id"]
    visa = {"paymentUserParams": {"paymentMethodId": "pm_card_visa"}}
    paid = ok(await call("PATCH", f"{bm}/startreservationpayment/{rid}", json=visa, headers=g))
    payment_id = paid["paymentResult"]["paymentId"]
    ok(await call("PATCH", f"{bm}/refreshreservationpayment/{rid}", json={}, headers=g))
    await call("POST", f"{bm}/callbackreservationpayment", content=b"{}")  # 400: unsigned
    ok(await call("GET", f"{bm}/reservationpayments", headers=g))
    ok(await call("GET", f"{bm}/reservationpayment/{failed_id}", headers=g))
    ok(await call("GET", f"{bm}/reservationpaymentbypaymentid/{payment_id}", headers=g))
    back = {"redirectUrl": "https://app.example/paid"}
    ok(await call("PATCH", f"{bm}/reservationpayment/{failed_id}", json=back, headers=g))
    ok(await call("DELETE", f"{bm}/reservationpayment/{failed_id}", headers=a))
    claim = {"orderId": rid, "paymentId": payment_id, "paymentStatus": "x", "statusLiteral": "x"}
    await call("POST", f"{bm}/reservationpayment", json=claim, headers=a)  # 400: not the word
    ok(await call("GET", f"{bm}/paymentcustomers", headers=g))
    ok(await call("GET", f"{bm}/paymentcustomers/{guest.id}", headers=g))
    ok(await call("GET", f"{bm}/paymentcustomermethods/{guest.id}", headers=g))
    records = ok(await call("GET", f"{bm}/paymentrecords", headers=h))["paymentRecords"]
    ok(await call("GET", f"{bm}/paymentrecords/{records[0]['id']}", headers=g))
    record = {
        "reservationId": rid,
        "paymentIntentId": payment_id,
        "currency": "EUR",
        "amountPaid": 228,
        "paymentStatus": "paid",
    }
    await call("POST", f"{bm}/paymentrecords", json=record, headers=a)  # 409: recorded


async def session_of_messaging(
    call: Conformance, admin: Person, host: Person, guest: Person
) -> None:
    """A guest's inquiry about a listing: messages both ways, read, edited, reported and
    moderated, hidden; the thread closed and archived; and the refusals between."""
    a, h, g = admin.headers, host.headers, guest.headers
    base = "/messaging-api/v1"
    lid = str((await make_listing(call.db, host)).id)
    inquiry = {"guestId": guest.id, "hostId": host.id, "listingId": lid}
    tid = ok(await call("POST", f"{base}/messagethreads", json=inquiry, headers=g), 201)
    tid = tid["messageThread"]["id"]
    await call("POST", f"{base}/messagethreads", json=inquiry, headers=g)  # 409: one open
    ok(await call("GET", f"{base}/messagethreads/{tid}", headers=h))
    ok(await call("GET", f"{base}/messagethreads", params={"listingId": lid}, headers=g))
    await call("GET", f"{base}/messagethreads/{UNKNOWN}", headers=g)  # 404
    ask = {"threadId": tid, "content": "Is there parking?"}
    mid = ok(await call("POST", f"{base}/messages", json=ask, headers=g), 201)["message"]["id"]
    answer = {"threadId": tid, "content": "Yes, in the garage."}
    hid = ok(await call("POST", f"{base}/messages", json=answer, headers=h), 201)["message"]["id"]
    ok(await call("GET", f"{base}/messages/{mid}", headers=h))
    ok(await call("PATCH", f"{base}/messages/{mid}", json={"content": "Parking?"}, headers=g))
    ok(await call("PATCH", f"{base}/messages/{mid}", json={"isRead": True}, headers=h))
    await call("PATCH", f"{base}/messages/{mid}", json={"content": "Mine"}, headers=h)  # 403
    ok(await call("GET", f"{base}/threadmessages/{tid}", headers=g))
    ok(
        await call(
            "GET", f"{base}/gotthreadmessages/{tid}", params={"getJoins": "false"}, headers=h
        )
    )
    report = {"messageId": hid, "reportReason": "Rude."}
    rid = ok(await call("POST", f"{base}/messagereports", json=report, headers=g), 201)
    rid = rid["messageReport"]["id"]
    ok(await call("GET", f"{base}/messagereports/{rid}", headers=h))
    ok(await call("GET", f"{base}/messagereports", headers=a))
    await call(
        "PATCH", f"{base}/messagereports/{rid}", json={"moderationStatus": "closed"}, headers=g
    )
    decided = {"moderationStatus": "closed", "resolutionNotes": "Warned."}
    ok(await call("PATCH", f"{base}/messagereports/{rid}", json=decided, headers=a))
    await call(
        "PATCH", f"{base}/messagereports/{rid}", json={"moderationStatus": "reviewed"}, headers=a
    )
    ok(await call("DELETE", f"{base}/messages/{hid}", headers=h))
    await call("GET", f"{base}/messages/{hid}", headers=g)  # 404: hidden
    ok(await call("PATCH", f"{base}/messagethreads/{tid}", json={"isOpen": False}, headers=h))
    await call("POST", f"{base}/messages", json=ask, headers=g)  # 409: closed
    ok(await call("DELETE", f"{base}/messagethreads/{tid}", headers=g))


async def session_of_notifications(call: Conformance, admin: Person, guest: Person) -> None:
    """An admin's notice listed and marked seen, a device registered and unregistered,
    preferences read and changed; the live stream's refusals (its 200 never ends over the
    ASGI transport: tests/api/marketplace/test_notification_routes.py reads it)."""
    a, g = admin.headers, guest.headers
    base = "/notification-api"
    notice = {"recipients": [guest.id], "title": "Maintenance", "body": "Tonight."}
    sent = await call("POST", f"{base}/notifications", json={"notification": notice}, headers=a)
    nid = ok(sent, 201)["notifications"][0]["id"]
    await call("POST", f"{base}/notifications", json={"notification": notice}, headers=g)  # 403
    ok(await call("GET", f"{base}/notifications", params={"limit": 5}, headers=g))
    seen = {"notificationIds": [nid]}
    ok(await call("POST", f"{base}/notifications/seen", json=seen, headers=g))
    await call("POST", f"{base}/notifications/seen", json=seen, headers=a)  # 404: not theirs
    keys = {
        "p256dh": "BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzA"
        "xMjM0NTY3ODk6Ozw9Pj8",
        "auth": "AAAAAAAAAAAAAAAAAAAAAA",
    }
    # Registering resolves the endpoint (the push URL guard): a loopback push service.
    device = {"device": {"endpoint": "https://127.0.0.1:9/sub/1", "keys": keys}}
    did = ok(await call("POST", f"{base}/devices/register", json=device, headers=g), 201)
    did = did["device"]["id"]
    ok(await call("GET", f"{base}/devices", headers=g))
    await call("DELETE", f"{base}/devices/unregister/{did}", headers=a)  # 404: not theirs
    ok(await call("DELETE", f"{base}/devices/unregister/{did}", headers=g))
    ok(await call("GET", f"{base}/preferences", headers=g))
    prefs = {"events": {"announcement": ["email"]}}
    ok(await call("PATCH", f"{base}/preferences", json=prefs, headers=g))
    await call("PATCH", f"{base}/preferences", json={"events": {"nope": ["x"]}}, headers=g)
    await call("GET", f"{base}/push/publickey")
    await call("GET", f"{base}/stream")  # 401
    await call("GET", f"{base}/stream", headers={**g, "Last-Event-ID": "abc"})  # 400


async def session_of_platform_admin(call: Conformance, admin: Person, user: Person) -> None:
    """The audit log, API keys, localization settings and financial reports."""
    a, u = admin.headers, user.headers
    base = "/platformadmin-api/v1"
    made = {"actionObject": "listing", "actionType": "note", "details": {"why": "check"}}
    aid = ok(await call("POST", f"{base}/auditlogs", json=made, headers=a), 201)["auditLog"]["id"]
    ok(await call("GET", f"{base}/auditlogs/{aid}", headers=a))
    ok(await call("GET", f"{base}/auditlogs", params={"actionType": "note"}, headers=a))
    await call("GET", f"{base}/auditlogs", headers=u)  # 403
    await call("POST", f"{base}/auditlogs", json={"actionType": "x"}, headers=a)  # 400
    key = ok(await call("POST", f"{base}/apikeys", json={"description": "BI"}, headers=a), 201)
    kid = key["apiKey"]["id"]
    ok(await call("GET", f"{base}/apikeys", headers=a))
    ok(await call("PATCH", f"{base}/apikeys/{kid}", json={"active": False}, headers=a))
    await call("PATCH", f"{base}/apikeys/{kid}", json={"active": True}, headers=a)  # 409
    await call("POST", f"{base}/apikeys", json={"key": "short"}, headers=a)  # 400
    lang = {"languageCode": "tlh", "effectiveFrom": "2026-01-01", "effectiveTo": "2027-01-01"}
    sid = ok(await call("POST", f"{base}/localizationsettings", json=lang, headers=a), 201)
    sid = sid["localizationSetting"]["id"]
    change = {"effectiveTo": "2026-06-30"}
    ok(await call("PATCH", f"{base}/localizationsettings/{sid}", json=change, headers=a))
    bad = {"effectiveFrom": "2027-01-01"}
    await call("PATCH", f"{base}/localizationsettings/{sid}", json=bad, headers=a)  # 400
    ok(await call("GET", f"{base}/localizationsettings", params={"currencyCode": "EUR"}))
    report = {"period": "2020-01", "currency": "EUR"}
    rid = ok(await call("POST", f"{base}/financialreports", json=report, headers=a), 201)
    rid = rid["financialReport"]["id"]
    await call("POST", f"{base}/financialreports", json=report, headers=a)  # 409
    ok(await call("GET", f"{base}/financialreports/{rid}", headers=a))
    ok(await call("GET", f"{base}/financialreports", params={"period": "2020"}, headers=a))
    await call("GET", f"{base}/financialreports/{UNKNOWN}", headers=a)  # 404


async def session_of_agent_hub(call: Conformance, admin: Person, user: Person) -> None:
    """Overrides (admins), the tool catalog and agent executions."""
    a, u = admin.headers, user.headers
    base = "/agenthub-api/v1"
    await refresh_catalog(call.db, every_tool())
    run = await log_execution(
        call.db,
        NewExecution("claude", "dynamic", "rest", user.user.id, "success", 5, input={"q": 1}),
    )
    made = {"agentName": "concierge", "temperature": 0.2, "selectedTools": ["journey:none"]}
    await call("POST", f"{base}/agentoverride", json=made, headers=a)  # 400: not a tool
    made["selectedTools"] = ["propertyCatalog:listListings"]
    oid = ok(await call("POST", f"{base}/agentoverride", json=made, headers=a), 201)
    oid = oid["sys_agentOverride"]["id"]
    await call("POST", f"{base}/agentoverride", json=made, headers=a)  # 409
    await call("POST", f"{base}/agentoverride", json=made, headers=u)  # 403
    ok(await call("GET", f"{base}/agentoverride/{oid}", headers=a))
    ok(await call("GET", f"{base}/agentoverrides", headers=a))
    change = {"maxTokens": 100, "guardrails": {"maxToolCalls": 3}}
    ok(await call("PATCH", f"{base}/agentoverride/{oid}", json=change, headers=a))
    await call("PATCH", f"{base}/agentoverride/{oid}", json={"maxTokens": 0}, headers=a)  # 400
    ok(await call("DELETE", f"{base}/agentoverride/{oid}", headers=a))
    await call("GET", f"{base}/agentoverride/{oid}", headers=a)  # 404
    tools = ok(
        await call("GET", f"{base}/toolcatalog", params={"serviceName": "agentHub"}, headers=u)
    )
    ok(
        await call(
            "GET", f"{base}/toolcatalogentry/{tools['sys_toolCatalogs'][0]['id']}", headers=u
        )
    )
    await call("GET", f"{base}/toolcatalog")  # 401
    ok(await call("GET", f"{base}/agentexecutions", params={"status": "success"}, headers=u))
    ok(await call("GET", f"{base}/agentexecution/{run.id}", headers=a))
    await call("GET", f"{base}/agentexecution/{UNKNOWN}", headers=u)  # 404


async def session_of_reviews(call: Conformance, admin: Person, host: Person, guest: Person) -> None:
    """A completed stay reviewed by both sides (published together), read, listed,
    moderated, refused edits and a moderator's delete; the aggregates read."""
    a, h, g = admin.headers, host.headers, guest.headers
    base = "/reviewsystem-api/v1"
    listing = await make_listing(call.db, host, title="Reviewed flat")
    stay = await completed_stay(call.client, call.db, guest, listing, 90)
    mine = guest_review(stay)
    rid = ok(await call("POST", f"{base}/reviews", json=mine, headers=g), 201)["review"]["id"]
    await call("POST", f"{base}/reviews", json=mine, headers=g)  # 409: once
    ok(await call("PATCH", f"{base}/reviews/{rid}", json={"rating": 4}, headers=g))
    await call("GET", f"{base}/reviews/{rid}", headers=h)  # 404: behind the double-blind
    ok(await call("POST", f"{base}/reviews", json=host_review(stay), headers=h), 201)
    ok(await call("GET", f"{base}/reviews/{rid}"))
    ok(await call("GET", f"{base}/reviews", params={"revieweeType": "listing"}, headers=h))
    await call("PATCH", f"{base}/reviews/{rid}", json={"rating": 2}, headers=g)  # 409
    moderated = {"moderationStatus": "pending"}
    ok(await call("PATCH", f"{base}/reviews/{rid}", json=moderated, headers=a))
    aggregates = ok(await call("GET", f"{base}/reviewaggregates"))["reviewAggregates"]
    ok(await call("GET", f"{base}/reviewaggregates/{aggregates[0]['id']}"))
    await call("DELETE", f"{base}/reviews/{rid}", headers=h)  # 403
    ok(await call("DELETE", f"{base}/reviews/{rid}", headers=a))


async def session_of_bff_views(
    call: Conformance, admin: Person, host: Person, guest: Person
) -> None:
    """Every aggregated view listed and read by id over the rows the sessions above left
    (reservations, threads, reviews, payments, a decided dispute), and its refusals."""
    a, h, g = admin.headers, host.headers, guest.headers
    base = "/bff-service"
    for view in (
        "BookingListView",
        "MessageThreadView",
        "ReviewDisplayView",
        "PaymentRecordView",
        "disputeDetailView",
    ):
        rows = ok(await call("GET", f"{base}/{view}", params={"limit": 50}, headers=a))[view]
        assert rows, view
        ok(await call("GET", f"{base}/{view}/{rows[0]['id']}", headers=a))
        ok(await call("GET", f"{base}/{view}", headers=g))
        ok(await call("GET", f"{base}/{view}", params={"page": 2, "limit": 1}, headers=h))
        await call("GET", f"{base}/{view}", params={"limit": 0}, headers=g)  # 400
        await call("GET", f"{base}/{view}/{UNKNOWN}", headers=g)  # 404
        await call("GET", f"{base}/{view}")  # 401, or the public reviews


async def session_of_bff(call: Conformance, admin: Person, host: Person, guest: Person) -> None:
    """Every BFF index read by list, filter, count, schema and id, saved filters made,
    listed and deleted, and the generic routes' unknown index."""
    h, g = host.headers, guest.headers
    base = "/bff-service"
    listing = await make_listing(call.db, host, title="BFF flat")
    for index, who in (("ReservationDetailView", g), ("chatContext", h), ("ListingDetailView", g)):
        rows = ok(await call("GET", f"{base}/{index}/list", headers=who))[index]
        f = {"filters": {"id": {"isNull": False}}}
        ok(await call("POST", f"{base}/{index}/list", json=f, params={"limit": 5}, headers=who))
        ok(await call("GET", f"{base}/{index}/count", headers=who))
        ok(await call("POST", f"{base}/{index}/count", json=f, headers=who))
        await call("POST", f"{base}/{index}/count", json={"filters": {"x": 1}}, headers=who)
        ok(await call("GET", f"{base}/{index}/schema"))
        if rows:
            ok(await call("GET", f"{base}/{index}/{rows[0]['id']}", headers=who))
        await call("GET", f"{base}/{index}/{UNKNOWN}", headers=who)  # 404
        made = {"filterName": "Mine", "conditions": {"id": {"isNull": False}}}
        fid = ok(await call("POST", f"{base}/{index}/filters", json=made, headers=who), 201)
        ok(await call("GET", f"{base}/{index}/filters", headers=who))
        ok(await call("DELETE", f"{base}/{index}/filters/{fid['savedFilter']['id']}", headers=who))
    await call("GET", f"{base}/ListingDetailView/{listing.id}")
    for path in ("list", "count", "schema", "filters", UNKNOWN, f"filters/{UNKNOWN}"):
        await call(
            "GET" if path != f"filters/{UNKNOWN}" else "DELETE", f"{base}/Nope/{path}", headers=g
        )
    await call("POST", f"{base}/Nope/list", json={"filters": {}}, headers=g)
    await call("POST", f"{base}/Nope/count", json={"filters": {}}, headers=g)
    await call(
        "POST", f"{base}/Nope/filters", json={"filterName": "x", "conditions": {}}, headers=g
    )


async def test_the_answers_of_a_real_session_conform_to_the_documents(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    call = Conformance(client, db, await documents(client))
    admin = await make_logged_in(client, db, role="admin")
    host = await make_logged_in(client, db)
    guest = await make_logged_in(client, db)
    await session_of_auth(call, admin, host)
    await session_of_catalog_and_booking(call, admin, host, guest)
    await session_of_payments(call, admin, host, guest)
    await session_of_messaging(call, admin, host, guest)
    await session_of_notifications(call, admin, guest)
    await session_of_platform_admin(call, admin, guest)
    await session_of_agent_hub(call, admin, guest)
    await session_of_reviews(call, admin, host, guest)
    await session_of_bff_views(call, admin, host, guest)
    await session_of_bff(call, admin, host, guest)
    unverified = await make_logged_in(client, db, email_verified=False, mobile="+351900000001")
    await session_of_verification(call, unverified)
    assert not call.failures, "\n\n".join(call.failures[:20])
    assert not call.missing(), f"operations the session never called: {call.missing()}"
