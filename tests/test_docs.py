"""The curl examples in docs/ run against the service and answer what the docs say."""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog.models import Amenity
from tests.factories import actor_of, make_listing, make_logged_in, make_user

DOCS = Path(__file__).resolve().parent.parent / "docs"
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def examples(page: Path) -> list[tuple[list[str], int]]:
    """(curl argv, expected status) for every `curl ...` followed by `# -> NNN`."""
    out = []
    for block in BLOCK.findall(page.read_text()):
        command: list[str] = []
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("curl "):
                command = shlex.split(line)
            elif (m := re.match(r"#\s*->\s*(\d{3})", line)) and command:
                out.append((command, int(m.group(1))))
                command = []
    return out


def to_request(argv: list[str], env: dict[str, str]) -> tuple[str, str, dict[str, str], str | None]:
    method, url, headers, data = "GET", "", {}, None
    args = iter(argv[1:])
    for arg in args:
        if arg == "-s":
            continue
        if arg == "-X":
            method = next(args)
        elif arg == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip()] = value.strip()
        elif arg in ("-d", "--data"):
            data = next(args)
            method = "POST" if method == "GET" else method
        else:
            url = arg
    expand = lambda s: re.sub(r"\$(\w+)", lambda m: env[m.group(1)], s)  # noqa: E731
    body = expand(data) if data is not None else None  # -d '{"id": "'"$LISTING_ID"'"}'
    return method, expand(url), {k: expand(v) for k, v in headers.items()}, body


PAGES = sorted(p for p in DOCS.glob("*.md") if examples(p))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
async def test_doc_examples_answer_as_documented(
    page: Path, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    listing = await make_listing(db, user)
    amenity = Amenity(name="Wifi", icon_url="/icons/wifi.svg")  # propertycatalog-api.md
    db.add(amenity)
    # bookingmanagement-api.md: a guest's confirmed stay on the listing
    guest = await make_user(db)
    booked = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, date(2029, 8, 1), date(2029, 8, 4), 2)
    )
    await db.commit()
    env = {
        "BASE": "",
        "TOKEN": user.token or "",
        "USER_ID": user.id,
        "ADMIN_TOKEN": admin.token or "",
        "LISTING_ID": str(listing.id),
        "AMENITY_ID": str(amenity.id),
        "RESERVATION_ID": str(booked.reservation.id),
    }
    cases = examples(page)
    assert cases, f"{page.name} has no runnable examples"
    for argv, expected in cases:
        method, url, headers, data = to_request(argv, env)
        client.cookies.clear()  # each example authenticates only as written
        r = await client.request(method, url, headers=headers, content=data)
        assert r.status_code == expected, f"{' '.join(argv)}\n-> {r.status_code} {r.text[:300]}"
