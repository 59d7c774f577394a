"""Every operation of every JSON surface (the nine marketplace services, the Cloud API,
the Channel API, OAuth's /connect) called by each of business A's principals with
business B's ids: no answer carries B's private markers, no write naming B succeeds, no
call is a 5xx, and B's objects read back by B are unchanged."""

from __future__ import annotations

import httpx
import pytest

from staykit.api.marketplace.app import SERVICES
from tests.isolation.conftest import Worlds
from tests.isolation.matrix import (
    Summary,
    build_call,
    differences,
    operations,
    probe,
    read_back,
)

DOCUMENTS: dict[str, tuple[str, str]] = {
    **{name: (prefix, prefix + "/openapi.json") for name, prefix in SERVICES.items()},
    "cloud": ("/cloudapi", "/cloudapi/openapi"),
    "channel": ("/v2", "/v2/openapi.json"),
    "connect": ("/connect", "/connect/openapi.json"),
}

# Operations the matrix does not call, each with why. Anything else in a document is called.
NOT_DRIVEN: dict[str, str] = {
    "POST /auth-api/logout": "ends the caller's own session (A's), naming nothing of B's",
    "GET /auth-api/relogin": "replaces the caller's own session token, naming nothing of B's",
    "DELETE /v2/authentication/token": "revokes the caller's own token, naming nothing of B's",
    "GET /notification-api/stream": "a live event stream that never ends (covered by the "
    "notifications tests: a stream only carries the caller's own events)",
    "GET /auth-api/v1/streamtest/{userId}": "a test event stream that never ends",
}


async def _document(client: httpx.AsyncClient, url: str) -> dict:
    r = await client.get(url)
    assert r.status_code == 200, url
    return dict(r.json())


def _surface_kind(name: str) -> str:
    return name if name in ("cloud", "channel", "connect") else "marketplace"


@pytest.mark.parametrize("surface", list(DOCUMENTS))
async def test_no_principal_of_a_reads_writes_or_deletes_b_objects(
    iso_client: httpx.AsyncClient, worlds: Worlds, surface: str
) -> None:
    prefix, url = DOCUMENTS[surface]
    kind = _surface_kind(surface)
    ops = [
        o
        for o in operations(await _document(iso_client, url), prefix, kind)
        if o.label not in NOT_DRIVEN
    ]
    assert ops, f"{url} lists no operations"
    b = worlds.b
    calls = [(o, build_call(o, b.ids)) for o in ops]
    aimed_reads = [c for o, c in calls if o.method == "get" and c.aim.named and not c.aim.unaimed]
    owner = worlds.owner(kind)
    before = await read_back(iso_client, aimed_reads, owner)
    summary = Summary(surface)
    order = {"get": 0, "post": 1, "put": 1, "patch": 1, "delete": 2}
    for operation, call in sorted(calls, key=lambda oc: order[oc[0].method]):
        if operation.method != "get" and not call.aim.named:
            continue  # a write that names nothing of B's acts on A's own objects
        for who in worlds.attackers():
            await probe(iso_client, call, who, b, summary, operation.label)
    after = await read_back(iso_client, aimed_reads, owner)
    changed = [
        f"{k}: {differences(before[k], after.get(k))}" for k in before if before[k] != after.get(k)
    ]
    print("\n" + summary.line())
    if summary.unaimed:
        print(f"  {surface}: no B object of these kinds was built (a random id was sent):")
        for label, names in sorted(summary.unaimed.items()):
            print(f"    {label}: {sorted(names)}")
    assert not summary.leaks, "\n".join(summary.leaks)
    assert not changed, f"B's objects changed by A's calls: {changed}"
    # The matrix can fail: B's own reads of the aimed objects answer, and carry B's markers.
    if aimed_reads:
        assert before, f"B can read none of the {len(aimed_reads)} objects aimed at on {surface}"
