"""Avatar files under /auth-api: upload (a staykit addition), get, list, delete (which
also resets the user's avatar) and the public download by access key."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, UploadFile
from fastapi.responses import JSONResponse, Response

from staykit.api.marketplace.context import Context
from staykit.api.marketplace.envelope import Field, respond, shape
from staykit.api.marketplace.files import DOWNLOAD_CONTENT, AccessKey, file_answer
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, columns_filters, mount
from staykit.api.marketplace.responses import DELETE, described, envelope, record_model
from staykit.api.marketplace.responses import Access as A
from staykit.core.schemas import parse_json_object
from staykit.domain.auth import avatars
from staykit.domain.auth.avatars import AVATARS
from staykit.domain.auth.models import UserAvatarsFile

router = APIRouter()


def _avatar_shape(obj: UserAvatarsFile) -> dict[str, Any]:
    out = shape(obj, AVATAR_FIELDS)
    out["downloadUrl"] = avatars.download_path(obj.access_key)
    return out


AVATAR_FIELDS = (
    Field("fileName", "file_name"),
    Field("mimeType", "mime_type"),
    Field("fileSize", "file_size"),
    Field("accessKey", "access_key"),
    Field("ownerId", "owner_id"),
    Field("metadata", "metadata_"),
    Field("userId", "user_id"),
)

avatars_resource = Resource(
    name="userAvatarsFile",
    plural="userAvatarsFiles",
    records=AVATARS,
    id_param="userAvatarsFileId",
    fields=AVATAR_FIELDS,
    filters=columns_filters(
        UserAvatarsFile,
        {
            "mimeType": ("mime_type", Kind.STRING),
            "ownerId": ("owner_id", Kind.ID),
            "userId": ("user_id", Kind.ID),
        },
    ),
    shape_one=_avatar_shape,
)
AVATAR = record_model("UserAvatarsFile", AVATAR_FIELDS, UserAvatarsFile, extra={"downloadUrl": str})
ONE = envelope("userAvatarsFile", AVATAR)

mount(
    router,
    avatars_resource,
    "/v1/useravatarsfiles",
    ops=("get", "list"),  # delete is below: it also resets a user's avatar
    tags=["userAvatarsFiles"],
    record=AVATAR,
)


@router.post(
    "/v1/useravatarsfiles",
    tags=["userAvatarsFiles"],
    summary="uploadUserAvatarsFile",
    status_code=201,
    **described(A.LOGIN, 400, 404, 413, 415, model=ONE),
)
async def upload_avatar(
    ctx: Context,
    file: Annotated[UploadFile, File(description="PNG, JPEG, GIF or WebP image")],
    userId: Annotated[uuid.UUID | None, Form()] = None,
    metadata: Annotated[str | None, Form(max_length=10_000)] = None,
    setAsAvatar: Annotated[bool, Form()] = True,
) -> JSONResponse:
    """Upload an avatar image (staykit addition: the seed documents no upload route)."""
    meta = parse_json_object(metadata, "metadata") if metadata else None
    data = await file.read(ctx.settings.max_upload_bytes + 1)
    row = await avatars.upload(
        ctx.session,
        ctx.user(),
        ctx.settings,
        file_name=file.filename or "avatar",
        data=data,
        user_id=userId,
        metadata=meta,
        set_as_avatar=setAsAvatar,
    )
    return respond(ctx, "userAvatarsFile", _avatar_shape(row), action="create")


@router.delete(
    "/v1/useravatarsfiles/{userAvatarsFileId}",
    tags=["userAvatarsFiles"],
    summary="deleteUserAvatarsFile",
    **described(A.LOGIN, *DELETE, model=ONE),
)
async def delete_avatar_file(
    ctx: Context,
    userAvatarsFileId: Annotated[uuid.UUID, Path(description="The userAvatarsFileId")],
) -> JSONResponse:
    row = await avatars.delete_file(ctx.session, ctx.user(), ctx.settings, userAvatarsFileId)
    return respond(ctx, "userAvatarsFile", _avatar_shape(row), action="delete")


@router.get(
    "/v1/useravatarsfiles/download/{accessKey}",
    tags=["userAvatarsFiles"],
    summary="downloadUserAvatarsFile",
    response_class=Response,
    **described(A.PUBLIC, 400, 404, content=DOWNLOAD_CONTENT),
)
async def download_avatar(ctx: Context, accessKey: AccessKey) -> Response:
    return file_answer(*await avatars.by_access_key(ctx.session, ctx.settings, accessKey))
