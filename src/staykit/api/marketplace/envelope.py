"""The marketplace success envelope (spec §1.6) and record serialisation (§1.8)."""

from __future__ import annotations

import math
import re
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fastapi.responses import JSONResponse

from staykit import __version__
from staykit.api.marketplace.context import Ctx
from staykit.core import money


def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def number(value: Decimal) -> int | float:
    """The marketplace's one way to write a decimal: a JSON number without trailing zeros
    (12000, 99.5). Amounts stay far below 2**53 minor units, so a float prints back the
    same decimals."""
    return int(value) if value == value.to_integral_value() else float(value)


def money_json(value: Decimal | None, currency: str) -> int | float | None:
    """An amount rounded to the currency's minor unit, written as `number` writes it."""
    return None if value is None else number(money.quantize(value, currency))


def numbers_in(obj: Any, keys: tuple[str, ...]) -> Any:
    """Stored JSON objects (policies, seasonal rules) keep decimals as strings; the API
    writes the values under `keys` as numbers, like every other decimal."""
    if isinstance(obj, dict):
        return {
            k: (
                number(Decimal(v))
                if k in keys and isinstance(v, str) and _DECIMAL.fullmatch(v)
                else numbers_in(v, keys)
            )
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [numbers_in(v, keys) for v in obj]
    return obj


_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@dataclass(frozen=True)
class Field:
    """One serialised property: JSON name, model attribute, and enum values for `<name>_idx`."""

    name: str
    attr: str
    enum: tuple[str, ...] = ()


RECORD_FIELDS = (
    Field("isActive", "is_active"),
    Field("recordVersion", "record_version"),
    Field("createdAt", "created_at"),
    Field("updatedAt", "updated_at"),
    Field("_owner", "owner_id"),
)


def shape(obj: Any, fields: Sequence[Field], *, record: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"id": str(obj.id)}
    for f in fields:
        value = getattr(obj, f.attr)
        out[f.name] = jsonable(value)
        if f.enum:
            out[f"{f.name}_idx"] = f.enum.index(value) if value in f.enum else None
    if record:
        for f in RECORD_FIELDS:
            out[f.name] = jsonable(getattr(obj, f.attr))
    return out


@dataclass
class Paging:
    page_number: int
    page_row_count: int
    total_row_count: int

    def as_dict(self) -> dict[str, int]:
        count = (
            1
            if self.page_number == 0
            else max(1, math.ceil(self.total_row_count / max(1, self.page_row_count)))
        )
        return {
            "pageNumber": self.page_number,
            "pageRowCount": self.page_row_count,
            "totalRowCount": self.total_row_count,
            "pageCount": count,
        }


ACTIONS = {"GET": "get", "POST": "create", "PATCH": "update", "PUT": "update", "DELETE": "delete"}


def respond(
    ctx: Ctx,
    data_name: str,
    data: Any,
    *,
    action: str | None = None,
    status: int | None = None,
    paging: Paging | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    method = ctx.request.method
    action = action or ACTIONS.get(method, "get")
    status = status or (201 if action == "create" else 200)
    body: dict[str, Any] = {
        "status": "OK",
        "statusCode": status,
        "elapsedMs": int((time.perf_counter() - ctx.started) * 1000),
        "ssoTime": ctx.sso_ms,
        "source": "db",
        "cacheKey": None,
        "userId": str(ctx.actor.user_id) if ctx.actor else None,
        "sessionId": str(ctx.actor.session_id) if ctx.actor and ctx.actor.session_id else None,
        "requestId": ctx.request_id,
        "dataName": data_name,
        "method": method,
        "action": action,
        "appVersion": __version__,
        "rowCount": len(data) if isinstance(data, list) else (0 if data is None else 1),
        data_name: data,
    }
    if paging is not None:
        body["paging"] = paging.as_dict()
        body["filters"] = []
        body["uiPermissions"] = []
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers={"X-Request-Id": ctx.request_id})


def shape_all(rows: Iterable[Any], fields: Sequence[Field]) -> list[dict[str, Any]]:
    return [shape(r, fields) for r in rows]
