"""What the public file downloads share (avatars, listing photos): the access key in the
path and the answer, cacheable and never sniffed as another type."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

AccessKey = Annotated[str, Path(min_length=12, max_length=12, pattern=r"^[A-Za-z0-9]+$")]
DOWNLOAD_CONTENT = {200: {"image/*": {"schema": {"type": "string"}}}}


def file_answer(mime: str, data: bytes) -> Response:
    return Response(
        data,
        media_type=mime,
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
