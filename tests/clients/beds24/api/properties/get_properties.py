from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_properties_include_languages_item import (
    GetPropertiesIncludeLanguagesItem,
)
from ...models.get_properties_include_texts_item import (
    GetPropertiesIncludeTextsItem,
)
from ...models.get_properties_response_200 import GetPropertiesResponse200
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_all_rooms: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[int] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_include_languages: list[str] | Unset = UNSET
    if not isinstance(include_languages, Unset):
        json_include_languages = []
        for include_languages_item_data in include_languages:
            include_languages_item: str = include_languages_item_data
            json_include_languages.append(include_languages_item)

    params["includeLanguages"] = json_include_languages

    json_include_texts: list[str] | Unset = UNSET
    if not isinstance(include_texts, Unset):
        json_include_texts = []
        for include_texts_item_data in include_texts:
            include_texts_item: str = include_texts_item_data
            json_include_texts.append(include_texts_item)

    params["includeTexts"] = json_include_texts

    params["includePictures"] = include_pictures

    params["includeOffers"] = include_offers

    params["includePriceRules"] = include_price_rules

    params["includeUpsellItems"] = include_upsell_items

    params["includeAllRooms"] = include_all_rooms

    params["includeUnitDetails"] = include_unit_details

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/properties",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetPropertiesResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetPropertiesResponse200.from_dict(response.json())

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
) -> Response[GetPropertiesResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_all_rooms: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetPropertiesResponse200 | UnsuccessfulApiResponse]:
    """Beta - Get properties matching specified criteria

    Args:
        id (list[int] | Unset):
        include_languages (list[GetPropertiesIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_all_rooms (bool | Unset):
        include_unit_details (bool | Unset):
        room_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetPropertiesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_all_rooms=include_all_rooms,
        include_unit_details=include_unit_details,
        room_id=room_id,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_all_rooms: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetPropertiesResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Get properties matching specified criteria

    Args:
        id (list[int] | Unset):
        include_languages (list[GetPropertiesIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_all_rooms (bool | Unset):
        include_unit_details (bool | Unset):
        room_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetPropertiesResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_all_rooms=include_all_rooms,
        include_unit_details=include_unit_details,
        room_id=room_id,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_all_rooms: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetPropertiesResponse200 | UnsuccessfulApiResponse]:
    """Beta - Get properties matching specified criteria

    Args:
        id (list[int] | Unset):
        include_languages (list[GetPropertiesIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_all_rooms (bool | Unset):
        include_unit_details (bool | Unset):
        room_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetPropertiesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_all_rooms=include_all_rooms,
        include_unit_details=include_unit_details,
        room_id=room_id,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_all_rooms: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetPropertiesResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Get properties matching specified criteria

    Args:
        id (list[int] | Unset):
        include_languages (list[GetPropertiesIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_all_rooms (bool | Unset):
        include_unit_details (bool | Unset):
        room_id (list[int] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetPropertiesResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            include_languages=include_languages,
            include_texts=include_texts,
            include_pictures=include_pictures,
            include_offers=include_offers,
            include_price_rules=include_price_rules,
            include_upsell_items=include_upsell_items,
            include_all_rooms=include_all_rooms,
            include_unit_details=include_unit_details,
            room_id=room_id,
            page=page,
        )
    ).parsed
