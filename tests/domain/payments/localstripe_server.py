"""localstripe as the payment tests run it: `python localstripe_server.py --port N`.

The same server as the `localstripe` command (its aiohttp app), with five differences,
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
  `payment_method_types` (which that API version removed);
- a FAKE POST /v1/checkout/sessions (localstripe has no Checkout): it checks the call's
  shape as Stripe documents it (payment mode, inline price data, the two return pages),
  answers a session in Stripe's shape and keeps what it was sent, readable at
  GET /_staykit/checkout_sessions/{id}. Nothing can be paid on it: that a session's
  payment reaches the ledger is the payment intent webhook's, tested on its own;
- a FAKE Stripe.js with a Payment Element, at /js.stripe.com/staykit-fake-payment-element.js
  (js.stripe.com is out of the tests' reach; localstripe's own fake knows only the older
  Card Element): it checks the options the booking page gives `elements()`, mounts one
  card-number field, and its `createPaymentMethod` creates the card's payment method here
  with the publishable key, at POST /_staykit/v1/payment_methods (Stripe takes a pk_ key
  for that call; localstripe takes only secret keys on /v1/payment_methods).
"""

from __future__ import annotations

import argparse
import json
import secrets
import time
from typing import Any

from aiohttp import web

from localstripe import errors, resources, server

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


_sessions: dict[str, dict[str, Any]] = {}


def _refuse(message: str, param: str) -> web.Response:
    error = {"error": {"type": "invalid_request_error", "message": message, "param": param}}
    return web.json_response(error, status=400)


async def create_checkout_session(request: web.Request) -> web.Response:
    """The fake Checkout Session (see the module's docstring)."""
    data = await server.get_post_data(request)
    lines = data.get("line_items")
    if data.get("mode") != "payment":
        return _refuse("mode must be payment here.", "mode")
    if not isinstance(lines, list) or not lines:
        return _refuse("line_items is required.", "line_items")
    for name in ("success_url", "cancel_url"):
        if not str(data.get(name, "")).startswith(("http://", "https://")):
            return _refuse(f"{name} must be a URL.", name)
    total = 0
    currencies = set()
    for i, line in enumerate(lines):
        price = line.get("price_data") or {}
        try:
            amount, quantity = int(price["unit_amount"]), int(line.get("quantity", 1))
            name = price["product_data"]["name"]
        except (KeyError, TypeError, ValueError):
            return _refuse(
                "a line needs price_data with unit_amount and a name.", f"line_items[{i}]"
            )
        if amount < 1 or quantity < 1 or not name:
            return _refuse("a line's amount and quantity are positive.", f"line_items[{i}]")
        currencies.add(price.get("currency"))
        total += amount * quantity
    if len(currencies) != 1:
        return _refuse("every line is in one currency.", "line_items")
    session_id = f"cs_test_{secrets.token_hex(12)}"
    session = {
        "id": session_id,
        "object": "checkout.session",
        "mode": "payment",
        "url": f"https://checkout.stripe.test/c/pay/{session_id}",
        "status": "open",
        "payment_status": "unpaid",
        "amount_total": total,
        "currency": currencies.pop(),
        "customer": data.get("customer"),
        "payment_intent": None,
        "client_reference_id": data.get("client_reference_id"),
        "success_url": data["success_url"],
        "cancel_url": data["cancel_url"],
        "metadata": data.get("metadata") or {},
        "expires_at": int(time.time()) + 86400,
        "livemode": False,
    }
    _sessions[session_id] = {"session": session, "params": data}
    return web.json_response(session)


async def read_checkout_session(request: web.Request) -> web.Response:
    found = _sessions.get(request.match_info["id"])
    if found is None:
        return _refuse("No such checkout session.", "id")
    return web.json_response(found)


FAKE_STRIPE_JS = """// FAKE Stripe.js (staykit's browser tests): a Payment Element in the shape
// Stripe documents, backed by localstripe. Never served by staykit itself.
"use strict";
window.Stripe = function (key) {
  if (!/^pk_/.test(key)) throw new Error("Stripe() takes a publishable key (pk_...)");
  var field = null;
  return {
    elements: function (options) {
      if (!options || options.mode !== "payment") throw new Error("elements(): mode payment");
      if (!Number.isInteger(options.amount) || options.amount < 1)
        throw new Error("elements(): amount in minor units");
      if (!/^[a-z]{3}$/.test(options.currency || "")) throw new Error("elements(): currency");
      if (options.paymentMethodCreation !== "manual")
        throw new Error("elements(): paymentMethodCreation manual");
      return {
        create: function (type) {
          if (type !== "payment") throw new Error("this fake knows only the payment element");
          return {
            mount: function (holder) {
              var label = document.createElement("label");
              label.textContent = "Card number";
              field = document.createElement("input");  // no name: never sent with the form
              field.autocomplete = "cc-number";
              field.inputMode = "numeric";
              label.appendChild(field);
              holder.appendChild(label);
            },
          };
        },
        submit: function () {
          var digits = field ? field.value.replace(/\\s/g, "") : "";
          return Promise.resolve(/^\\d{16}$/.test(digits) ? {} :
            {error: {message: "Your card number is incomplete."}});
        },
      };
    },
    createPaymentMethod: function (params) {
      if (!params || !params.elements) throw new Error("createPaymentMethod({elements})");
      var body = new URLSearchParams({
        type: "card", key: key, "card[number]": field.value.replace(/\\s/g, ""),
        "card[exp_month]": "12", "card[exp_year]": "2034", "card[cvc]": "123",
      });
      return fetch(API + "/_staykit/v1/payment_methods", {method: "POST", body: body})
        .then(function (r) {
          return r.json().then(function (json) {
            return r.ok ? {paymentMethod: json} : {error: json.error};
          });
        });
    },
  };
};
"""


async def fake_stripe_js(request: web.Request) -> web.Response:
    api = f"{request.scheme}://{request.host}"
    script = f"var API = {json.dumps(api)};\n" + FAKE_STRIPE_JS
    return web.Response(text=script, content_type="application/javascript")


@web.middleware
async def publishable_payment_methods(request: web.Request, handler: Any) -> web.StreamResponse:
    """POST /_staykit/v1/payment_methods with a pk_ key (see the module's docstring); ahead
    of localstripe's own authentication, which would refuse the publishable key."""
    if request.path != "/_staykit/v1/payment_methods" or request.method != "POST":
        return await handler(request)
    data = await server.get_post_data(request, remove_auth=False) or {}
    key = data.pop("key", None)
    if not (isinstance(key, str) and key.startswith("pk_")):
        return _refuse("A publishable key (pk_...) is required.", "key")
    try:
        method = resources.PaymentMethod._api_create(**data)
    except errors.UserError as exc:
        return exc.to_response()
    return web.json_response(method._export())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    # Outermost, so that error answers (a decline) are replayed as Stripe replays them.
    server.app.middlewares.insert(0, idempotency)
    server.app.middlewares.insert(0, publishable_payment_methods)
    server.app.router.add_get("/js.stripe.com/staykit-fake-payment-element.js", fake_stripe_js)
    server.app.router.add_post("/v1/checkout/sessions", create_checkout_session)
    server.app.router.add_get("/_staykit/checkout_sessions/{id}", read_checkout_session)
    web.run_app(server.app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
