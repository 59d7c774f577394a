from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.post_channels_airbnb_body_item import PostChannelsAirbnbBodyItem
from ...models.post_channels_airbnb_response_201_item import (
    PostChannelsAirbnbResponse201Item,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: list[PostChannelsAirbnbBodyItem] | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/channels/airbnb",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = []
        for body_item_data in body:
            body_item = body_item_data.to_dict()
            _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[PostChannelsAirbnbResponse201Item] | None:
    if response.status_code == 201:
        response_201 = []
        _response_201 = response.json()
        for response_201_item_data in _response_201:
            response_201_item = PostChannelsAirbnbResponse201Item.from_dict(
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
) -> Response[list[PostChannelsAirbnbResponse201Item]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[PostChannelsAirbnbBodyItem] | Unset = UNSET,
) -> Response[list[PostChannelsAirbnbResponse201Item]]:
    """Alpha - Perform actions at Airbnb

    Args:
        body (list[PostChannelsAirbnbBodyItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[PostChannelsAirbnbResponse201Item]]
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
    body: list[PostChannelsAirbnbBodyItem] | Unset = UNSET,
) -> list[PostChannelsAirbnbResponse201Item] | None:
    """Alpha - Perform actions at Airbnb

    Args:
        body (list[PostChannelsAirbnbBodyItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[PostChannelsAirbnbResponse201Item]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[PostChannelsAirbnbBodyItem] | Unset = UNSET,
) -> Response[list[PostChannelsAirbnbResponse201Item]]:
    """Alpha - Perform actions at Airbnb

    Args:
        body (list[PostChannelsAirbnbBodyItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[PostChannelsAirbnbResponse201Item]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[PostChannelsAirbnbBodyItem] | Unset = UNSET,
) -> list[PostChannelsAirbnbResponse201Item] | None:
    """Alpha - Perform actions at Airbnb

    Args:
        body (list[PostChannelsAirbnbBodyItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[PostChannelsAirbnbResponse201Item]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
