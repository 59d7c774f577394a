"""The declarative resource layer: one definition -> list/get/create/update/delete routes.

A `Resource` is the marketplace side of a plain table: its dataName, path parameter,
fields, list filters (§1.5), request bodies and shaping. Every generated route speaks the
marketplace conventions (the envelope, the common query parameters of §1.4, paging) and
calls the table's domain service (`staykit.domain.records.Records`), which owns who may
read and write rows, their rules and the soft delete. Rules-heavy routes are written by
hand over services; this layer is for the plain-CRUD ones.
"""

# No `from __future__ import annotations`: FastAPI must see the real body classes that
# generated endpoints are annotated with.

import inspect
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Select

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import Field, Paging, respond, shape
from staykit.api.marketplace.responses import (
    DELETE,
    READ,
    Access,
    described,
    envelope,
    record_model,
)
from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.records import Records, anyone

Joins = Callable[[Ctx, list[Any], list[dict[str, Any]]], Awaitable[None]]
ShapeRows = Callable[[Ctx, list[Any]], Awaitable[list[dict[str, Any]]]]


@runtime_checkable
class CommandBody(Protocol):
    """A request body that turns itself into the domain's command (`to_command`); the
    generic routes hand that to the records service instead of the body's fields."""

    def to_command(self) -> Any: ...


@dataclass(frozen=True)
class Resource:
    """What one marketplace resource looks like; who may touch its rows and their rules
    are the domain's (`records`)."""

    name: str  # dataName of one record, e.g. "userGroup"
    plural: str  # dataName of a list, e.g. "userGroups"
    records: Records
    id_param: str  # path parameter, e.g. "userGroupId"
    fields: Sequence[Field] = ()
    filters: dict[str, flt.FilterSpec] = field(default_factory=dict)
    create_schema: type[Input] | None = None
    update_schema: type[Input] | None = None
    joins: Joins | None = None  # add associations to shaped rows when getJoins=true
    # shapes one row; default: `fields`
    shape_one: Callable[[Any], dict[str, Any]] | None = None
    # shapes rows at once (when shaping needs other tables or the caller); wins over shape_one
    shape_rows: ShapeRows | None = None

    @property
    def model(self) -> type[Any]:
        return self.records.model

    def shape(self, obj: Any) -> dict[str, Any]:
        if self.shape_one is not None:
            return self.shape_one(obj)
        return shape(obj, self.fields)

    async def shape_all(self, ctx: Ctx, rows: list[Any]) -> list[dict[str, Any]]:
        if self.shape_rows is not None:
            return await self.shape_rows(ctx, rows)
        return [self.shape(r) for r in rows]


# --- common query parameters (§1.4) ----------------------------------------------------


def _bool_param(ctx: Ctx, name: str, default: bool) -> bool:
    raw = ctx.request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise InvalidInput(f"{name} must be true or false.", code=f"{name}IsInvalid", field=name)


def _int_param(ctx: Ctx, name: str, default: int, lo: int, hi: int) -> int:
    raw = ctx.request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(
            f"{name} must be a whole number.", code=f"{name}IsInvalid", field=name
        ) from None
    if not lo <= value <= hi:
        raise InvalidInput(
            f"{name} must be between {lo} and {hi}.", code=f"{name}IsOutOfRange", field=name
        )
    return value


@dataclass
class ListParams:
    page_number: int
    page_row_count: int
    get_joins: bool


def list_params(ctx: Ctx) -> ListParams:
    cap = ctx.settings.max_page_rows
    params = ListParams(
        page_number=_int_param(ctx, "pageNumber", 1, 0, 1_000_000),
        page_row_count=_int_param(ctx, "pageRowCount", 25, 1, cap),
        get_joins=_bool_param(ctx, "getJoins", True),
    )
    _bool_param(ctx, "excludeCQRS", False)
    _bool_param(ctx, "caching", True)
    _int_param(ctx, "cacheTTL", 300, 0, 86_400)
    return params


# --- OpenAPI description of the same parameters ---------------------------------------------

