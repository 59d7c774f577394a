"""The file store's contract, run against both adapters: the local folder and S3 (moto's
server on loopback); keys that could leave the store are refused by both; the store is
chosen from the settings' URL."""

from __future__ import annotations

import builtins
import copy
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from staykit.core import storage
from staykit.core.config import Settings
from staykit.core.errors import NotFound, ServiceUnavailable
from staykit.core.storage import (
    FileMissing,
    FileStore,
    InvalidKey,
    LocalFileStore,
    S3FileStore,
    StorageNotAvailable,
)
from tests.s3 import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, S3Server, free_port

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(scope="session")
def s3_store(s3_server: S3Server) -> S3FileStore:
    """One S3 store for the session: making a boto3 client takes seconds."""
    return S3FileStore(
        s3_server.bucket,
        "contract",
        endpoint_url=s3_server.endpoint_url,
        region=REGION,
        access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY,
    )


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    if request.param == "local":
        return LocalFileStore(tmp_path / "files")
    # The session's client, under a prefix of this test's own (the bucket is shared).
    mine = copy.copy(request.getfixturevalue("s3_store"))
    mine.prefix = f"contract/{uuid.uuid4().hex}"
    return mine


async def test_a_stored_file_reads_back_with_its_type(store: FileStore) -> None:
    await store.put("avatars/one.png", PNG, "image/png")
    got = await store.get("avatars/one.png")
    assert (got.data, got.content_type) == (PNG, "image/png")


async def test_a_put_replaces_the_whole_object(store: FileStore) -> None:
    await store.put("a/b/c", b"first version, longer", "text/plain")
    await store.put("a/b/c", b"second", "application/pdf")
    got = await store.get("a/b/c")
    assert (got.data, got.content_type) == (b"second", "application/pdf")


async def test_a_deleted_file_is_missing_and_deleting_again_is_fine(store: FileStore) -> None:
    await store.put("gdpr-exports/x.zip", b"PK", "application/zip")
    await store.delete("gdpr-exports/x.zip")
    with pytest.raises(FileMissing):
        await store.get("gdpr-exports/x.zip")
    await store.delete("gdpr-exports/x.zip")
    await store.delete("never/stored")


async def test_an_unknown_key_is_missing(store: FileStore) -> None:
    with pytest.raises(FileMissing):
        await store.get("nothing-here")


async def test_empty_and_large_files_keep_every_byte(store: FileStore) -> None:
    big = bytes(range(256)) * 8192  # 2 MiB
    await store.put("big.bin", big, "application/octet-stream")
    await store.put("empty", b"", "text/plain")
    assert (await store.get("big.bin")).data == big
    assert (await store.get("empty")).data == b""


BAD_KEYS = [
    "",
    "../outside",
    "a/../../outside",
    "/etc/passwd",
    "a//b",
    "a/",
    ".hidden",
    "a/.b.type",
    "a\\..\\b",
    "a b",
    "naïve",
    "a/" * 9 + "z",
    "x" * 600,
    "..",
    "a/./b",
]


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_keys_that_could_leave_the_store_are_refused(store: FileStore, key: str) -> None:
    with pytest.raises(InvalidKey):
        await store.put(key, b"x", "text/plain")
    with pytest.raises(InvalidKey):
        await store.get(key)
    with pytest.raises(InvalidKey):
        await store.delete(key)


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


async def test_local_store_writes_only_inside_its_folder(tmp_path: Path) -> None:
    root = tmp_path / "files"
    local = LocalFileStore(root)
    await local.put("listing-photos/biz/p1", PNG, "image/png")
    written = files_under(tmp_path)
    # The file and its hidden content-type note; no temporary file left behind.
    assert written == ["files/listing-photos/biz/.p1.type", "files/listing-photos/biz/p1"]
    with pytest.raises(InvalidKey):
        await local.put("../escaped", b"x", "text/plain")
    assert not (tmp_path / "escaped").exists()


async def test_two_stores_on_one_bucket_see_each_others_files(s3_server: S3Server) -> None:
    def on_bucket() -> S3FileStore:
        return S3FileStore(
            s3_server.bucket,
            "shared",
            endpoint_url=s3_server.endpoint_url,
            region=REGION,
            access_key_id=ACCESS_KEY_ID,
            secret_access_key=SECRET_ACCESS_KEY,
        )

    one, two = on_bucket(), on_bucket()
    await one.put("message-attachments/b/m1", b"%PDF-1.4", "application/pdf")
    assert (await two.get("message-attachments/b/m1")).data == b"%PDF-1.4"
    await two.delete("message-attachments/b/m1")
    with pytest.raises(FileMissing):
        await one.get("message-attachments/b/m1")


# --- choosing the store from the settings -----------------------------------------------------


def test_unset_url_is_the_files_folder_in_the_data_directory(tmp_path: Path) -> None:
    chosen = storage.file_store(Settings(data_dir=tmp_path))
    assert isinstance(chosen, LocalFileStore) and chosen.root == (tmp_path / "files").resolve()


def test_an_s3_url_gives_the_bucket_and_prefix(s3_server: S3Server) -> None:
    chosen = storage.file_store(
        Settings(
            storage_url=f"s3://{s3_server.bucket}/some/prefix/",
            s3_endpoint_url=s3_server.endpoint_url,
            s3_region=REGION,
            s3_access_key_id=SecretStr(ACCESS_KEY_ID),
            s3_secret_access_key=SecretStr(SECRET_ACCESS_KEY),
        )
    )
    assert isinstance(chosen, S3FileStore)
    assert (chosen.bucket, chosen.prefix) == (s3_server.bucket, "some/prefix")


@pytest.mark.parametrize("url", ["ftp://host/files", "s3:///no-bucket", "/plain/path"])
def test_an_unusable_url_says_what_is_accepted(url: str) -> None:
    with pytest.raises(StorageNotAvailable, match="STAYKIT_STORAGE_URL"):
        storage.file_store(Settings(storage_url=url))


def test_s3_without_boto3_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_boto3(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("boto3", "botocore"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_boto3)
    with pytest.raises(StorageNotAvailable, match=r"staykit\[s3\]"):
        S3FileStore("bucket")


async def test_load_falls_back_to_the_rows_own_bytes_and_a_lost_object_is_a_404(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path)
    saved = await storage.save(settings, "avatars", PNG, "image/png")
    assert saved.key.startswith("avatars/") and len(saved.sha256) == 64
    assert await storage.load(settings, saved.key, None) == PNG
    assert await storage.load(settings, None, b"old bytes") == b"old bytes"
    await storage.forget(settings, [saved.key, None])
    with pytest.raises(NotFound) as caught:
        await storage.load(settings, saved.key, None)
    assert caught.value.code == "fileNotStored"


async def test_a_store_that_cannot_answer_is_a_503_not_a_500(tmp_path: Path) -> None:
    down = S3FileStore(
        "bucket",
        endpoint_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
        region=REGION,
        access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY,
    )
    for call in (down.put("k", b"x", "text/plain"), down.get("k"), down.delete("k")):
        with pytest.raises(ServiceUnavailable) as caught:
            await call
        assert caught.value.status == 503 and "try again" in caught.value.message
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"a file where the store's folder should be")
    with pytest.raises(ServiceUnavailable):
        await LocalFileStore(blocked).put("a/b", b"x", "text/plain")
