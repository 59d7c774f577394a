from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_channels_stripe_payment_methods_response_200 import (
    GetChannelsStripePaymentMethodsResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    booking_id: int,
    stripe_payment_method_id: str | Unset = UNSET,
    stripe_api_version: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["bookingId"] = booking_id

    params["stripePaymentMethodId"] = stripe_payment_method_id

    params["stripeApiVersion"] = stripe_api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/channels/stripe/paymentMethods",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetChannelsStripePaymentMethodsResponse200.from_dict(
            response.json()
        )

        return response_200

    if response.status_code == 400:
        response_400 = UnsuccessfulApiResponse.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    booking_id: int,
    stripe_payment_method_id: str | Unset = UNSET,
    stripe_api_version: str | Unset = UNSET,
) -> Response[GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse]:
    """Alpha

     Note: the response will include additional data from Stripe's API that is not specified in the
    example.

    Args:
        booking_id (int):
        stripe_payment_method_id (str | Unset):
        stripe_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        stripe_payment_method_id=stripe_payment_method_id,
        stripe_api_version=stripe_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    booking_id: int,
    stripe_payment_method_id: str | Unset = UNSET,
    stripe_api_version: str | Unset = UNSET,
) -> GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha

     Note: the response will include additional data from Stripe's API that is not specified in the
    example.

    Args:
        booking_id (int):
        stripe_payment_method_id (str | Unset):
        stripe_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        booking_id=booking_id,
        stripe_payment_method_id=stripe_payment_method_id,
        stripe_api_version=stripe_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    booking_id: int,
    stripe_payment_method_id: str | Unset = UNSET,
    stripe_api_version: str | Unset = UNSET,
) -> Response[GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse]:
    """Alpha

     Note: the response will include additional data from Stripe's API that is not specified in the
    example.

    Args:
        booking_id (int):
        stripe_payment_method_id (str | Unset):
        stripe_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        stripe_payment_method_id=stripe_payment_method_id,
        stripe_api_version=stripe_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    booking_id: int,
    stripe_payment_method_id: str | Unset = UNSET,
    stripe_api_version: str | Unset = UNSET,
) -> GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha

     Note: the response will include additional data from Stripe's API that is not specified in the
    example.

    Args:
        booking_id (int):
        stripe_payment_method_id (str | Unset):
        stripe_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsStripePaymentMethodsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            booking_id=booking_id,
            stripe_payment_method_id=stripe_payment_method_id,
            stripe_api_version=stripe_api_version,
        )
    ).parsed