_BOOL: dict[str, Any] = {"type": "boolean"}
_FILTER_SCHEMAS: dict[flt.Kind, dict[str, Any]] = {
    flt.Kind.STRING: {"type": "string", "maxLength": 500},
    flt.Kind.ID: {"type": "string", "format": "uuid"},
    flt.Kind.BOOL: _BOOL,
    flt.Kind.INT: {"type": "string", "maxLength": 500},
    flt.Kind.DOUBLE: {"type": "string", "maxLength": 500},
    flt.Kind.DATE: {"type": "string", "maxLength": 500},
    flt.Kind.DATETIME: {"type": "string", "maxLength": 500},
    flt.Kind.OBJECT: {"type": "string", "maxLength": 500},
}
_FILTER_HELP = {
    flt.Kind.STRING: "partial, case-insensitive match",
    flt.Kind.ID: "exact id",
    flt.Kind.ENUM: "exact, case-insensitive",
    flt.Kind.BOOL: "true or false",
    flt.Kind.INT: "a number, or $lt-v $lte-v $gt-v $gte-v $btw-min-max",
    flt.Kind.DOUBLE: "a number, or $lt-v $lte-v $gt-v $gte-v $btw-min-max",
    flt.Kind.DATE: "YYYY-MM-DD, $today $ltoday $week $lweek $month $leq-<d> $lin-<d> $btw-<d>-<d>",
    flt.Kind.DATETIME: "a UTC date: YYYY-MM-DD, $today $ltoday $week $lweek $month ...",
    flt.Kind.OBJECT: "$exists",
}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def read_parameters() -> list[dict[str, Any]]:
    """The common query parameters (§1.4) of a get route, as OpenAPI parameter objects."""
    return [
        _query("getJoins", _BOOL, "Include associations (default true)."),
        _query("excludeCQRS", _BOOL, "Drop non-local joins (default false)."),
        _query("caching", _BOOL, "false bypasses the query cache (default true)."),
        _query("requestId", {"type": "string", "maxLength": 64}, "Echoed for log tracing."),
    ]


def list_parameters(
    res: Resource, extra_filters: dict[str, flt.FilterSpec] | None = None
) -> list[dict[str, Any]]:
    """Paging, common parameters and every filter of a list route (§1.4, §1.5)."""
    params = [
        _query("pageNumber", {"type": "integer", "minimum": 0}, "1-based; 0 = every row."),
        _query("pageRowCount", {"type": "integer", "minimum": 1}, "Rows per page (25)."),
        _query("cacheTTL", {"type": "integer", "minimum": 0, "maximum": 86_400}, "Seconds."),
        *read_parameters(),
    ]
    for name, spec in {**res.filters, **(extra_filters or {})}.items():
        item = dict(_FILTER_SCHEMAS.get(spec.kind, {"type": "string"}))
        if spec.kind is flt.Kind.ENUM:
            item = (
                {"type": "string", "enum": [*spec.enum_values, "null"]}
                if spec.enum_values
                else {"type": "string"}
            )
        help_text = f"Filter: {_FILTER_HELP[spec.kind]}; repeat to OR values; `null` matches none."
        params.append(
            {
                **_query(name, {"type": "array", "items": item}, help_text),
                "style": "form",
                "explode": True,
            }
        )
    params.append(_query("isActive", _BOOL, "Admins: false lists soft-deleted rows."))
    return params


def get_joins(ctx: Ctx) -> bool:
    _bool_param(ctx, "excludeCQRS", False)
    _bool_param(ctx, "caching", True)
    return _bool_param(ctx, "getJoins", True)


# --- generic operations (usable by hand-written routes too) ----------------------------


def _command(body: Input, *, partial: bool) -> Any:
    if isinstance(body, CommandBody):
        return body.to_command()
    return body.provided() if partial else body.model_dump()


