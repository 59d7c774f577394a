from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.token import Token
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import Response


def _get_kwargs(
    *,
    refresh_token: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["refreshToken"] = refresh_token

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/authentication/token",
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Token | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = Token.from_dict(response.json())

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
) -> Response[Token | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    refresh_token: str,
) -> Response[Token | UnsuccessfulApiResponse]:
    """Get an authentication token using a refresh token

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Args:
        refresh_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Token | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        refresh_token=refresh_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    refresh_token: str,
) -> Token | UnsuccessfulApiResponse | None:
    """Get an authentication token using a refresh token

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Args:
        refresh_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Token | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        refresh_token=refresh_token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    refresh_token: str,
) -> Response[Token | UnsuccessfulApiResponse]:
    """Get an authentication token using a refresh token

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Args:
        refresh_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Token | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        refresh_token=refresh_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    refresh_token: str,
) -> Token | UnsuccessfulApiResponse | None:
    """Get an authentication token using a refresh token

     Note: Refresh tokens do not expire so long as they have been used within the past 30 days

    Args:
        refresh_token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Token | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            refresh_token=refresh_token,
        )
    ).parsed
