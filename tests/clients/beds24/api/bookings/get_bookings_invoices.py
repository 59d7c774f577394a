from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    booking_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_booking_id: list[int] | Unset = UNSET
    if not isinstance(booking_id, Unset):
        json_booking_id = booking_id

    params["bookingId"] = json_booking_id

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/bookings/invoices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> UnsuccessfulApiResponse | None:
    if response.status_code == 400:
        response_400 = UnsuccessfulApiResponse.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    booking_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[UnsuccessfulApiResponse]:
    """Alpha - Get invoices

    Args:
        booking_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    booking_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> UnsuccessfulApiResponse | None:
    """Alpha - Get invoices

    Args:
        booking_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        booking_id=booking_id,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    booking_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[UnsuccessfulApiResponse]:
    """Alpha - Get invoices

    Args:
        booking_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        booking_id=booking_id,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    booking_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> UnsuccessfulApiResponse | None:
    """Alpha - Get invoices

    Args:
        booking_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            booking_id=booking_id,
            page=page,
        )
    ).parsed
