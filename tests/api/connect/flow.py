"""The authorization code flow as a browser and a client do it, for the connect tests:
PKCE values, the sign-in and consent forms (read from the pages' HTML), the code."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.partners.clients import create_client
from staykit.domain.partners.models import OAuthClient
from tests.factories import Person

REDIRECT = "https://partner.example/callback"
OTHER_REDIRECT = "https://partner.example/other"
ALL_SCOPES = [
    "all:bookings",
    "all:bookings-personal",
    "all:inventory",
    "all:properties",
    "guest_communication",
    "revenue_management",
    "offline_access",
    "openid",
    "profile",
    "email",
]


@dataclass
class App:
    """A registered client and its secret."""

    row: OAuthClient
    secret: str

    @property
    def id(self) -> str:
        return self.row.client_id

    @property
    def basic(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.id, self.secret)


async def make_app(
    db: AsyncSession,
    admin: Person | None = None,
    *,
    redirect_uris: list[str] | None = None,
    scopes: list[str] | None = None,
    name: str = "Partner PMS",
) -> App:
    row, secret = await create_client(
        db,
        name=name,
        redirect_uris=redirect_uris or [REDIRECT],
        scopes=scopes or ALL_SCOPES,
        created_by=admin.user.id if admin else None,
    )
    await db.commit()
    return App(row, secret)


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


@dataclass
class Request:
    """One authorization request's parameters (PKCE S256 unless changed)."""

    app: App
    scope: str = "read:bookings offline_access"
    redirect_uri: str | None = REDIRECT
    state: str = field(default_factory=lambda: secrets.token_urlsafe(8))
    verifier: str = ""
    challenge: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.verifier:
            self.verifier, self.challenge = pkce()

    def params(self) -> dict[str, str]:
        out = {
            "response_type": "code",
            "client_id": self.app.id,
            "scope": self.scope,
            "state": self.state,
            "code_challenge": self.challenge,
            "code_challenge_method": "S256",
        }
        if self.redirect_uri is not None:
            out["redirect_uri"] = self.redirect_uri
        out.update(self.extra)
        return {k: v for k, v in out.items() if v is not None}

    def url(self) -> str:
        return "/connect/authorize?" + urlencode(self.params())


def hidden_fields(page: str) -> list[tuple[str, str]]:
    return [
        (html.unescape(n), html.unescape(v))
        for n, v in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)
    ]


def csrf_of(page: str) -> str:
    return dict(hidden_fields(page))["csrf_token"]


def business_options(page: str) -> list[str]:
    return re.findall(r'name="business" value="([^"]*)"', page)


def redirect_params(r: httpx.Response) -> dict[str, str]:
    assert r.status_code == 302, r.text
    location = r.headers["location"]
    parts = urlsplit(location)
    return {k: v[0] for k, v in parse_qs(parts.query).items()}


async def sign_in(client: httpx.AsyncClient, req: Request, person: Person) -> httpx.Response:
    """From the authorize URL through the sign-in page (unless signed in) to the consent page."""
    r = await client.get(req.url())
    assert r.status_code == 200, r.text
    if "Sign in" not in r.text:
        return r  # the browser is signed in already
    fields = dict(hidden_fields(r.text))
    r = await client.post(
        "/connect/signin",
        data={**fields, "username": person.email, "password": person.password},
    )
    assert r.status_code == 303, r.text
    r = await client.get(r.headers["location"])
    assert r.status_code == 200, r.text
    return r


async def consent(
    client: httpx.AsyncClient,
    consent_page: httpx.Response,
    businesses: list[str] | None = None,
    decision: str = "allow",
) -> httpx.Response:
    fields = hidden_fields(consent_page.text)
    chosen = businesses if businesses is not None else business_options(consent_page.text)[:1]
    data = [*fields, *(("business", b) for b in chosen), ("decision", decision)]
    return await client.post(
        "/connect/authorize",
        content=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


async def get_code(
    client: httpx.AsyncClient, req: Request, person: Person, businesses: list[str] | None = None
) -> str:
    page = await sign_in(client, req, person)
    params = redirect_params(await consent(client, page, businesses))
    assert params["state"] == req.state
    return params["code"]


async def exchange(
    client: httpx.AsyncClient, req: Request, code: str, **overrides: str
) -> httpx.Response:
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": req.verifier,
    }
    if req.redirect_uri is not None:
        data["redirect_uri"] = req.redirect_uri
    data.update(overrides)
    data = {k: v for k, v in data.items() if v != ""}
    return await client.post("/connect/token", data=data, auth=req.app.basic)


async def tokens_for(
    client: httpx.AsyncClient, req: Request, person: Person, businesses: list[str] | None = None
) -> dict[str, object]:
    code = await get_code(client, req, person, businesses)
    r = await exchange(client, req, code)
    assert r.status_code == 200, r.text
    return dict(r.json())