async def list_records(
    ctx: Ctx,
    res: Resource,
    *,
    base: Select[Any] | None = None,
    extra_filters: dict[str, flt.FilterSpec] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """One page of the resource's rows in the envelope; `extra` adds top-level keys."""
    params = list_params(ctx)
    specs = {**res.filters, **(extra_filters or {})}
    query = list(ctx.request.query_params.multi_items())
    conditions = flt.build(specs, query)
    # Admins may ask for soft-deleted rows with isActive (the domain refuses others).
    inactive = (
        ctx.actor is not None and ctx.actor.is_admin and "isActive" in ctx.request.query_params
    )
    if inactive:
        conditions += flt.build(
            {"isActive": flt.FilterSpec("isActive", res.model.is_active, flt.Kind.BOOL)}, query
        )
    page = await res.records.page(
        ctx.session,
        ctx.actor,
        conditions=conditions,
        base=base,
        page_number=params.page_number,
        page_row_count=params.page_row_count,
        max_rows=ctx.settings.max_page_rows,
        inactive=inactive,
    )
    shaped = await res.shape_all(ctx, page.rows)
    if params.get_joins and res.joins is not None and page.rows:
        await res.joins(ctx, page.rows, shaped)
    page_rows = (
        params.page_row_count if params.page_number else min(page.total, ctx.settings.max_page_rows)
    )
    return respond(
        ctx,
        res.plural,
        shaped,
        action="list",
        paging=Paging(params.page_number, page_rows, page.total),
        extra=extra,
    )


async def _one(ctx: Ctx, res: Resource, obj: Any) -> dict[str, Any]:
    return (await res.shape_all(ctx, [obj]))[0]


async def get_record(ctx: Ctx, res: Resource, obj_id: uuid.UUID) -> JSONResponse:
    joins = get_joins(ctx)
    obj = await res.records.get(ctx.session, ctx.actor, obj_id)
    shaped = await _one(ctx, res, obj)
    if joins and res.joins is not None:
        await res.joins(ctx, [obj], [shaped])
    return respond(ctx, res.name, shaped, action="get")


async def create_record(ctx: Ctx, res: Resource, body: Input) -> JSONResponse:
    obj = await res.records.create(ctx.session, ctx.actor, _command(body, partial=False))
    return respond(ctx, res.name, await _one(ctx, res, obj), action="create", status=201)


async def update_record(ctx: Ctx, res: Resource, obj_id: uuid.UUID, body: Input) -> JSONResponse:
    command = _command(body, partial=True)
    obj = await res.records.update(ctx.session, ctx.actor, obj_id, command)
    return respond(ctx, res.name, await _one(ctx, res, obj), action="update")


async def delete_record(ctx: Ctx, res: Resource, obj_id: uuid.UUID) -> JSONResponse:
    obj = await res.records.delete(ctx.session, ctx.actor, obj_id)
    return respond(ctx, res.name, await _one(ctx, res, obj), action="delete")


# --- route generation ---------------------------------------------------------------------


def _endpoint(
    fn: Callable[..., Awaitable[JSONResponse]],
    *,
    id_param: str | None = None,
    body: type[Input] | None = None,
    name: str,
) -> Callable[..., Awaitable[JSONResponse]]:
    params = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=Context)]
    if id_param:
        params.append(
            inspect.Parameter(
                id_param,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=uuid.UUID,
                default=Path(..., description=f"The {id_param}"),
            )
        )
    if body is not None:
        params.append(inspect.Parameter("body", inspect.Parameter.KEYWORD_ONLY, annotation=body))

    async def endpoint(**kwargs: Any) -> JSONResponse:
        return await fn(**kwargs)

    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = name
    return endpoint


def _access(rule: Any, row_rule: Any = None, *, lists: bool = False, reads: bool = False) -> Access:
    """A caller rule other than `anyone` may refuse (401 without a login, 403 otherwise),
    and so may a rule on the row of a change. A rule on the row of a read only hides rows
    (anonymous callers see the public ones), and a list still shows an admin more
    (isActive=false): a token matters there, but is not required."""
    if rule is not anyone:
        return Access.LOGIN
    if row_rule is not None:
        return Access.OPTIONAL if reads else Access.LOGIN
    return Access.OPTIONAL if lists else Access.PUBLIC


def resource_record(res: Resource) -> type[BaseModel]:
    """The record model of a resource's rows, built from its Field list and model."""
    return record_model(f"{res.name[0].upper()}{res.name[1:]}", res.fields, res.model)


