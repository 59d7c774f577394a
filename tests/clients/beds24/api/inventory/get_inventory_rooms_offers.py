from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_inventory_rooms_offers_response_200 import (
    GetInventoryRoomsOffersResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    offer_id: list[int] | Unset = UNSET,
    arrival: str,
    departure: str,
    num_adults: int,
    num_children: int | Unset = UNSET,
    include_texts: list[str] | Unset = UNSET,
    agent_code: str | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_offer_id: list[int] | Unset = UNSET
    if not isinstance(offer_id, Unset):
        json_offer_id = offer_id

    params["offerId"] = json_offer_id

    params["arrival"] = arrival

    params["departure"] = departure

    params["numAdults"] = num_adults

    params["numChildren"] = num_children

    json_include_texts: list[str] | Unset = UNSET
    if not isinstance(include_texts, Unset):
        json_include_texts = include_texts

    params["includeTexts"] = json_include_texts

    params["agentCode"] = agent_code

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inventory/rooms/offers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetInventoryRoomsOffersResponse200.from_dict(response.json())

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
) -> Response[GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    offer_id: list[int] | Unset = UNSET,
    arrival: str,
    departure: str,
    num_adults: int,
    num_children: int | Unset = UNSET,
    include_texts: list[str] | Unset = UNSET,
    agent_code: str | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse]:
    """Get offer based on specified criteria

    Args:
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        offer_id (list[int] | Unset):
        arrival (str):
        departure (str):
        num_adults (int):
        num_children (int | Unset):
        include_texts (list[str] | Unset):
        agent_code (str | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        property_id=property_id,
        room_id=room_id,
        offer_id=offer_id,
        arrival=arrival,
        departure=departure,
        num_adults=num_adults,
        num_children=num_children,
        include_texts=include_texts,
        agent_code=agent_code,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    offer_id: list[int] | Unset = UNSET,
    arrival: str,
    departure: str,
    num_adults: int,
    num_children: int | Unset = UNSET,
    include_texts: list[str] | Unset = UNSET,
    agent_code: str | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse | None:
    """Get offer based on specified criteria

    Args:
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        offer_id (list[int] | Unset):
        arrival (str):
        departure (str):
        num_adults (int):
        num_children (int | Unset):
        include_texts (list[str] | Unset):
        agent_code (str | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        property_id=property_id,
        room_id=room_id,
        offer_id=offer_id,
        arrival=arrival,
        departure=departure,
        num_adults=num_adults,
        num_children=num_children,
        include_texts=include_texts,
        agent_code=agent_code,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    offer_id: list[int] | Unset = UNSET,
    arrival: str,
    departure: str,
    num_adults: int,
    num_children: int | Unset = UNSET,
    include_texts: list[str] | Unset = UNSET,
    agent_code: str | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse]:
    """Get offer based on specified criteria

    Args:
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        offer_id (list[int] | Unset):
        arrival (str):
        departure (str):
        num_adults (int):
        num_children (int | Unset):
        include_texts (list[str] | Unset):
        agent_code (str | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        property_id=property_id,
        room_id=room_id,
        offer_id=offer_id,
        arrival=arrival,
        departure=departure,
        num_adults=num_adults,
        num_children=num_children,
        include_texts=include_texts,
        agent_code=agent_code,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    offer_id: list[int] | Unset = UNSET,
    arrival: str,
    departure: str,
    num_adults: int,
    num_children: int | Unset = UNSET,
    include_texts: list[str] | Unset = UNSET,
    agent_code: str | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse | None:
    """Get offer based on specified criteria

    Args:
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        offer_id (list[int] | Unset):
        arrival (str):
        departure (str):
        num_adults (int):
        num_children (int | Unset):
        include_texts (list[str] | Unset):
        agent_code (str | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsOffersResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            property_id=property_id,
            room_id=room_id,
            offer_id=offer_id,
            arrival=arrival,
            departure=departure,
            num_adults=num_adults,
            num_children=num_children,
            include_texts=include_texts,
            agent_code=agent_code,
            page=page,
        )
    ).parsed
