from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_accounts_include_languages_item import (
    GetAccountsIncludeLanguagesItem,
)
from ...models.get_accounts_response_200 import GetAccountsResponse200
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_sub_accounts: bool | Unset = UNSET,
    include_usage: bool | Unset = UNSET,
    include_languages: list[GetAccountsIncludeLanguagesItem] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["includeSubAccounts"] = include_sub_accounts

    params["includeUsage"] = include_usage

    json_include_languages: list[str] | Unset = UNSET
    if not isinstance(include_languages, Unset):
        json_include_languages = []
        for include_languages_item_data in include_languages:
            include_languages_item: str = include_languages_item_data
            json_include_languages.append(include_languages_item)

    params["includeLanguages"] = json_include_languages

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/accounts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetAccountsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetAccountsResponse200.from_dict(response.json())

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
) -> Response[GetAccountsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    include_sub_accounts: bool | Unset = UNSET,
    include_usage: bool | Unset = UNSET,
    include_languages: list[GetAccountsIncludeLanguagesItem] | Unset = UNSET,
) -> Response[GetAccountsResponse200 | UnsuccessfulApiResponse]:
    """Alpha - Get accounts

    Args:
        include_sub_accounts (bool | Unset):
        include_usage (bool | Unset):
        include_languages (list[GetAccountsIncludeLanguagesItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetAccountsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        include_sub_accounts=include_sub_accounts,
        include_usage=include_usage,
        include_languages=include_languages,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    include_sub_accounts: bool | Unset = UNSET,
    include_usage: bool | Unset = UNSET,
    include_languages: list[GetAccountsIncludeLanguagesItem] | Unset = UNSET,
) -> GetAccountsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha - Get accounts

    Args:
        include_sub_accounts (bool | Unset):
        include_usage (bool | Unset):
        include_languages (list[GetAccountsIncludeLanguagesItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetAccountsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        include_sub_accounts=include_sub_accounts,
        include_usage=include_usage,
        include_languages=include_languages,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    include_sub_accounts: bool | Unset = UNSET,
    include_usage: bool | Unset = UNSET,
    include_languages: list[GetAccountsIncludeLanguagesItem] | Unset = UNSET,
) -> Response[GetAccountsResponse200 | UnsuccessfulApiResponse]:
    """Alpha - Get accounts

    Args:
        include_sub_accounts (bool | Unset):
        include_usage (bool | Unset):
        include_languages (list[GetAccountsIncludeLanguagesItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetAccountsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        include_sub_accounts=include_sub_accounts,
        include_usage=include_usage,
        include_languages=include_languages,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    include_sub_accounts: bool | Unset = UNSET,
    include_usage: bool | Unset = UNSET,
    include_languages: list[GetAccountsIncludeLanguagesItem] | Unset = UNSET,
) -> GetAccountsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha - Get accounts

    Args:
        include_sub_accounts (bool | Unset):
        include_usage (bool | Unset):
        include_languages (list[GetAccountsIncludeLanguagesItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetAccountsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            include_sub_accounts=include_sub_accounts,
            include_usage=include_usage,
            include_languages=include_languages,
        )
    ).parsed
