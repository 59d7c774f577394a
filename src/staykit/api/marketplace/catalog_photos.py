"""Listing photos under /propertycatalog-api: the public download by access key (the
address a listing's `photos` hold). Uploads are the host pages' (staykit.api.host)."""

# No `from __future__ import annotations` (see resource.py).

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from staykit.api.marketplace.context import Context
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described
from staykit.domain.catalog import photos

router = APIRouter()


@router.get(
    "/v1/listingphotos/download/{accessKey}",
    tags=["listings"],
    summary="downloadListingPhoto",
    response_class=Response,
    **described(A.PUBLIC, 400, 404, content={200: {"image/*": {"schema": {"type": "string"}}}}),
)
async def download_listing_photo(
    ctx: Context,
    accessKey: Annotated[str, Path(min_length=12, max_length=12, pattern=r"^[A-Za-z0-9]+$")],
) -> Response:
    """A listing photo (staykit addition: the seed stores photo URLs only)."""
    mime, data = await photos.by_access_key(ctx.session, ctx.settings, accessKey)
    return Response(
        data,
        media_type=mime,
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
