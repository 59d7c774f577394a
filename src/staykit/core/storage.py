"""The file store: where the bytes of stored files (avatars, listing photos, message
attachments, GDPR export archives) live, behind one small port.

The metadata of each file (its key, size, type, owner, sha256) stays in PostgreSQL; the
bytes go to a `FileStore`: a local folder by default (`LocalFileStore`, one machine) or an
S3-compatible bucket (`S3FileStore`) so that API processes and workers on several
machines read each other's files. `file_store(settings)` answers the process's store for
a configuration (one per configuration, so two apps in one process may differ).

Keys are chosen by staykit, never by clients, but are still checked (`check_key`): a few
`/`-separated segments of letters, digits, `.`, `_` and `-`, none starting with a dot. So
a key can never climb out of the local folder (`..`), and the local store's own hidden
files (temporary files, content-type notes) can never be named by a key.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import NotFound, ServiceUnavailable
from staykit.core.ids import uuid7

MAX_KEY_LENGTH = 512
_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}"
_KEY = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT}){{0,7}}")
DEFAULT_CONTENT_TYPE = "application/octet-stream"


class InvalidKey(ValueError):
    """A key that is not a plain relative name (traversal, hidden or odd characters)."""


class FileMissing(LookupError):
    """No object under this key (never stored, deleted, or lost with a rolled-back write)."""


class StorageNotAvailable(RuntimeError):
    """The configured store cannot be used (boto3 missing, an unknown URL scheme)."""


class StoreUnreachable(ServiceUnavailable):
    """The store failed to answer (a full disk, a bucket down or refusing staykit's
    credentials): a 503 for the caller, who may retry, not a 500."""

    def __init__(self, operation: str) -> None:
        super().__init__(
            f"The file store could not {operation} the file just now; try again shortly.",
            code="fileStoreUnavailable",
        )


@dataclass(frozen=True)
class StoredFile:
    data: bytes
    content_type: str


def check_key(key: str) -> str:
    """The key itself when it is safe to use as a relative path; InvalidKey otherwise."""
    if len(key) > MAX_KEY_LENGTH or not _KEY.fullmatch(key):
        raise InvalidKey(
            "A file key is 1-8 '/'-separated segments of letters, digits, '.', '_' and '-', "
            "none starting with a dot."
        )
    return key


class FileStore(Protocol):
    """Where file bytes live. Writes replace whole objects; deleting a missing key is not
    an error (an erase may run twice)."""

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> StoredFile: ...

    async def delete(self, key: str) -> None: ...


class LocalFileStore:
    """Files in a folder of this machine. A write goes to a temporary file in the target
    folder, is fsynced and renamed over the key, so a reader sees the old object or the
    new one, never half of one. The content type is kept in a hidden note beside it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if not path.is_relative_to(self.root):  # belt and braces: check_key forbids ".."
            raise InvalidKey("A file key must stay inside the store.")
        return path

    @staticmethod
    def _type_note(path: Path) -> Path:
        return path.with_name(f".{path.name}.type")

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def _put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        self._write(self._type_note(path), content_type.encode())
        self._write(path, data)

    def _get(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise FileMissing(key) from None
        try:
            content_type = self._type_note(path).read_text().strip() or DEFAULT_CONTENT_TYPE
        except FileNotFoundError:
            content_type = DEFAULT_CONTENT_TYPE
        return StoredFile(data, content_type)

    def _delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._type_note(path).unlink(missing_ok=True)

    # The disk calls run in a thread: a slow disk must not stall the event loop.
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            await asyncio.to_thread(self._put, key, data, content_type)
        except OSError as exc:
            raise StoreUnreachable("store") from exc

    async def get(self, key: str) -> StoredFile:
        try:
            return await asyncio.to_thread(self._get, key)
        except OSError as exc:
            raise StoreUnreachable("read") from exc

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self._delete, key)
        except OSError as exc:
            raise StoreUnreachable("delete") from exc


