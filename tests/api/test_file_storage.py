"""Stored files over HTTP with each file store (docs/storage.md): an avatar and a listing
photo go to the store and read back, with the local folder and with S3 (moto's server on
loopback); two app instances on one bucket see each other's files; rows written before
migration 0031 are served from their own bytes; a lost object is a 404; deleting a photo,
a listing or a person (GDPR erase) deletes the bytes; export archives are stored and
purged."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.app import create_app
from staykit.core import storage
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.runtime import current_runtime, set_runtime
from staykit.core.storage import FileMissing
from staykit.domain import stored_files
from staykit.domain.auth.models import UserAvatarsFile
from staykit.domain.catalog.models import ListingPhoto
from staykit.domain.gdpr import exports, service
from staykit.domain.gdpr.models import GdprExport
from tests.api.host.helpers import PNG, post_form, post_multipart, signed_in_as
from tests.api.marketplace.gdpr import decide, file_request
from tests.conftest import use_sessionmaker
from tests.factories import Person, login, make_listing, make_logged_in, make_user

AVATARS = "/auth-api/v1/useravatarsfiles"


@pytest.fixture(scope="session")
async def s3_apps(s3_settings: Settings, database_url: str) -> AsyncIterator[tuple[object, object]]:
    """Two instances of staykit (as on two machines) sharing one bucket. Their start-up
    makes them the process's runtime (what jobs run with); they live for the session, so
    the tests' own runtime is put back at once, or every job test run later in this
    process would write its files to the bucket while the tests' app reads the folder."""
    one = create_app(s3_settings, database_url=database_url, run_worker_in_process=False)
    two = create_app(s3_settings, database_url=database_url, run_worker_in_process=False)
    saved = current_runtime()
    async with one.router.lifespan_context(one), two.router.lifespan_context(two):
        set_runtime(saved)
        yield one, two


def _client(app: object) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@dataclass
class Site:
    client: httpx.AsyncClient
    settings: Settings


@pytest.fixture(params=["local", "s3"])
async def site(
    request: pytest.FixtureRequest,
    app: object,
    settings: Settings,
    s3_apps: tuple[object, object],
    s3_settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Site]:
    """staykit with the local folder (the suite's app) or with the S3 bucket."""
    chosen, chosen_settings = (
        (app, settings) if request.param == "local" else (s3_apps[0], s3_settings)
    )
    use_sessionmaker(chosen, session_factory)
    async with _client(chosen) as c:
        yield Site(c, chosen_settings)


async def upload_avatar(client: httpx.AsyncClient, who: Person) -> dict[str, str]:
    r = await client.post(
        AVATARS, files={"file": ("me.png", PNG, "image/png")}, headers=who.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json()["userAvatarsFile"])


async def stored_object(settings: Settings, key: str | None) -> bytes:
    assert key is not None
    return (await storage.file_store(settings).get(key)).data


async def test_an_avatar_goes_to_the_store_and_reads_back(site: Site, db: AsyncSession) -> None:
    me = await make_logged_in(site.client, db)
    body = await upload_avatar(site.client, me)
    row = await db.get(UserAvatarsFile, uuid.UUID(body["id"]))
    assert row is not None and row.storage_key is not None
    assert row.sha256 == hashlib.sha256(PNG).hexdigest()
    legacy = await db.scalar(select(UserAvatarsFile.file_data).where(UserAvatarsFile.id == row.id))
    assert legacy is None  # the bytes are not in PostgreSQL
    assert await stored_object(site.settings, row.storage_key) == PNG
    r = await site.client.get(body["downloadUrl"])
    assert (r.status_code, r.content, r.headers["content-type"]) == (200, PNG, "image/png")


async def test_a_listing_photo_has_its_own_row_and_is_public(site: Site, db: AsyncSession) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    await signed_in_as(site.client, host)
    url = f"/host/listings/{listing.id}"
    r = await post_multipart(
        site.client, f"{url}/photos", {}, {"photo": ("a.png", PNG, "image/png")}
    )
    assert r.status_code == 303, r.text
    await db.refresh(listing)
    [address] = listing.photos
    assert address.startswith("/propertycatalog-api/v1/listingphotos/download/")
    photo = await db.scalar(select(ListingPhoto).where(ListingPhoto.unit_type_id == listing.id))
    assert photo is not None and photo.business_id == listing.business_id
    assert photo.owner_id == host.user.id and photo.storage_key is not None
    # Photos are a listing's, not a user's: nothing in the avatar files.
    assert (
        await db.scalar(select(UserAvatarsFile).where(UserAvatarsFile.owner_id == host.user.id))
        is None
    )
    site.client.cookies.clear()  # anyone may see a listing's photos
    got = await site.client.get(address)
    assert (got.status_code, got.content) == (200, PNG)

    await signed_in_as(site.client, host)
    removed = await post_form(site.client, f"{url}/photos/remove", {"photo_url": address})
    assert removed.status_code == 303
    with pytest.raises(FileMissing):
        await stored_object(site.settings, photo.storage_key)
    assert (await site.client.get(address)).status_code == 404


async def test_two_app_instances_on_one_bucket_see_each_others_files(
    s3_apps: tuple[object, object],
    s3_settings: Settings,
    session_factory: async_sessionmaker[AsyncSession],
    db: AsyncSession,
) -> None:
    one, two = s3_apps
    use_sessionmaker(one, session_factory)
    use_sessionmaker(two, session_factory)
    async with _client(one) as a, _client(two) as b:
        me = await make_logged_in(a, db)
        body = await upload_avatar(a, me)
        r = await b.get(body["downloadUrl"])
        assert (r.status_code, r.content) == (200, PNG)
        gone = await b.delete(f"{AVATARS}/{body['id']}", headers=me.headers)
        assert gone.status_code == 200, gone.text
        assert (await a.get(body["downloadUrl"])).status_code == 404
    row = await db.get(UserAvatarsFile, uuid.UUID(body["id"]), populate_existing=True)
    assert row is not None and row.storage_key is None


