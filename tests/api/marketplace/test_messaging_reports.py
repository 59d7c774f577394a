"""createMessageReport, getMessageReport, listMessageReports and updateMessageReport
(spec §3.2): a participant reports a message (pending; reporter and time the server's),
the reporter, the sender and admins see it, only admins moderate it."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.messaging import REPORTS, send, talk
from tests.factories import Person, assert_error, make_logged_in


async def test_a_participant_reports_a_message_and_an_admin_moderates_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    conv = await talk(client, guest, host, listing)
    rude = await send(client, guest, conv.thread_id, "Your flat is a dump.")
    r = await client.post(
        REPORTS,
        json={
            "messageId": rude["id"],
            "reportReason": "insulting",
            "reportedBy": host.id,
            "moderationStatus": "pending",
            "reportedAt": "2001-01-01T00:00:00Z",
        },
        headers=host.headers,
    )
    assert r.status_code == 201, r.text
    report = r.json()["messageReport"]
    assert (report["reportedBy"], report["messageId"], report["reportReason"]) == (
        host.id,
        rude["id"],
        "insulting",
    )
    assert (report["moderationStatus"], report["moderationStatus_idx"]) == ("pending", 0)
    assert report["adminId"] is None and not report["reportedAt"].startswith("2001")
    url = f"{REPORTS}/{report['id']}"
    # Seen by the reporter, the sender and admins; nobody else.
    stranger = await make_logged_in(client, db)
    for person in (host, guest, admin):
        assert (await client.get(url, headers=person.headers)).status_code == 200
        listed = (await client.get(REPORTS, headers=person.headers)).json()["messageReports"]
        assert [x["id"] for x in listed] == [report["id"]]
    assert_error(await client.get(url, headers=stranger.headers), 404, field="messageReportId")
    assert (await client.get(REPORTS, headers=stranger.headers)).json()["messageReports"] == []
    # Only admins moderate.
    for person in (host, guest):
        r = await client.patch(url, json={"moderationStatus": "closed"}, headers=person.headers)
        assert_error(r, 403, message="errMsg_notAModerator")
    r = await client.patch(
        url,
        json={"moderationStatus": "reviewed", "resolutionNotes": "Warned the guest."},
        headers=admin.headers,
    )
    assert r.status_code == 200, r.text
    moderated = r.json()["messageReport"]
    assert (moderated["moderationStatus"], moderated["adminId"]) == ("reviewed", admin.id)
    assert moderated["resolutionNotes"] == "Warned the guest."
    r = await client.patch(url, json={"moderationStatus": "pending"}, headers=admin.headers)
    assert_error(r, 409, field="moderationStatus", message="errMsg_moderationStatusChangeRefused")
    r = await client.patch(url, json={"adminId": guest.id}, headers=admin.headers)
    assert_error(r, 400, field="adminId", message="errMsg_adminIdIsNotAnAdmin")
    r = await client.patch(url, json={"moderationStatus": "closed"}, headers=admin.headers)
    assert r.json()["messageReport"]["moderationStatus"] == "closed"
    r = await client.patch(url, json={"resolutionNotes": "again"}, headers=admin.headers)
    assert_error(r, 409, message="errMsg_messageReportIsClosed")
    r = await client.get(REPORTS, headers=admin.headers, params={"moderationStatus": "CLOSED"})
    assert [x["id"] for x in r.json()["messageReports"]] == [report["id"]]


@pytest.mark.parametrize(
    ("fields", "status", "field", "message"),
    [
        ({"reportReason": ""}, 400, "reportReason", "errMsg_reportReasonIsRequired"),
        ({"reportReason": "x" * 501}, 400, "reportReason", None),
        ({"moderationStatus": "closed"}, 400, "moderationStatus", None),
        ({"reportedBy": "guest"}, 400, "reportedBy", "errMsg_reportedByIsSetByTheServer"),
        ({"adminId": "guest"}, 400, "adminId", None),
        ({"resolutionNotes": "done"}, 400, "resolutionNotes", None),
        ({"messageId": "own"}, 400, "messageId", "errMsg_cannotReportOwnMessage"),
        ({"messageId": "0190a000-0000-7000-8000-000000000000"}, 404, "messageId", None),
    ],
)
async def test_bad_reports_are_refused_naming_the_field(
    client: httpx.AsyncClient,
    guest: Person,
    host: Person,
    listing: UnitType,
    fields: dict[str, str],
    status: int,
    field: str,
    message: str | None,
) -> None:
    conv = await talk(client, guest, host, listing)
    theirs = await send(client, guest, conv.thread_id, "Hello")
    own = await send(client, host, conv.thread_id, "Welcome")
    words = {"guest": guest.id, "own": own["id"]}
    body = {"messageId": theirs["id"], "reportReason": "spam"}
    body.update({k: words.get(v, v) for k, v in fields.items()})
    r = await client.post(REPORTS, json=body, headers=host.headers)
    assert_error(r, status, field=field, message=message)
    assert (await client.get(REPORTS, headers=host.headers)).json()["messageReports"] == []
