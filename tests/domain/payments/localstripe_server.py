"""localstripe as the payment tests run it: `python localstripe_server.py --port N`.

The same server as the `localstripe` command (its aiohttp app), with four differences,
all for the tests and none in staykit's code:
- it listens on 127.0.0.1 only (the command binds every interface);
- its store stays in memory: the command pickles it to /tmp/localstripe.pickle after
  every change, a file any other localstripe on the machine shares;
- Idempotency-Key is honoured as Stripe documents it (localstripe 1.15.10 ignores the
  header): a repeat with the same parameters gets the first answer again, marked
  `Idempotent-Replayed: true`; the same key with other parameters is a 400
  idempotency_error. Without this, nothing could show that staykit sends its keys;
- PaymentIntent creation takes `allowed_payment_method_types`, the name stripe SDK 16's
  API version (2026-10-28.endive) uses where localstripe knows only the older
  `payment_method_types` (which that API version removed).
"""

from __future__ import annotations

import argparse
from typing import Any

from aiohttp import web
from localstripe import resources, server

# In memory only (see above): the store never touches /tmp.
resources.Store.dump_to_disk = lambda self: None  # type: ignore[method-assign]

_create_intent = resources.PaymentIntent._api_create.__func__  # type: ignore[attr-defined]


def _api_create(cls: Any, allowed_payment_method_types: Any = None, **data: Any) -> Any:
    if allowed_payment_method_types is not None:
        data["payment_method_types"] = allowed_payment_method_types
    return _create_intent(cls, **data)


resources.PaymentIntent._api_create = classmethod(_api_create)  # type: ignore[assignment]

_answers: dict[str, tuple[bytes, int, bytes]] = {}


@web.middleware
async def idempotency(request: web.Request, handler: Any) -> web.StreamResponse:
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return await handler(request)
    asked = request.path.encode() + b"?" + await request.read()
    if key in _answers:
        first, status, body = _answers[key]
        if first != asked:
            error = {
                "error": {
                    "type": "idempotency_error",
                    "message": "Keys for idempotent requests can only be used with the same "
                    "parameters they were first used with.",
                }
            }
            return web.json_response(error, status=400)
        return web.Response(
            status=status,
            body=body,
            content_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )
    response = await handler(request)
    if isinstance(response, web.Response) and isinstance(response.body, bytes):
        _answers[key] = (asked, response.status, response.body)
    return response


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # Outermost, so that error answers (a decline) are replayed as Stripe replays them.
    server.app.middlewares.insert(0, idempotency)
    web.run_app(server.app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
