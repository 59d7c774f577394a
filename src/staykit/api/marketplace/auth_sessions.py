"""Login sessions and keys under /auth-api (spec §2): the login page and login (JSON or
form), logout, relogin, and the public key that verifies session tokens. The token goes
out both as an HttpOnly cookie and as a response header."""

# No `from __future__ import annotations` (see resource.py).

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError

from staykit.api.deps import WRITES
from staykit.api.marketplace.auth_schemas import Login
from staykit.api.marketplace.context import Context, Ctx, limited
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import SessionObject, StatusMessage, described
from staykit.api.ratelimit import RouteClass
from staykit.core.errors import NotFound
from staykit.core.schemas import parse_json_object
from staykit.domain.auth import sessions
from staykit.domain.auth.keys import keyring

router = APIRouter()


def _set_token(response: Response, ctx: Ctx, token: str | None, max_age: int) -> None:
    name = ctx.settings.token_name
    if token is None:
        response.delete_cookie(name, path="/")
        return
    response.set_cookie(
        name,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=ctx.settings.cookie_secure,
        path="/",
    )
    response.headers[name] = token


async def _login_body(request: Request) -> Login:
    ctype = request.headers.get("content-type", "")
    urlencoded = ctype.startswith("application/x-www-form-urlencoded")
    raw = b"" if ctype.startswith("multipart/form-data") else await request.body()
    # A JSON body is JSON whatever the Content-Type says (curl -d sends JSON as a form;
    # read as a form, the whole body would become one field's name).
    if raw.lstrip()[:1] in (b"{", b"[") or not (urlencoded or ctype.startswith("multipart/")):
        data: Any = parse_json_object(raw, "body") if raw else {}
    else:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
    try:
        return Login.model_validate(data)
    except ValidationError as exc:
        # The same 400 body as every other route's validation errors.
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        ) from None


LOGIN_FORM = """<!doctype html><meta charset="utf-8"><title>staykit login</title>
<style>body{font-family:system-ui;max-width:24rem;margin:4rem auto}label{display:block;margin:.6rem 0}
input{width:100%;padding:.4rem}</style><h1>Log in</h1>
<form method="post" action="/auth-api/login"><label>Email <input name="username" type="email" required
autocomplete="username"></label><label>Password <input name="password" type="password" required
autocomplete="current-password"></label><button>Log in</button></form>"""


class PublicKey(BaseModel):
    """The PEM public key that verifies session tokens signed with `keyId`."""

    keyId: str
    keyData: str


@router.get(
    "/login",
    tags=["session"],
    summary="loginPage",
    response_class=HTMLResponse,
    **described(A.PUBLIC),
)
async def login_page() -> HTMLResponse:
    return HTMLResponse(LOGIN_FORM)


@router.post(
    "/login",
    tags=["session"],
    summary="login",
    # 401: wrong username or password; 403: a blocked account; 429: too many failures, or
    # too many attempts from one address (the public-route limit, checked before the hash)
    dependencies=[limited(RouteClass.LOGIN)],
    **described(A.PUBLIC, 400, 401, 403, 413, 429, model=SessionObject),
)
async def login(ctx: Context) -> JSONResponse:
    body = await _login_body(ctx.request)
    issued = await sessions.login(
        ctx.session,
        ctx.settings,
        username=body.username or body.email,
        password=body.password,
        ip=ctx.ip,
        user_agent=ctx.request.headers.get("user-agent"),
    )
    response = JSONResponse(issued.as_dict())
    _set_token(response, ctx, issued.access_token, issued.expires_in)
    return response


@router.post(
    "/logout", tags=["session"], summary="logout", **described(A.OPTIONAL, model=StatusMessage)
)
async def logout(ctx: Context) -> JSONResponse:
    await sessions.logout(ctx.session, ctx.actor)
    response = JSONResponse({"status": "OK", "message": "Logged out"})
    _set_token(response, ctx, None, 0)
    return response


# A GET that writes (a new session, the old one ended): it needs a transaction.
@router.get(
    "/relogin",
    tags=["session"],
    summary="relogin",
    dependencies=[WRITES],
    **described(A.LOGIN, model=SessionObject, session_401=True),
)
async def relogin(ctx: Context) -> JSONResponse:
    if ctx.actor is None:
        return JSONResponse({"status": "ERR", "message": "Cannot relogin"}, status_code=401)
    issued = await sessions.relogin(
        ctx.session,
        ctx.actor,
        ctx.settings,
        ip=ctx.ip,
        user_agent=ctx.request.headers.get("user-agent"),
    )
    response = JSONResponse(issued.as_dict())
    _set_token(response, ctx, issued.access_token, issued.expires_in)
    return response


@router.get(
    "/publickey",
    tags=["session"],
    summary="publickey",
    **described(A.PUBLIC, 400, 404, model=PublicKey),
)
async def public_key(
    ctx: Context, keyId: Annotated[str | None, Query(max_length=64)] = None
) -> JSONResponse:
    found = await keyring.public_pem(ctx.session, keyId)
    if found is None:
        raise NotFound("No public key with this keyId.", code="publicKeyNotFound", field="keyId")
    return JSONResponse({"keyId": found[0], "keyData": found[1]})
