"""The whole service as one ASGI application: the shared request middleware in front of a
dispatch, by path prefix, to each surface's own application.

The root has no framework stack of its own. Every surface application already has its
error handling, so a request crosses one middleware stack, not two; a root FastAPI app
(server-error, telemetry, body-limit, exception and exit-stack layers plus a router with
mounts) cost about a tenth of an authenticated read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from starlette.datastructures import State
from starlette.responses import JSONResponse
from starlette.routing import Router
from starlette.types import ASGIApp, Lifespan, Receive, Scope, Send

from staykit.api import metrics


class Root:
    def __init__(
        self,
        *,
        state: State,
        lifespan: Lifespan[Any],
        mounts: Sequence[tuple[str, ASGIApp]],
        fallback: ASGIApp,
        middleware: Callable[[ASGIApp], ASGIApp],
        version: str,
        site: ASGIApp,
        site_paths: Sequence[str],
    ) -> None:
        self.state = state
        # Only the lifespan: `router.lifespan_context(app)` runs it outside a server too.
        self.router = Router(lifespan=lifespan)
        self._mounts = tuple((prefix, prefix + "/", app) for prefix, app in mounts)
        self._fallback = fallback
        self._health = JSONResponse({"status": "OK", "version": version})
        self._site = site
        self._site_paths = tuple((p, p + "/") for p in site_paths)
        self._app = middleware(self._dispatch)

    @property
    def surfaces(self) -> tuple[tuple[str, ASGIApp], ...]:
        """Every application the root dispatches to, by the prefix it sees as its root: the
        mounted surfaces, the guest site (at "") and, last, the marketplace fallback (at "":
        its services carry their own prefixes). Read by the contract tests, so a surface
        added here cannot escape them."""
        return (*((p, app) for p, _, app in self._mounts), ("", self._site), ("", self._fallback))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.router.lifespan(scope, receive, send)
            return
        await self._app(scope, receive, send)

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        for prefix, below, app in self._mounts:
            if path.startswith(below) or path == prefix:
                # What starlette's Mount does: the surface sees its prefix as root path.
                # In place, as starlette's routers do: the middleware reads the route
                # the surface matched from the same scope.
                root_path = scope.get("root_path", "")
                scope["app_root_path"] = scope.get("app_root_path", root_path)
                scope["root_path"] = root_path + prefix
                await app(scope, receive, send)
                return
        if path == "/health" and scope["type"] == "http":
            await self._health(scope, receive, send)
            return
        if path == "/metrics" and scope["type"] == "http":
            await metrics.endpoint(self.state, scope, receive, send)
            return
        if path == "/" or any(path == p or path.startswith(b) for p, b in self._site_paths):
            # The guest web app's pages sit at the root, so it sees the whole path.
            await self._site(scope, receive, send)
            return
        # The marketplace's services live at many prefixes, and its error body is the
        # answer for any path no other surface owns.
        await self._fallback(scope, receive, send)
