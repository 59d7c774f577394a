"""The BFF's named indexes, by the name the URL uses (exact case)."""

from __future__ import annotations

from staykit.core.errors import NotFound
from staykit.domain.views import chat_context, listing_detail, reservation_detail
from staykit.domain.views.index import IndexNotFound, IndexView

INDEXES: dict[str, IndexView] = {
    view.name: view for view in (reservation_detail.VIEW, chat_context.VIEW, listing_detail.VIEW)
}


def index(name: str) -> IndexView:
    """The index called `name`; 404 naming the known ones otherwise."""
    view = INDEXES.get(name)
    if view is None:
        shown = name if len(name) <= 60 and name.isidentifier() else "(not shown)"
        raise IndexNotFound(
            f"No index {shown}; the indexes are {', '.join(INDEXES)}.", field="indexName"
        )
    return view


__all__ = ["INDEXES", "NotFound", "index"]
