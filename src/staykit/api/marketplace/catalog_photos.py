"""Listing photos under /propertycatalog-api: the public download by access key (the
address a listing's `photos` hold). Uploads are the host pages' (staykit.api.host)."""

# No `from __future__ import annotations` (see resource.py).

from fastapi import APIRouter
from fastapi.responses import Response

from staykit.api.marketplace.context import Context
from staykit.api.marketplace.files import DOWNLOAD_CONTENT, AccessKey, file_answer
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described
from staykit.domain.catalog import photos

router = APIRouter()


@router.get(
    "/v1/listingphotos/download/{accessKey}",
    tags=["listings"],
    summary="downloadListingPhoto",
    response_class=Response,
    **described(A.PUBLIC, 400, 404, content=DOWNLOAD_CONTENT),
)
async def download_listing_photo(ctx: Context, accessKey: AccessKey) -> Response:
    """A listing photo (staykit addition: the seed stores photo URLs only)."""
    return file_answer(*await photos.by_access_key(ctx.session, ctx.settings, accessKey))
