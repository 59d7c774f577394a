from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.refresh_token import RefreshToken
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    code: str,
    device_name: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["code"] = code

    if not isinstance(device_name, Unset):
        headers["deviceName"] = device_name

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/authentication/setup",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RefreshToken | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = RefreshToken.from_dict(response.json())

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
) -> Response[RefreshToken | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    device_name: str | Unset = UNSET,
) -> Response[RefreshToken | UnsuccessfulApiResponse]:
    """Get a refresh token using an invite code

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Codes can be generated here
    [https://beds24.com/control3.php?pagetype=apiv2](https://beds24.com/control3.php?pagetype=apiv2)

    Possible scopes are:
    bookings
    bookings-personal
    bookings-financial
    inventory
    properties
    accounts
    channels

    Args:
        code (str):
        device_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RefreshToken | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        device_name=device_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    device_name: str | Unset = UNSET,
) -> RefreshToken | UnsuccessfulApiResponse | None:
    """Get a refresh token using an invite code

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Codes can be generated here
    [https://beds24.com/control3.php?pagetype=apiv2](https://beds24.com/control3.php?pagetype=apiv2)

    Possible scopes are:
    bookings
    bookings-personal
    bookings-financial
    inventory
    properties
    accounts
    channels

    Args:
        code (str):
        device_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RefreshToken | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        code=code,
        device_name=device_name,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    device_name: str | Unset = UNSET,
) -> Response[RefreshToken | UnsuccessfulApiResponse]:
    """Get a refresh token using an invite code

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Codes can be generated here
    [https://beds24.com/control3.php?pagetype=apiv2](https://beds24.com/control3.php?pagetype=apiv2)

    Possible scopes are:
    bookings
    bookings-personal
    bookings-financial
    inventory
    properties
    accounts
    channels

    Args:
        code (str):
        device_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RefreshToken | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        code=code,
        device_name=device_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    code: str,
    device_name: str | Unset = UNSET,
) -> RefreshToken | UnsuccessfulApiResponse | None:
    """Get a refresh token using an invite code

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Codes can be generated here
    [https://beds24.com/control3.php?pagetype=apiv2](https://beds24.com/control3.php?pagetype=apiv2)

    Possible scopes are:
    bookings
    bookings-personal
    bookings-financial
    inventory
    properties
    accounts
    channels

    Args:
        code (str):
        device_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RefreshToken | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            code=code,
            device_name=device_name,
        )
    ).parsed
