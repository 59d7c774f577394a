"""A marketplace service: a sub-application mounted at its prefix (e.g. /auth-api) with the
default routes every service has (spec §1.9): health, swagger, the Postman collection,
the current session, and the caller's permissions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import text

from staykit import __version__
from staykit.api import openapi
from staykit.api.apps import swagger_page
from staykit.api.marketplace.context import Context, DbSession
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import (
    AdminHealth,
    Grant,
    Health,
    PermissionCheck,
    PostmanCollection,
    SessionObject,
    described,
    security_schemes,
)
from staykit.domain.auth import permissions, sessions

NO_LOGIN = {"status": "ERR", "message": "No login found"}

FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" '
    b'rx="3" fill="#0f766e"/><path d="M3 9l5-5 5 5v4H3z" fill="#fff"/></svg>'
)


def default_routes(name: str) -> APIRouter:
    router = APIRouter()

    @router.get("/health", tags=["default"], summary="health", **described(A.PUBLIC, model=Health))
    async def health() -> JSONResponse:
        return JSONResponse({"status": "OK", "service": name, "version": __version__})

    @router.get(
        "/admin/health",
        tags=["default"],
        summary="adminHealth",
        responses={503: {"model": AdminHealth, "description": "A check failed."}},
        openapi_extra={"security": []},
        response_model=AdminHealth,
    )
    async def admin_health(session: DbSession) -> JSONResponse:
        try:
            await session.execute(text("SELECT 1"))
            db = "OK"
        except Exception:  # report, don't raise: this is the health check
            db = "ERR"
        code = 200 if db == "OK" else 503
        return JSONResponse(
            {
                "status": "OK" if code == 200 else "ERR",
                "service": name,
                "version": __version__,
                "checks": {"database": db},
            },
            status_code=code,
        )

    @router.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml")

    @router.get(
        "/currentuser",
        tags=["default"],
        summary="currentuser",
        **described(A.LOGIN, model=SessionObject, session_401=True),
    )
    async def current_user(ctx: Context) -> JSONResponse:
        if ctx.actor is None:
            return JSONResponse(NO_LOGIN, status_code=401)
        user, auth_session = await sessions.current_session(ctx.session, ctx.actor)
        return JSONResponse(sessions.session_object(user, auth_session, ctx.token, None))

    @router.get(
        "/permissions",
        tags=["default"],
        summary="permissions",
        **described(A.LOGIN, model=list[Grant], session_401=True),
    )
    async def list_permissions(ctx: Context) -> JSONResponse:
        if ctx.actor is None:
            return JSONResponse(NO_LOGIN, status_code=401)
        grants = await permissions.grants_for(ctx.session, ctx.user())
        return JSONResponse([permissions.shape(g) for g in grants])

    @router.get(
        "/permissions/{permissionName}",
        tags=["default"],
        summary="permissionScope",
        **described(A.LOGIN, 400, model=PermissionCheck, session_401=True),
    )
    async def permission_scope(ctx: Context, permissionName: str) -> JSONResponse:
        if ctx.actor is None:
            return JSONResponse(NO_LOGIN, status_code=401)
        return JSONResponse(await permissions.check(ctx.session, ctx.user(), permissionName))

    return router


class Service:
    """One marketplace service (e.g. auth at /auth-api): a router with the default routes,
    its own OpenAPI document, Swagger page and Postman collection. The app includes every
    service's router, so all services share one middleware stack."""

    def __init__(self, name: str, prefix: str, description: str, token_name: str) -> None:
        self.name = name
        self.prefix = prefix
        self.description = description
        self.token_name = token_name
        self.router = APIRouter()
        self.router.include_router(default_routes(name))
        self._openapi: dict[str, Any] | None = None
        self._add_doc_routes()

    def include_router(self, router: APIRouter) -> None:
        self.router.include_router(router)
        self._openapi = None

    def openapi(self) -> dict[str, Any]:
        """The service's document: every operation with its 2xx body, the marketplace
        error body for each status it can answer (no 422: bad input is a 400) and its
        security requirement, the token schemes under components.securitySchemes."""
        if self._openapi is None:
            doc = openapi.without_422(
                get_openapi(
                    title=f"staykit {self.name} service",
                    version=__version__,
                    description=self.description,
                    routes=self.router.routes,
                    servers=[{"url": self.prefix}],
                )
            )
            doc.setdefault("components", {})["securitySchemes"] = security_schemes(self.token_name)
            self._openapi = doc
        return self._openapi

    def _add_doc_routes(self) -> None:
        name, prefix, router = self.name, self.prefix, self.router

        @router.get("/openapi.json", include_in_schema=False)
        async def openapi_json() -> JSONResponse:
            return JSONResponse(self.openapi())

        @router.get("/swagger", include_in_schema=False)
        async def swagger() -> HTMLResponse:
            return swagger_page(f"{prefix}/openapi.json", f"{name} API")

        @router.get(
            "/getPostmanCollection",
            tags=["default"],
            summary="getPostmanCollection",
            **described(A.PUBLIC, model=PostmanCollection),
        )
        async def postman(request: Request) -> JSONResponse:
            base = str(request.base_url).rstrip("/")
            return JSONResponse(
                postman_collection(self.openapi(), f"staykit {name}", base),
                headers={
                    "Content-Disposition": f'attachment; filename="{name}.postman_collection.json"'
                },
            )

        @router.get("/", include_in_schema=False)
        async def index() -> HTMLResponse:
            rows = "".join(
                f"<tr><td>{m.upper()}</td><td><code>{prefix}{p}</code></td><td>{op.get('summary', '')}</td></tr>"
                for p, item in self.openapi().get("paths", {}).items()
                for m, op in item.items()
            )
            return HTMLResponse(
                f"<!doctype html><title>{name} API</title><h1>staykit {name} API</h1>"
                f"<p><a href='{prefix}/swagger'>Swagger</a> · "
                f"<a href='{prefix}/getPostmanCollection'>Postman collection</a></p>"
                f"<table>{rows}</table>"
            )


