"""Development-only pages: the mailbox of messages staykit would have sent."""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from staykit.core.db import unit_of_work
from staykit.domain.notifications.service import list_mailbox

router = APIRouter(prefix="/dev", include_in_schema=False)


@router.get("/mailbox")
async def mailbox(request: Request, format: str = "html") -> Response:
    async with unit_of_work(request.app.state.sessionmaker) as session:
        rows = await list_mailbox(session)
    items: list[dict[str, Any]] = [
        {
            "id": str(m.id),
            "channel": m.channel,
            "to": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "purpose": m.purpose,
            "status": m.status,
            "createdAt": m.created_at.isoformat(),
        }
        for m in rows
    ]
    if format == "json":
        return JSONResponse({"messages": items})
    cards = "".join(
        f"<article><h3>{html.escape(i['subject'] or i['purpose'])}</h3>"
        f"<p><b>{i['channel']}</b> to {html.escape(i['to'])} · {i['status']} · {i['createdAt']}</p>"
        f"<pre>{html.escape(i['body'] or '')}</pre></article>"
        for i in items
    )
    return HTMLResponse(
        "<!doctype html><meta charset='utf-8'><title>staykit mailbox</title>"
        "<style>body{font-family:system-ui;max-width:50rem;margin:2rem auto}"
        "article{border:1px solid #ddd;border-radius:6px;padding:0 1rem;margin:1rem 0}</style>"
        f"<h1>Development mailbox</h1><p>{len(items)} messages</p>{cards}"
    )
