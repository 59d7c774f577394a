from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.post_channels_stripe_response_201_item import (
    PostChannelsStripeResponse201Item,
)
from ...models.stripe_add_payment_method import StripeAddPaymentMethod
from ...models.stripe_capture_charge import StripeCaptureCharge
from ...models.stripe_charge_payment_method import StripeChargePaymentMethod
from ...models.stripe_create_session import StripeCreateSession
from ...models.stripe_detach_payment_method import StripeDetachPaymentMethod
from ...models.stripe_refund_charge import StripeRefundCharge
from ...models.stripe_release_charge import StripeReleaseCharge
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: list[
        StripeAddPaymentMethod
        | StripeCaptureCharge
        | StripeChargePaymentMethod
        | StripeCreateSession
        | StripeDetachPaymentMethod
        | StripeRefundCharge
        | StripeReleaseCharge
    ]
    | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/channels/stripe",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item: dict[str, Any]
            if (
                isinstance(body_item_data, StripeCreateSession)
                or isinstance(body_item_data, StripeChargePaymentMethod)
                or isinstance(body_item_data, StripeRefundCharge)
                or isinstance(body_item_data, StripeReleaseCharge)
                or isinstance(body_item_data, StripeCaptureCharge)
                or isinstance(body_item_data, StripeAddPaymentMethod)
            ):
                body_item = body_item_data.to_dict()
            else:
                body_item = body_item_data.to_dict()

            _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[PostChannelsStripeResponse201Item] | None:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = PostChannelsStripeResponse201Item.from_dict(
                response_201_item_data
            )

            response_201.append(response_201_item)

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[list[PostChannelsStripeResponse201Item]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[
        StripeAddPaymentMethod
        | StripeCaptureCharge
        | StripeChargePaymentMethod
        | StripeCreateSession
        | StripeDetachPaymentMethod
        | StripeRefundCharge
        | StripeReleaseCharge
    ]
    | Unset = UNSET,
) -> Response[list[PostChannelsStripeResponse201Item]]:
    """Alpha - Perform actions at Stripe

    Args:
        body (list[StripeAddPaymentMethod | StripeCaptureCharge | StripeChargePaymentMethod |
            StripeCreateSession | StripeDetachPaymentMethod | StripeRefundCharge |
            StripeReleaseCharge] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[PostChannelsStripeResponse201Item]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: list[
        StripeAddPaymentMethod
        | StripeCaptureCharge
        | StripeChargePaymentMethod
        | StripeCreateSession
        | StripeDetachPaymentMethod
        | StripeRefundCharge
        | StripeReleaseCharge
    ]
    | Unset = UNSET,
) -> list[PostChannelsStripeResponse201Item] | None:
    """Alpha - Perform actions at Stripe

    Args:
        body (list[StripeAddPaymentMethod | StripeCaptureCharge | StripeChargePaymentMethod |
            StripeCreateSession | StripeDetachPaymentMethod | StripeRefundCharge |
            StripeReleaseCharge] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[PostChannelsStripeResponse201Item]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[
        StripeAddPaymentMethod
        | StripeCaptureCharge
        | StripeChargePaymentMethod
        | StripeCreateSession
        | StripeDetachPaymentMethod
        | StripeRefundCharge
        | StripeReleaseCharge
    ]
    | Unset = UNSET,
) -> Response[list[PostChannelsStripeResponse201Item]]:
    """Alpha - Perform actions at Stripe

    Args:
        body (list[StripeAddPaymentMethod | StripeCaptureCharge | StripeChargePaymentMethod |
            StripeCreateSession | StripeDetachPaymentMethod | StripeRefundCharge |
            StripeReleaseCharge] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[PostChannelsStripeResponse201Item]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[
        StripeAddPaymentMethod
        | StripeCaptureCharge
        | StripeChargePaymentMethod
        | StripeCreateSession
        | StripeDetachPaymentMethod
        | StripeRefundCharge
        | StripeReleaseCharge
    ]
    | Unset = UNSET,
) -> list[PostChannelsStripeResponse201Item] | None:
    """Alpha - Perform actions at Stripe

    Args:
        body (list[StripeAddPaymentMethod | StripeCaptureCharge | StripeChargePaymentMethod |
            StripeCreateSession | StripeDetachPaymentMethod | StripeRefundCharge |
            StripeReleaseCharge] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[PostChannelsStripeResponse201Item]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