def mount(
    router: APIRouter,
    res: Resource,
    path: str,
    *,
    ops: Sequence[str] = ("list", "get", "create", "update", "delete"),
    names: dict[str, str] | None = None,
    item_path: str | None = None,
    tags: Sequence[str] = (),
    record: type[BaseModel] | None = None,
) -> None:
    """Add the resource's routes: `path` for list/create, `item_path` for the rest. Each
    declares its envelope (with `record`, by default built from the resource's fields),
    the errors it can answer and whether it needs a login."""
    names = names or {}
    item = item_path or f"{path}/{{{res.id_param}}}"
    tag_list: list[str | Enum] = [*tags] or [res.plural]
    record = record or resource_record(res)
    one = envelope(res.name, record)
    rec = res.records
    writes_refs = rec.before_create is not None or bool(rec.unique)
    if "list" in ops:

        async def _list(ctx: Ctx) -> JSONResponse:
            return await list_records(ctx, res)

        n = names.get("list", f"list{res.plural[0].upper()}{res.plural[1:]}")
        router.add_api_route(
            path,
            _endpoint(_list, name=n),
            methods=["GET"],
            name=n,
            summary=n,
            tags=tag_list,
            **described(
                _access(rec.may_read, lists=True),
                400,
                model=envelope(res.plural, record, "page"),
                parameters=list_parameters(res),
            ),
        )
    if "get" in ops:

        async def _get(ctx: Ctx, **kw: Any) -> JSONResponse:
            return await get_record(ctx, res, kw[res.id_param])

        n = names.get("get", f"get{res.name[0].upper()}{res.name[1:]}")
        router.add_api_route(
            item,
            _endpoint(_get, id_param=res.id_param, name=n),
            methods=["GET"],
            name=n,
            summary=n,
            tags=tag_list,
            **described(
                _access(rec.may_read, rec.check_read, reads=True),
                *READ,
                model=one,
                parameters=read_parameters(),
            ),
        )
    if "create" in ops and res.create_schema is not None:

        async def _create(ctx: Ctx, body: Input) -> JSONResponse:
            return await create_record(ctx, res, body)

        n = names.get("create", f"create{res.name[0].upper()}{res.name[1:]}")
        router.add_api_route(
            path,
            _endpoint(_create, body=res.create_schema, name=n),
            methods=["POST"],
            name=n,
            summary=n,
            status_code=201,
            tags=tag_list,
            **described(
                _access(rec.may_create),
                400,
                413,
                *((404, 409) if writes_refs else ()),
                model=one,
            ),
        )
    if "update" in ops and res.update_schema is not None:

        async def _update(ctx: Ctx, body: Input, **kw: Any) -> JSONResponse:
            return await update_record(ctx, res, kw[res.id_param], body)

        n = names.get("update", f"update{res.name[0].upper()}{res.name[1:]}")
        router.add_api_route(
            item,
            _endpoint(_update, id_param=res.id_param, body=res.update_schema, name=n),
            methods=["PATCH"],
            name=n,
            summary=n,
            tags=tag_list,
            # 409: a unique rule, or a concurrent change of the same record
            **described(_access(rec.may_update, rec.check_change), *READ, 409, 413, model=one),
        )
    if "delete" in ops:

        async def _delete(ctx: Ctx, **kw: Any) -> JSONResponse:
            return await delete_record(ctx, res, kw[res.id_param])

        n = names.get("delete", f"delete{res.name[0].upper()}{res.name[1:]}")
        router.add_api_route(
            item,
            _endpoint(_delete, id_param=res.id_param, name=n),
            methods=["DELETE"],
            name=n,
            summary=n,
            tags=tag_list,
            **described(_access(rec.may_delete, rec.check_change), *DELETE, model=one),
        )


def columns_filters(
    model: type[Any], spec: dict[str, tuple[str, flt.Kind] | tuple[str, flt.Kind, tuple[str, ...]]]
) -> dict[str, flt.FilterSpec]:
    """{jsonName: (attribute, kind[, enum values])} -> filter specs."""
    out = {}
    for name, item in spec.items():
        attr, kind = item[0], item[1]
        enum = item[2] if len(item) > 2 else ()
        out[name] = flt.FilterSpec(name, getattr(model, attr), kind, enum)
    return out
