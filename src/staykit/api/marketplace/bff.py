"""The BFF service's index routes under /bff-service (spec §9): list (GET, and POST with
filters), count (GET and POST), schema, saved filters (GET, POST, DELETE) and get-by-id,
for each named index (ReservationDetailView, chatContext, ListingDetailView) and for any
index by name (`/{indexName}/...`: an unknown name is a 404).

Read-only (spec §1.12): every view is a query in staykit.domain.views; writes go through
the business services. The record sits under the index's name (`dataName`)."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from staykit.api.marketplace import bff_schemas as schemas
from staykit.api.marketplace.bff_params import FilterBody, Paged, Pages, SaveFilterBody, Searched
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import Paging, jsonable, respond
from staykit.api.marketplace.responses import READ, WRITE, described
from staykit.api.marketplace.responses import Access as A
from staykit.domain.access.principal import Principal
from staykit.domain.views import saved_filters
from staykit.domain.views.index import IndexView, ViewRecordNotFound
from staykit.domain.views.models import SavedFilter
from staykit.domain.views.registry import INDEXES, index

router = APIRouter()  # the named indexes
generic_router = APIRouter()  # /{indexName}/...: include after every fixed BFF path
FilterId = Annotated[uuid.UUID, Path(description="The saved filter's id")]
IndexName = Annotated[str, Path(max_length=60, description="An index: " + ", ".join(INDEXES) + ".")]


# --- what every route does, whichever index -------------------------------------------------


async def _list(ctx: Ctx, view: IndexView, params: Paged, filters: Any = None) -> JSONResponse:
    records, total = await view.list(
        ctx.session, ctx.actor or _login(ctx, view), params.query(filters)
    )
    return respond(
        ctx,
        view.name,
        jsonable(records),
        action="list",
        status=200,
        paging=Paging(params.page, params.limit, total),
    )


def _login(ctx: Ctx, view: IndexView) -> Principal | None:
    """No actor: the token's own 401 for a login-only index (a bad or no token)."""
    return ctx.user() if view.login_required else None


async def _count(ctx: Ctx, view: IndexView, params: Searched, filters: Any = None) -> JSONResponse:
    total = await view.count(ctx.session, ctx.actor or _login(ctx, view), params.query(filters))
    return respond(ctx, "count", total, action="count", status=200)


async def _get(ctx: Ctx, view: IndexView, record_id: uuid.UUID) -> JSONResponse:
    record = await view.get(ctx.session, ctx.actor or _login(ctx, view), record_id)
    return respond(ctx, view.name, jsonable(record))


def _saved(row: SavedFilter) -> dict[str, Any]:
    return jsonable(
        {
            "id": row.id,
            "indexName": row.index_name,
            "filterName": row.filter_name,
            "conditions": row.conditions,
            "isActive": row.is_active,
            "recordVersion": row.record_version,
            "createdAt": row.created_at,
            "updatedAt": row.updated_at,
            "_owner": row.owner_id,
        }
    )


async def _filters(ctx: Ctx, name: str, params: Pages) -> JSONResponse:
    rows, total = await saved_filters.page(ctx.session, ctx.user(), name, params.page, params.limit)
    return respond(
        ctx,
        "savedFilters",
        [_saved(r) for r in rows],
        action="list",
        status=200,
        paging=Paging(params.page, params.limit, total),
    )


async def _save(ctx: Ctx, name: str, body: SaveFilterBody) -> JSONResponse:
    command = saved_filters.NewSavedFilter(name, body.filter_name, body.chosen())
    row = await saved_filters.create(ctx.session, ctx.user(), command)
    return respond(ctx, "savedFilter", _saved(row), action="create", status=201)


async def _unsave(ctx: Ctx, name: str, filter_id: uuid.UUID) -> JSONResponse:
    row = await saved_filters.delete(ctx.session, ctx.user(), name, filter_id)
    return respond(ctx, "savedFilter", _saved(row), action="delete")


# --- the named indexes: the full route set, one loop ---------------------------------------------


def _named_routes(view: IndexView) -> None:
    name = view.name
    access = A.LOGIN if view.login_required else A.OPTIONAL
    page, one = schemas.page_of(name), schemas.one_of(name)
    tags: list[Any] = [name]
    RecordId = Annotated[uuid.UUID, Path(description=f"The {name} record's id")]

    @router.get(
        f"/{name}/list", tags=tags, summary=f"list{name}", **described(access, 400, model=page)
    )
    async def list_get(ctx: Context, params: Paged) -> JSONResponse:
        return await _list(ctx, view, params)

    @router.post(
        f"/{name}/list",
        tags=tags,
        summary=f"filter{name}",
        **described(access, 400, 413, model=page),
    )
    async def list_post(ctx: Context, params: Paged, body: FilterBody) -> JSONResponse:
        return await _list(ctx, view, params, body.filters)

    @router.get(
        f"/{name}/count",
        tags=tags,
        summary=f"count{name}",
        **described(access, 400, model=schemas.CountEnvelope),
    )
    async def count_get(ctx: Context, params: Searched) -> JSONResponse:
        return await _count(ctx, view, params)

    @router.post(
        f"/{name}/count",
        tags=tags,
        summary=f"countFiltered{name}",
        **described(access, 400, 413, model=schemas.CountEnvelope),
    )
    async def count_post(ctx: Context, params: Searched, body: FilterBody) -> JSONResponse:
        return await _count(ctx, view, params, body.filters)

    @router.get(
        f"/{name}/schema",
        tags=tags,
        summary=f"schema{name}",
        **described(A.PUBLIC, model=schemas.SchemaEnvelope),
    )
    async def schema(ctx: Context) -> JSONResponse:
        return respond(ctx, "indexSchema", view.schema())

    @router.get(
        f"/{name}/filters",
        tags=tags,
        summary=f"savedFilters{name}",
        **described(A.LOGIN, 400, model=schemas.SavedFilterPage),
    )
    async def filters_get(ctx: Context, params: Pages) -> JSONResponse:
        return await _filters(ctx, name, params)

    @router.post(
        f"/{name}/filters",
        tags=tags,
        summary=f"saveFilter{name}",
        status_code=201,
        **described(A.LOGIN, *WRITE, model=schemas.SavedFilterEnvelope),
    )
    async def filters_post(ctx: Context, body: SaveFilterBody) -> JSONResponse:
        return await _save(ctx, name, body)

    @router.delete(
        f"/{name}/filters/{{filterId}}",
        tags=tags,
        summary=f"deleteFilter{name}",
        **described(A.LOGIN, *READ, model=schemas.SavedFilterEnvelope),
    )
    async def filters_delete(ctx: Context, filterId: FilterId) -> JSONResponse:
        return await _unsave(ctx, name, filterId)

    @router.get(
        f"/{name}/{{id}}", tags=tags, summary=f"get{name}", **described(access, *READ, model=one)
    )
    async def get_one(ctx: Context, id: RecordId) -> JSONResponse:
        return await _get(ctx, view, id)


