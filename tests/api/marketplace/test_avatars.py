"""Avatar files (spec §2.1 UserAvatarsFile, §2.2): upload (a staykit addition), public
download by access key, and the owner-or-admin get/list/delete routes."""

from __future__ import annotations

import re
import struct
import uuid
import zlib
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from tests.factories import Person, assert_error, make_logged_in

FILES = "/auth-api/v1/useravatarsfiles"


def download(access_key: str) -> str:
    return f"{FILES}/download/{access_key}"


def png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real, decodable PNG built by hand (signature, IHDR, IDAT, IEND with CRCs)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


async def upload(
    client: httpx.AsyncClient,
    who: Person | None,
    data: bytes | None = None,
    *,
    name: str = "me.png",
    content_type: str = "image/png",
    form: dict[str, str] | None = None,
) -> httpx.Response:
    return await client.post(
        FILES,
        files={"file": (name, png() if data is None else data, content_type)},
        data=form or {},
        headers=who.headers if who else {},
    )


async def uploaded(client: httpx.AsyncClient, who: Person, **kwargs: Any) -> dict[str, Any]:
    r = await upload(client, who, **kwargs)
    assert r.status_code == 201, r.text
    return dict(r.json()["userAvatarsFile"])


# --- upload ------------------------------------------------------------------------------------


async def test_user_uploads_png_and_it_becomes_their_avatar(
    client: httpx.AsyncClient, user: Person, settings: Settings
) -> None:
    data = png(3, 2)
    r = await upload(client, user, data, name="portrait.png")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "OK"
    assert body["dataName"] == "userAvatarsFile"
    assert body["action"] == "create"
    f = body["userAvatarsFile"]
    assert f["fileName"] == "portrait.png"
    assert f["mimeType"] == "image/png"
    assert f["fileSize"] == len(data)
    assert re.fullmatch(r"[A-Za-z0-9]{12}", f["accessKey"])
    assert f["downloadUrl"] == download(f["accessKey"])
    assert f["userId"] == user.id
    assert f["ownerId"] == user.id
    assert f["isActive"] is True
    assert f["metadata"] is None
    assert "fileData" not in f  # the bytes are served by the download route only

    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["avatar"] == settings.public_base_url + f["downloadUrl"]


async def test_download_is_public_and_returns_the_exact_bytes(
    client: httpx.AsyncClient, user: Person
) -> None:
    data = png(4, 4, (1, 2, 3))
    f = await uploaded(client, user, data=data)
    r = await client.get(f["downloadUrl"])  # no token
    assert r.status_code == 200
    assert r.content == data
    assert r.headers["content-type"] == "image/png"
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_mime_type_comes_from_the_bytes_not_the_client(
    client: httpx.AsyncClient, user: Person
) -> None:
    f = await uploaded(
        client, user, data=png(), name="blob.bin", content_type="application/octet-stream"
    )
    assert f["mimeType"] == "image/png"
    g = await uploaded(client, user, data=GIF, name="fake.png", content_type="image/png")
    assert g["mimeType"] == "image/gif"
    r = await client.get(g["downloadUrl"])
    assert r.headers["content-type"] == "image/gif"
    assert r.content == GIF


async def test_access_keys_are_unique_per_upload(client: httpx.AsyncClient, user: Person) -> None:
    keys = {(await uploaded(client, user))["accessKey"] for _ in range(3)}
    assert len(keys) == 3


async def test_latest_upload_becomes_the_avatar_unless_set_as_avatar_is_false(
    client: httpx.AsyncClient, user: Person
) -> None:
    first = await uploaded(client, user)
    second = await uploaded(client, user, form={"setAsAvatar": "false"})
    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    avatar = r.json()["user"]["avatar"]
    assert avatar.endswith(first["downloadUrl"])
    assert not avatar.endswith(second["downloadUrl"])


async def test_text_file_renamed_png_is_415_naming_file(
    client: httpx.AsyncClient, user: Person
) -> None:
    r = await upload(client, user, b"just some text, honestly\n", name="cat.png")
    assert_error(r, 415, field="file", message="errMsg_fileTypeNotAllowed")


async def test_svg_is_refused_because_it_can_carry_script(
    client: httpx.AsyncClient, user: Person
) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    r = await upload(client, user, svg, name="a.svg", content_type="image/svg+xml")
    assert_error(r, 415, field="file", message="errMsg_fileTypeNotAllowed")


