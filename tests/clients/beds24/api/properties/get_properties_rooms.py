from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_properties_rooms_include_languages_item import (
    GetPropertiesRoomsIncludeLanguagesItem,
)
from ...models.get_properties_rooms_include_texts_item import (
    GetPropertiesRoomsIncludeTextsItem,
)
from ...models.get_properties_rooms_response_200 import GetPropertiesRoomsResponse200
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesRoomsIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesRoomsIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[int] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

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

    params["includeUnitDetails"] = include_unit_details

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/properties/rooms",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetPropertiesRoomsResponse200.from_dict(response.json())

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
) -> Response[GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse]:
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
    property_id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesRoomsIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesRoomsIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse]:
    """Coming soon - Get rooms matching specified criteria

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_languages (list[GetPropertiesRoomsIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesRoomsIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_unit_details (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        property_id=property_id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_unit_details=include_unit_details,
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
    property_id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesRoomsIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesRoomsIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse | None:
    """Coming soon - Get rooms matching specified criteria

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_languages (list[GetPropertiesRoomsIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesRoomsIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_unit_details (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        property_id=property_id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_unit_details=include_unit_details,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesRoomsIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesRoomsIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse]:
    """Coming soon - Get rooms matching specified criteria

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_languages (list[GetPropertiesRoomsIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesRoomsIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_unit_details (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        property_id=property_id,
        include_languages=include_languages,
        include_texts=include_texts,
        include_pictures=include_pictures,
        include_offers=include_offers,
        include_price_rules=include_price_rules,
        include_upsell_items=include_upsell_items,
        include_unit_details=include_unit_details,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_languages: list[GetPropertiesRoomsIncludeLanguagesItem] | Unset = UNSET,
    include_texts: list[GetPropertiesRoomsIncludeTextsItem] | Unset = UNSET,
    include_pictures: bool | Unset = UNSET,
    include_offers: bool | Unset = UNSET,
    include_price_rules: bool | Unset = UNSET,
    include_upsell_items: bool | Unset = UNSET,
    include_unit_details: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse | None:
    """Coming soon - Get rooms matching specified criteria

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_languages (list[GetPropertiesRoomsIncludeLanguagesItem] | Unset):
        include_texts (list[GetPropertiesRoomsIncludeTextsItem] | Unset):
        include_pictures (bool | Unset):
        include_offers (bool | Unset):
        include_price_rules (bool | Unset):
        include_upsell_items (bool | Unset):
        include_unit_details (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetPropertiesRoomsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            property_id=property_id,
            include_languages=include_languages,
            include_texts=include_texts,
            include_pictures=include_pictures,
            include_offers=include_offers,
            include_price_rules=include_price_rules,
            include_upsell_items=include_upsell_items,
            include_unit_details=include_unit_details,
            page=page,
        )
    ).parsed
