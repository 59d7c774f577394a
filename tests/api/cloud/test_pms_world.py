"""The shared Cloud API test world builds, and its token reaches the Cloud API."""

from __future__ import annotations

import httpx

from tests.pms import Pms


async def test_the_pms_world_and_its_token(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.get("/cloudapi/auth/tokendetails", headers=await pms.headers("read:bookings"))
    assert r.status_code == 200, r.text
    assert [t["id"] for t in r.json()["tenants"]] == [str(pms.business_id)]
    assert pms.queen.property_id == pms.cabin.property_id
    assert pms.other_business_id != pms.business_id
