"""The credit headers on every Channel API response, successes and errors alike: Beds24's
wiki names (`x-five-min-limit-*`, `x-request-cost`) and its OpenAPI document's names
(`X-FiveMinCreditLimit*`, `X-RequestCost`), so clients written for either find them.

The figures come from what the request was charged (`request.state.credit`, set by
`api.channel.auth.Meter`); a request nobody was charged for (no usable token, a bad
invite code, an unknown route) shows the default budget untouched and a cost of 0.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from staykit.core.config import Settings
from staykit.domain.partners.credits import Charge, uncharged


def credit_headers(charge: Charge) -> list[tuple[str, str]]:
    limit, remaining = str(charge.limit), str(charge.remaining)
    resets_in, cost = str(charge.resets_in), str(charge.cost)
    return [
        ("X-FiveMinCreditLimit", limit),
        ("X-FiveMinCreditLimit-Remaining", remaining),
        ("X-FiveMinCreditLimit-ResetsIn", resets_in),
        ("X-RequestCost", cost),
        ("x-five-min-limit-remaining", remaining),
        ("x-five-min-limit-resets-in", resets_in),
        ("x-request-cost", cost),
    ]


class CreditHeaders:
    """ASGI middleware of the Channel API application: adds the credit headers to the
    response's start, whichever handler produced it."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_credits(message: Message) -> None:
            if message["type"] == "http.response.start":
                charge = scope.get("state", {}).get("credit")
                if not isinstance(charge, Charge):
                    charge = uncharged(self.settings)
                headers = MutableHeaders(scope=message)
                for name, value in credit_headers(charge):
                    headers.append(name, value)
            await send(message)

        await self.app(scope, receive, send_with_credits)


def _integer(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "integer"}}


# For the OpenAPI document of every Channel API operation's answers.
HEADERS_DOC: dict[str, Any] = {
    "X-FiveMinCreditLimit": _integer("The credits the account may use in a 5-minute period."),
    "X-FiveMinCreditLimit-Remaining": _integer("The credits left in this period."),
    "X-FiveMinCreditLimit-ResetsIn": _integer("Seconds until this period ends."),
    "X-RequestCost": _integer("The credits this request used (0 when refused)."),
    "x-five-min-limit-remaining": _integer("As X-FiveMinCreditLimit-Remaining."),
    "x-five-min-limit-resets-in": _integer("As X-FiveMinCreditLimit-ResetsIn."),
    "x-request-cost": _integer("As X-RequestCost."),
}
RETRY_AFTER_DOC: dict[str, Any] = {
    "Retry-After": _integer("Seconds until the period ends and credits are available again.")
}