async def test_empty_file_is_400_naming_file(client: httpx.AsyncClient, user: Person) -> None:
    r = await upload(client, user, b"")
    assert_error(r, 400, field="file", message="errMsg_fileIsEmpty")


async def test_missing_file_part_is_400_naming_file(
    client: httpx.AsyncClient, user: Person
) -> None:
    r = await client.post(FILES, data={"setAsAvatar": "true"}, headers=user.headers)
    assert_error(r, 400, field="file")


async def test_file_of_exactly_the_limit_is_accepted(
    client: httpx.AsyncClient, user: Person, settings: Settings
) -> None:
    data = png() + b"\x00" * (settings.max_upload_bytes - len(png()))
    f = await uploaded(client, user, data=data)
    assert f["fileSize"] == settings.max_upload_bytes


async def test_file_one_byte_over_the_limit_is_413_naming_file(
    client: httpx.AsyncClient, user: Person, settings: Settings
) -> None:
    data = png() + b"\x00" * (settings.max_upload_bytes + 1 - len(png()))
    r = await upload(client, user, data)
    assert_error(r, 413, field="file", message="errMsg_fileTooLarge")


async def test_body_declared_far_over_the_limit_is_413_before_reading(
    client: httpx.AsyncClient, user: Person, settings: Settings
) -> None:
    data = png() + b"\x00" * (settings.max_upload_bytes + 100_000)
    r = await upload(client, user, data)
    assert_error(r, 413, field="body", message="errMsg_bodyTooLarge")