class S3FileStore:
    """Objects in an S3-compatible bucket under a prefix, through boto3. boto3 is
    synchronous: every call runs in a worker thread. Credentials come from the settings
    when given, else from boto3's default chain (environment, profile, instance role)."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        try:
            import boto3  # an optional dependency: the extra `staykit[s3]`
            from botocore.config import Config
            from botocore.exceptions import BotoCoreError, ClientError
        except ImportError as exc:
            raise StorageNotAvailable(
                "STAYKIT_STORAGE_URL names an s3:// bucket but boto3 is not installed: "
                "install staykit with the `s3` extra (pip install 'staykit[s3]')."
            ) from exc
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._failures = (BotoCoreError, ClientError)
        # A client is thread-safe; one per store, with a pool as large as the threads
        # asyncio.to_thread may use at once.
        self._client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            config=Config(max_pool_connections=32, retries={"mode": "standard"}),
        )

    def _name(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _put(self, key: str, data: bytes, content_type: str) -> None:
        self._client.put_object(
            Bucket=self.bucket, Key=self._name(key), Body=data, ContentType=content_type
        )

    def _get(self, key: str) -> StoredFile:
        try:
            answer = self._client.get_object(Bucket=self.bucket, Key=self._name(key))
        except self._client.exceptions.NoSuchKey:
            raise FileMissing(key) from None
        with answer["Body"] as body:
            data = body.read()
        return StoredFile(data, answer.get("ContentType") or DEFAULT_CONTENT_TYPE)

    def _delete(self, key: str) -> None:
        self._client.delete_object(Bucket=self.bucket, Key=self._name(key))

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        try:
            await asyncio.to_thread(self._put, key, data, content_type)
        except self._failures as exc:
            raise StoreUnreachable("store") from exc

    async def get(self, key: str) -> StoredFile:
        try:
            return await asyncio.to_thread(self._get, key)
        except self._failures as exc:
            raise StoreUnreachable("read") from exc

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self._delete, key)
        except self._failures as exc:
            raise StoreUnreachable("delete") from exc


def _secret(value: Any) -> str | None:
    return None if value is None else str(value.get_secret_value())


@lru_cache(maxsize=16)
def _build(
    url: str,
    endpoint_url: str | None,
    region: str | None,
    access_key_id: str | None,
    secret_access_key: str | None,
) -> FileStore:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return LocalFileStore(Path(unquote(parts.path)))
    if parts.scheme == "s3":
        if not parts.netloc:
            raise StorageNotAvailable(
                "STAYKIT_STORAGE_URL: s3:// needs a bucket: s3://bucket/prefix"
            )
        return S3FileStore(
            parts.netloc,
            unquote(parts.path),
            endpoint_url=endpoint_url,
            region=region,
            access_key_id=access_key_id,
            secret_access_key=secret_access_key,
        )
    raise StorageNotAvailable(
        "STAYKIT_STORAGE_URL must start with file:// (a folder) or s3:// (a bucket)."
    )


def storage_url(settings: Settings) -> str:
    """The configured store's URL; unset, the `files` folder in the data directory."""
    if settings.storage_url:
        return settings.storage_url
    return (settings.data_dir / "files").resolve().as_uri()


def file_store(settings: Settings) -> FileStore:
    """The store for this configuration, made once and shared (an S3 client is costly)."""
    return _build(
        storage_url(settings),
        settings.s3_endpoint_url,
        settings.s3_region,
        _secret(settings.s3_access_key_id),
        _secret(settings.s3_secret_access_key),
    )


# --- what the domain packages call --------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """Where a file went and its fingerprint, for its metadata row."""

    key: str
    sha256: str


async def save(settings: Settings, folder: str, data: bytes, content_type: str) -> Saved:
    """Store new bytes under a fresh key in `folder` (e.g. "avatars"). Fresh keys are
    never reused, so a write never replaces a file another row still names. The object
    is written before the row's transaction commits: a rollback leaves an orphan object
    (harmless, unreferenced), never a row without its bytes."""
    key = f"{folder}/{uuid7().hex}"
    await file_store(settings).put(key, data, content_type)
    return Saved(key, hashlib.sha256(data).hexdigest())


async def load(settings: Settings, key: str | None, legacy: bytes | None) -> bytes:
    """A file's bytes: from the store when its row has a key, else the bytes the row
    still holds from before migration 0031. A row whose object is gone (erased, or lost
    with a rolled-back write) is a 404, not a 500."""
    if key is not None:
        try:
            return (await file_store(settings).get(key)).data
        except FileMissing:
            pass
    elif legacy is not None:
        return bytes(legacy)
    raise NotFound("This file's content is no longer stored.", code="fileNotStored")


async def by_access_key(
    session: AsyncSession, settings: Settings, model: Any, access_key: str, missing: NotFound
) -> tuple[str, bytes]:
    """(type, bytes) of the active row of `model` (a files table: access_key, mime_type,
    storage_key, file_data, is_active) with this access key, else `missing`."""
    row = (
        await session.execute(
            select(model.mime_type, model.storage_key, model.file_data).where(
                model.access_key == access_key, model.is_active
            )
        )
    ).first()
    if row is None:
        raise missing
    return row.mime_type, await load(settings, row.storage_key, row.file_data)


async def forget(settings: Settings, keys: list[str | None]) -> None:
    """Delete the objects of rows being erased or purged (missing ones are fine)."""
    store = file_store(settings)
    for key in keys:
        if key is not None:
            await store.delete(key)