for _view in INDEXES.values():
    _named_routes(_view)


# --- any index by name ------------------------------------------------------------------------------

GENERIC: list[Any] = ["index"]  # FastAPI types tags as list[str | Enum]


@generic_router.get(
    "/{indexName}/list",
    tags=GENERIC,
    summary="listIndex",
    **described(A.OPTIONAL, 400, 401, 404, model=schemas.AnyPage),
)
async def generic_list(ctx: Context, indexName: IndexName, params: Paged) -> JSONResponse:
    return await _list(ctx, index(indexName), params)


@generic_router.post(
    "/{indexName}/list",
    tags=GENERIC,
    summary="filterIndex",
    **described(A.OPTIONAL, 400, 401, 404, 413, model=schemas.AnyPage),
)
async def generic_filter(
    ctx: Context, indexName: IndexName, params: Paged, body: FilterBody
) -> JSONResponse:
    return await _list(ctx, index(indexName), params, body.filters)


@generic_router.get(
    "/{indexName}/count",
    tags=GENERIC,
    summary="countIndex",
    **described(A.OPTIONAL, 400, 401, 404, model=schemas.CountEnvelope),
)
async def generic_count(ctx: Context, indexName: IndexName, params: Searched) -> JSONResponse:
    return await _count(ctx, index(indexName), params)


@generic_router.post(
    "/{indexName}/count",
    tags=GENERIC,
    summary="countFilteredIndex",
    **described(A.OPTIONAL, 400, 401, 404, 413, model=schemas.CountEnvelope),
)
async def generic_count_filtered(
    ctx: Context, indexName: IndexName, params: Searched, body: FilterBody
) -> JSONResponse:
    return await _count(ctx, index(indexName), params, body.filters)


@generic_router.get(
    "/{indexName}/schema",
    tags=GENERIC,
    summary="schemaIndex",
    **described(A.PUBLIC, 400, 404, model=schemas.SchemaEnvelope),
)
async def generic_schema(ctx: Context, indexName: IndexName) -> JSONResponse:
    return respond(ctx, "indexSchema", index(indexName).schema())


@generic_router.get(
    "/{indexName}/filters",
    tags=GENERIC,
    summary="savedFiltersIndex",
    **described(A.LOGIN, 400, 404, model=schemas.SavedFilterPage),
)
async def generic_filters(ctx: Context, indexName: IndexName, params: Pages) -> JSONResponse:
    return await _filters(ctx, indexName, params)


@generic_router.post(
    "/{indexName}/filters",
    tags=GENERIC,
    summary="saveFilterIndex",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=schemas.SavedFilterEnvelope),
)
async def generic_save(ctx: Context, indexName: IndexName, body: SaveFilterBody) -> JSONResponse:
    return await _save(ctx, indexName, body)


@generic_router.delete(
    "/{indexName}/filters/{filterId}",
    tags=GENERIC,
    summary="deleteFilterIndex",
    **described(A.LOGIN, *READ, model=schemas.SavedFilterEnvelope),
)
async def generic_unsave(
    ctx: Context,
    indexName: IndexName,
    filterId: Annotated[str, Path(max_length=60, description="The saved filter's id")],
) -> JSONResponse:
    return await _unsave(ctx, indexName, _uuid(filterId, "filter_id"))


@generic_router.get(
    "/{indexName}/{id}",
    tags=GENERIC,
    summary="getIndexRecord",
    **described(A.OPTIONAL, 400, 401, 404, model=schemas.AnyOne),
)
async def generic_get(
    ctx: Context,
    indexName: IndexName,
    id: Annotated[str, Path(max_length=60, description="The record's id")],
) -> JSONResponse:
    view = index(indexName)
    return await _get(ctx, view, _uuid(id, "id", view))


def _uuid(raw: str, field: str, view: IndexView | None = None) -> uuid.UUID:
    """An id given as a string (the generic routes' path): one that is no UUID names no
    record, so it is a 404 like an unknown one."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        if view is not None:
            raise ViewRecordNotFound(
                f"{view.name} has no record {raw[:40]!r}.", field=field
            ) from None
        raise saved_filters.SavedFilterNotFound(
            f"No saved filter {raw[:40]!r}.", field=field
        ) from None