async def test_streamed_body_without_length_over_the_limit_is_413(
    client: httpx.AsyncClient, user: Person, settings: Settings
) -> None:
    boundary = "staykitboundary"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="big.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    chunk = b"\x00" * 65_536

    async def body() -> AsyncIterator[bytes]:
        yield head + png()
        for _ in range(settings.max_upload_bytes // len(chunk) + 3):
            yield chunk
        yield tail

    r = await client.post(
        FILES,
        content=body(),
        headers={**user.headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert_error(r, 413, field="body", message="errMsg_bodyTooLarge")


async def test_metadata_json_object_is_stored(client: httpx.AsyncClient, user: Person) -> None:
    meta = {"alt": "Me at the beach", "tags": ["summer"]}
    f = await uploaded(
        client, user, form={"metadata": '{"alt": "Me at the beach", "tags": ["summer"]}'}
    )
    assert f["metadata"] == meta
    r = await client.get(f"{FILES}/{f['id']}", headers=user.headers)
    assert r.json()["userAvatarsFile"]["metadata"] == meta


@pytest.mark.parametrize("metadata", ["[1, 2]", '"alt"', "42", "not json", "{broken"])
async def test_metadata_that_is_not_a_json_object_is_400(
    client: httpx.AsyncClient, user: Person, metadata: str
) -> None:
    r = await upload(client, user, form={"metadata": metadata})
    assert_error(r, 400, field="metadata", message="errMsg_metadataIsInvalid")


async def test_anonymous_upload_is_401(client: httpx.AsyncClient) -> None:
    r = await upload(client, None)
    assert r.status_code == 401, r.text
    assert r.json()["message"] == "errMsg_noLoginFound"


async def test_bad_token_upload_is_401(client: httpx.AsyncClient) -> None:
    r = await client.post(
        FILES,
        files={"file": ("me.png", png(), "image/png")},
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert r.status_code == 401, r.text


async def test_user_cannot_upload_for_another_user(
    client: httpx.AsyncClient, user: Person, other: Person
) -> None:
    r = await upload(client, user, form={"userId": other.id})
    assert r.status_code == 403, r.text
    assert r.json()["message"] == "errMsg_adminRoleRequired"
    r = await client.get(f"/auth-api/v1/users/{other.id}", headers=other.headers)
    assert "useravatarsfiles" not in (r.json()["user"]["avatar"] or "")


async def test_user_may_name_themself_as_user_id(client: httpx.AsyncClient, user: Person) -> None:
    f = await uploaded(client, user, form={"userId": user.id})
    assert f["userId"] == user.id


async def test_admin_uploads_for_another_user_and_sets_their_avatar(
    client: httpx.AsyncClient, admin: Person, user: Person
) -> None:
    f = await uploaded(client, admin, form={"userId": user.id})
    assert f["userId"] == user.id
    assert f["ownerId"] == admin.id
    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    assert r.json()["user"]["avatar"].endswith(f["downloadUrl"])
    # The target user owns the file too: they can see and delete it.
    r = await client.get(f"{FILES}/{f['id']}", headers=user.headers)
    assert r.status_code == 200, r.text


async def test_superadmin_uploads_for_another_user(
    client: httpx.AsyncClient, db: AsyncSession, user: Person
) -> None:
    boss = await make_logged_in(client, db, role="superAdmin")
    f = await uploaded(client, boss, form={"userId": user.id})
    assert f["userId"] == user.id


async def test_upload_for_unknown_user_is_404_naming_user_id(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await upload(client, admin, form={"userId": str(uuid.uuid4())})
    assert_error(r, 404, field="userId", message="errMsg_userNotFound")


async def test_upload_for_deleted_user_is_404(
    client: httpx.AsyncClient, admin: Person, other: Person
) -> None:
    r = await client.delete(f"/auth-api/v1/users/{other.id}", headers=admin.headers)
    assert r.status_code == 200, r.text
    r = await upload(client, admin, form={"userId": other.id})
    assert_error(r, 404, field="userId")


async def test_malformed_user_id_is_400_naming_user_id(
    client: httpx.AsyncClient, admin: Person
) -> None:
    r = await upload(client, admin, form={"userId": "not-a-uuid"})
    assert_error(r, 400, field="userId")


# --- download ----------------------------------------------------------------------------------


async def test_download_with_unknown_key_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get(download("abcdefghijkm"))
    assert_error(r, 404, field="accessKey", message="errMsg_fileNotFound")


@pytest.mark.parametrize("key", ["short", "abcdefghijklm", "abc-efghijkl", "abc%20efghijk"])
async def test_download_with_malformed_key_is_400(client: httpx.AsyncClient, key: str) -> None:
    r = await client.get(download(key))
    assert_error(r, 400, field="accessKey")


# --- get, list, delete -------------------------------------------------------------------------


async def test_owner_and_admin_get_the_file_other_user_gets_the_unknown_id_404(
    client: httpx.AsyncClient, user: Person, other: Person, admin: Person
) -> None:
    f = await uploaded(client, user)
    r = await client.get(f"{FILES}/{f['id']}", headers=user.headers)
    assert r.status_code == 200, r.text
    got = r.json()["userAvatarsFile"]
    assert got["accessKey"] == f["accessKey"]
    assert got["downloadUrl"] == f["downloadUrl"]
    assert "fileData" not in got
    r = await client.get(f"{FILES}/{f['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text
    r = await client.get(f"{FILES}/{f['id']}", headers=other.headers)
    assert_error(r, 404, field="userAvatarsFileId", message="errMsg_userAvatarsFileNotFound")
    # Exactly what an id that does not exist gets: nothing tells the file is there.
    unknown = await client.get(f"{FILES}/{uuid.uuid4()}", headers=other.headers)
    assert_error(unknown, 404, field="userAvatarsFileId")

    def same(body: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in body.items() if k not in ("date", "requestId", "detail")}

    assert same(r.json()) == same(unknown.json())


async def test_anonymous_get_and_list_are_401(client: httpx.AsyncClient, user: Person) -> None:
    f = await uploaded(client, user)
    assert (await client.get(f"{FILES}/{f['id']}")).status_code == 401
    assert (await client.get(FILES)).status_code == 401
    assert (await client.delete(f"{FILES}/{f['id']}")).status_code == 401


async def test_get_malformed_id_is_400_and_unknown_id_is_404(
    client: httpx.AsyncClient, user: Person
) -> None:
    r = await client.get(f"{FILES}/not-a-uuid", headers=user.headers)
    assert_error(r, 400, field="userAvatarsFileId")
    r = await client.get(f"{FILES}/{uuid.uuid4()}", headers=user.headers)
    assert_error(r, 404, field="userAvatarsFileId")
    r = await client.delete(f"{FILES}/not-a-uuid", headers=user.headers)
    assert_error(r, 400, field="userAvatarsFileId")
    r = await client.delete(f"{FILES}/{uuid.uuid4()}", headers=user.headers)
    assert_error(r, 404, field="userAvatarsFileId")


async def test_list_shows_users_their_own_files_and_admins_all(
    client: httpx.AsyncClient, user: Person, other: Person, admin: Person
) -> None:
    mine = {(await uploaded(client, user))["id"] for _ in range(2)}
    theirs = {(await uploaded(client, other))["id"]}
    given = {(await uploaded(client, admin, form={"userId": user.id}))["id"]}

    r = await client.get(FILES, headers=user.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "userAvatarsFiles"
    assert {f["id"] for f in body["userAvatarsFiles"]} == mine | given
    assert body["paging"]["totalRowCount"] == 3

    r = await client.get(FILES, headers=other.headers)
    assert {f["id"] for f in r.json()["userAvatarsFiles"]} == theirs

    r = await client.get(FILES, headers=admin.headers)
    assert {f["id"] for f in r.json()["userAvatarsFiles"]} == mine | theirs | given


async def test_list_filters_by_mime_type_and_user(
    client: httpx.AsyncClient, user: Person, admin: Person
) -> None:
    p = await uploaded(client, user)
    g = await uploaded(client, user, data=GIF, name="a.gif", content_type="image/gif")
    r = await client.get(FILES, params={"mimeType": "gif"}, headers=user.headers)
    assert [f["id"] for f in r.json()["userAvatarsFiles"]] == [g["id"]]
    r = await client.get(FILES, params={"userId": user.id}, headers=admin.headers)
    assert {f["id"] for f in r.json()["userAvatarsFiles"]} == {p["id"], g["id"]}
    r = await client.get(FILES, params={"userId": "nope"}, headers=admin.headers)
    assert_error(r, 400, field="userId")


async def test_owner_deletes_softly_and_the_download_then_404s(
    client: httpx.AsyncClient, user: Person, admin: Person
) -> None:
    f = await uploaded(client, user)
    r = await client.delete(f"{FILES}/{f['id']}", headers=user.headers)
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "delete"
    assert r.json()["userAvatarsFile"]["isActive"] is False

    assert (await client.get(f["downloadUrl"])).status_code == 404
    r = await client.get(f"{FILES}/{f['id']}", headers=user.headers)
    assert_error(r, 404, field="userAvatarsFileId")
    r = await client.get(FILES, headers=user.headers)
    assert r.json()["userAvatarsFiles"] == []
    r = await client.delete(f"{FILES}/{f['id']}", headers=user.headers)
    assert r.status_code == 404
    # Soft: an admin can still list it with isActive=false.
    r = await client.get(FILES, params={"isActive": "false"}, headers=admin.headers)
    assert [x["id"] for x in r.json()["userAvatarsFiles"]] == [f["id"]]


async def test_other_user_cannot_delete_but_admin_can_and_other_user_gets_404(
    client: httpx.AsyncClient, user: Person, other: Person, admin: Person
) -> None:
    f = await uploaded(client, user)
    r = await client.delete(f"{FILES}/{f['id']}", headers=other.headers)
    assert_error(r, 404, field="userAvatarsFileId", message="errMsg_userAvatarsFileNotFound")
    assert (await client.get(f["downloadUrl"])).status_code == 200  # untouched
    r = await client.delete(f"{FILES}/{f['id']}", headers=admin.headers)
    assert r.status_code == 200, r.text
    assert (await client.get(f["downloadUrl"])).status_code == 404


async def test_deleting_the_current_avatar_file_restores_a_default_avatar(
    client: httpx.AsyncClient, user: Person
) -> None:
    kept = await uploaded(client, user)
    current = await uploaded(client, user)
    r = await client.delete(f"{FILES}/{current['id']}", headers=user.headers)
    assert r.status_code == 200, r.text
    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    avatar = r.json()["user"]["avatar"]
    # The profile must not point at a file that now answers 404.
    assert "/auth-api/v1/defaultavatars/" in avatar
    assert (await client.get(avatar.removeprefix("http://testserver"))).status_code == 200
    # Deleting a file that is not the current avatar leaves the avatar alone.
    await uploaded(client, user)
    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    before = r.json()["user"]["avatar"]
    assert (await client.delete(f"{FILES}/{kept['id']}", headers=user.headers)).status_code == 200
    r = await client.get(f"/auth-api/v1/users/{user.id}", headers=user.headers)
    assert r.json()["user"]["avatar"] == before


async def test_metadata_over_ten_thousand_characters_is_400(
    client: httpx.AsyncClient, user: Person
) -> None:
    r = await upload(client, user, form={"metadata": '{"alt": "' + "x" * 10_000 + '"}'})
    assert_error(r, 400, field="metadata")


async def test_set_as_avatar_must_be_a_boolean(client: httpx.AsyncClient, user: Person) -> None:
    r = await upload(client, user, form={"setAsAvatar": "perhaps"})
    assert_error(r, 400, field="setAsAvatar")