async def test_files_from_before_the_store_are_served_from_their_rows(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    owner = await make_user(db)
    avatar = UserAvatarsFile(
        file_name="old.png",
        mime_type="image/png",
        file_size=len(PNG),
        access_key="OldAvatar123",
        file_data=PNG,
        user_id=owner.user.id,
    )
    listing = await make_listing(db, owner)
    photo = ListingPhoto(
        file_name="old.png",
        mime_type="image/png",
        file_size=len(PNG),
        access_key="OldPhoto1234",
        file_data=PNG,
        unit_type_id=listing.id,
        business_id=listing.business_id,
    )
    db.add_all([avatar, photo])
    await db.flush()
    for path in (
        f"{AVATARS}/download/OldAvatar123",
        "/propertycatalog-api/v1/listingphotos/download/OldPhoto1234",
    ):
        r = await client.get(path)
        assert (r.status_code, r.content) == (200, PNG), path


async def test_a_file_whose_bytes_are_lost_is_a_404_not_a_500(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    me = await make_logged_in(client, db)
    body = await upload_avatar(client, me)
    row = await db.get(UserAvatarsFile, uuid.UUID(body["id"]))
    assert row is not None and row.storage_key is not None
    await storage.file_store(settings).delete(row.storage_key)
    r = await client.get(body["downloadUrl"])
    assert r.status_code == 404, r.text
    assert r.json()["errCode"] == 404 and "no longer stored" in r.text
    for bad in ("../../../etc", "short", "has%20space1"):
        assert (await client.get(f"{AVATARS}/download/{bad}")).status_code in (400, 404)


async def test_deleting_a_listing_deletes_its_photos_bytes(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    await signed_in_as(client, host)
    r = await post_multipart(
        client, f"/host/listings/{listing.id}/photos", {}, {"photo": ("a.png", PNG, "image/png")}
    )
    assert r.status_code == 303, r.text
    photo = await db.scalar(select(ListingPhoto).where(ListingPhoto.unit_type_id == listing.id))
    assert photo is not None
    client.cookies.clear()
    host = await login(client, host)
    gone = await client.delete(
        f"/propertycatalog-api/v1/listings/{listing.id}", headers=host.headers
    )
    assert gone.status_code == 200, gone.text
    with pytest.raises(FileMissing):
        await stored_object(settings, photo.storage_key)
    address = f"/propertycatalog-api/v1/listingphotos/download/{photo.access_key}"
    assert (await client.get(address)).status_code == 404


async def test_an_erase_deletes_the_persons_files(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    me = await make_logged_in(client, db)
    body = await upload_avatar(client, me)
    row = await db.get(UserAvatarsFile, uuid.UUID(body["id"]))
    assert row is not None and row.storage_key is not None
    key = row.storage_key
    await service.erase(db, settings, me.user.id)
    with pytest.raises(FileMissing):
        await stored_object(settings, key)
    assert (await client.get(body["downloadUrl"])).status_code == 404


async def test_an_export_archive_is_stored_served_and_purged_with_its_bytes(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    me = await make_logged_in(client, db)
    compliance = await make_logged_in(client, db, role="superAdmin")
    action = await file_request(client, me, me, "export")
    await decide(client, compliance, action["id"])
    export = await db.scalar(
        select(GdprExport).where(GdprExport.action_id == uuid.UUID(action["id"]))
    )
    assert export is not None and export.storage_key is not None
    archive = await stored_object(settings, export.storage_key)
    assert archive.startswith(b"PK") and export.sha256 == hashlib.sha256(archive).hexdigest()
    r = await client.get(
        exports.download_url(settings, export).removeprefix("http://testserver"), headers=me.headers
    )
    assert (r.status_code, r.content) == (200, archive)

    export.expires_at = utcnow() - timedelta(seconds=1)
    await db.flush()
    assert await exports.purge_expired(db, settings) >= 1
    with pytest.raises(FileMissing):
        await stored_object(settings, export.storage_key)


async def test_move_to_store_empties_the_rows_and_the_files_still_serve(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    owner = await make_user(db)
    avatar = UserAvatarsFile(
        file_name="old.png",
        mime_type="image/png",
        file_size=len(PNG),
        access_key="MoveAvatar12",
        file_data=PNG,
        user_id=owner.user.id,
    )
    db.add(avatar)
    await db.flush()
    kinds = {kind.name: kind for kind in stored_files.KINDS}
    # A batch of one at a time until none is left, as the command does.
    moved = 0
    while n := await stored_files.move_batch(db, settings, kinds["avatars"], 1):
        moved += n
    assert moved >= 1
    await db.refresh(avatar)
    assert avatar.storage_key is not None and avatar.sha256 == hashlib.sha256(PNG).hexdigest()
    left = await db.scalar(select(UserAvatarsFile.file_data).where(UserAvatarsFile.id == avatar.id))
    assert left is None
    assert await stored_object(settings, avatar.storage_key) == PNG
    r = await client.get(f"{AVATARS}/download/MoveAvatar12")
    assert (r.status_code, r.content) == (200, PNG)
    assert await stored_files.move_batch(db, settings, kinds["avatars"], 10) == 0