def postman_collection(openapi: dict[str, Any], name: str, base_url: str) -> dict[str, Any]:
    """A Postman v2.1 collection generated from the service's OpenAPI document."""
    server = (openapi.get("servers") or [{"url": ""}])[0]["url"]
    folders: dict[str, list[dict[str, Any]]] = {}
    for path, item in openapi.get("paths", {}).items():
        for method, op in item.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            segments = [s for s in (server + path).split("/") if s]
            raw_path = [f":{s[1:-1]}" if s.startswith("{") else s for s in segments]
            request: dict[str, Any] = {
                "method": method.upper(),
                "header": [{"key": "Authorization", "value": "Bearer {{accessToken}}"}],
                "url": {
                    "raw": "{{baseUrl}}/" + "/".join(raw_path),
                    "host": ["{{baseUrl}}"],
                    "path": raw_path,
                },
            }
            schema_ref = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            if schema_ref:
                example = _example(openapi, schema_ref)
                request["body"] = {
                    "mode": "raw",
                    "raw": _dump(example),
                    "options": {"raw": {"language": "json"}},
                }
                request["header"].append({"key": "Content-Type", "value": "application/json"})
            tag = (op.get("tags") or ["default"])[0]
            folders.setdefault(tag, []).append(
                {"name": op.get("summary") or op.get("operationId"), "request": request}
            )
    return {
        "info": {
            "name": name,
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": [{"name": tag, "item": items} for tag, items in folders.items()],
        "variable": [{"key": "baseUrl", "value": base_url}, {"key": "accessToken", "value": ""}],
    }


def _example(openapi: dict[str, Any], schema: dict[str, Any]) -> Any:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = openapi.get("components", {}).get("schemas", {}).get(name, {})
    if "anyOf" in schema:
        schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), {})
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {k: _example(openapi, v) for k, v in schema.get("properties", {}).items()}
    return {"string": "", "integer": 0, "number": 0, "boolean": False, "array": []}.get(
        kind or "", None
    )


def _dump(value: Any) -> str:
    import json

    return json.dumps(value, indent=2)
