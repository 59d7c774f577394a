"""/host/listings: the host's listings; create and edit one (photos, amenities, rules,
prices, cancellation policy); publish and unpublish. Every write is the catalog's own
service (the same one createListing and updateListing call); a listing the person does
not manage is the 404 page, whether it exists or not."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData, UploadFile

from staykit.api.deps import DbSession
from staykit.api.host.common import (
    attempt,
    host_page,
    parse_id,
    posted_form,
    settings_of,
    signed_in,
    text,
    to_login,
)
from staykit.api.host.errors import not_found
from staykit.api.host.listing_form import POLICY_WORDS, ListingForm, form_of
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import amenities, listings, photos
from staykit.domain.catalog.commands import ListingChanges
from staykit.domain.catalog.models import (
    APPROVAL_TYPES,
    PROPERTY_TYPES,
    ListingPhoto,
    Property,
    UnitType,
)

router = APIRouter(include_in_schema=False)

HOME = "/host/listings"
MAX_PHOTOS = 50
NOTICES = {
    "created": "Listing created. It is not published yet: guests see it once you publish it.",
    "saved": "Changes saved.",
    "published": "Published: guests can find and book this listing.",
    "unpublished": "Unpublished: guests no longer see this listing.",
    "photo": "Photo added.",
    "photo-removed": "Photo removed.",
}


def listing_url(listing_id: uuid.UUID) -> str:
    return f"{HOME}/{listing_id}"


async def managed(session: AsyncSession, person: Principal, raw_id: str) -> UnitType | None:
    """The listing when the person may change it; None (the 404 page) otherwise: another
    host's published listing is as unknown as a missing one."""
    listing_id = parse_id(raw_id)
    if listing_id is None:
        return None
    try:
        return await listings.managed_listing(session, person, listing_id)
    except DomainError:  # not found, or (Forbidden) another host's published listing
        return None


# --- the list --------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def host_home(request: Request) -> Response:
    return RedirectResponse(HOME, status_code=303)


@router.get("/listings", response_class=HTMLResponse)
async def listing_list(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    rows = await listings.managed_listings(session, person)
    return host_page(request, person, "host_listings.html", section="listings", listings=rows)


# --- the form ----------------------------------------------------------------------------------


async def form_page(
    request: Request,
    session: AsyncSession,
    person: Principal,
    form: ListingForm,
    *,
    listing: UnitType | None = None,
    status: int = 200,
    photo_error: str | None = None,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "form": form,
        "listing": listing,
        "amenities": await amenities.all_amenities(session),
        "property_types": [(t, t.capitalize()) for t in PROPERTY_TYPES],
        "approval_types": APPROVAL_TYPES,
        "policies": POLICY_WORDS,
        "photo_error": photo_error,
        "notice": NOTICES.get(request.query_params.get("notice") or ""),
    }
    name = "host_listing.html" if listing is not None else "host_listing_new.html"
    return host_page(request, person, name, status, section="listings", **context)


@router.get("/listings/new", response_class=HTMLResponse)
async def new_listing_form(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    blank = ListingForm(
        {
            "currency": "EUR",
            "property_type": "apartment",
            "approval_type": "manual",
            "min_stay": "1",
            "max_guests": "2",
            "cancellation_policy": "flexible",
        }
    )
    return await form_page(request, session, person, blank)


def _field_of(exc: DomainError) -> str:
    """Where a domain error shows on the form: its field, or the form as a whole."""
    name = (exc.field or "").split(".")[0]
    return (
        name
        if name
        in (
            "title",
            "price_per_night",
            "cleaning_fee",
            "currency",
            "min_stay",
            "max_stay",
            "max_guests",
            "amenity_ids",
            "time_zone",
            "cancellation_policy",
            "address",
            "description",
        )
        else "form"
    )


def _photo(form: FormData) -> UploadFile | None:
    value = form.get("photo")
    if isinstance(value, UploadFile) and value.filename:
        return value
    return None


async def _store_photo(
    request: Request,
    session: AsyncSession,
    person: Principal,
    upload: UploadFile,
    listing: UnitType | None,
) -> ListingPhoto:
    """Keep an uploaded image as a listing photo (None: the listing being created), which
    the marketplace serves by its access key."""
    settings = settings_of(request)
    data = await upload.read(settings.max_upload_bytes + 1)
    return await attempt(
        session,
        photos.upload(
            session,
            person,
            settings,
            listing=listing,
            file_name=upload.filename or "photo",
            data=data,
        ),
    )


@router.post("/listings", response_class=HTMLResponse)
async def create_listing(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    filled = ListingForm.read(form)
    upload = _photo(form)
    photo: ListingPhoto | None = None
    if upload is not None:
        try:
            photo = await _store_photo(request, session, person, upload, None)
        except DomainError as exc:
            filled.errors["photo"] = exc.message
    command = filled.new_listing(
        photos=[photos.download_path(photo.access_key)] if photo is not None else []
    )
    if command is None or filled.errors:
        return await form_page(request, session, person, filled, status=400)
    try:
        listing = await attempt(session, listings.create_listing(session, person, command))
    except DomainError as exc:
        filled.errors[_field_of(exc)] = exc.message
        return await form_page(request, session, person, filled, status=400)
    if photo is not None:
        await photos.attach(session, photo, listing)
    return RedirectResponse(f"{listing_url(listing.id)}?notice=created", status_code=303)


# --- one listing ---------------------------------------------------------------------------------


@router.get("/listings/{listing_id}", response_class=HTMLResponse)
async def edit_listing_form(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    prop = await session.get(Property, listing.property_id)
    return await form_page(request, session, person, form_of(listing, prop), listing=listing)


@router.post("/listings/{listing_id}", response_class=HTMLResponse)
async def update_listing(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    filled = ListingForm.read(form)
    command = filled.changes()
    if command is None:
        return await form_page(request, session, person, filled, listing=listing, status=400)
    try:
        await attempt(session, listings.update_listing(session, person, listing.id, command))
    except DomainError as exc:
        filled.errors[_field_of(exc)] = exc.message
        return await form_page(request, session, person, filled, listing=listing, status=400)
    return RedirectResponse(f"{listing_url(listing.id)}?notice=saved", status_code=303)


# What a one-button form changes: from the listing and the form, the listing's new values
# (None: the form names something the listing does not have, the 404 page).
Change = Callable[[UnitType, FormData], "dict[str, Any] | None"]
# What else a one-button change does once the listing is changed.
After = Callable[[Request, AsyncSession, UnitType, FormData], Awaitable[None]]


def _publishing(published: bool) -> Change:
    return lambda _listing, _form: {"is_published": published}


def _without_photo(listing: UnitType, form: FormData) -> dict[str, Any] | None:
    photos = list(listing.photos)
    remove = text(form, "photo_url")
    if remove not in photos:
        return None
    photos.remove(remove)
    main = listing.main_photo if listing.main_photo in photos else None
    return {"photos": photos, "main_photo": main or (photos[0] if photos else None)}


async def _change(
    request: Request,
    session: AsyncSession,
    listing_id: str,
    change: Change,
    notice: str,
    after: After | None = None,
) -> Response:
    """A one-button change of the listing (publish, unpublish, remove a photo)."""
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    values = change(listing, form)
    if values is None:
        return not_found(request)
    await listings.update_listing(
        session, person, listing.id, ListingChanges(**values, provided=frozenset(values))
    )
    if after is not None:
        await after(request, session, listing, form)
    return RedirectResponse(f"{listing_url(listing.id)}?notice={notice}", status_code=303)


@router.post("/listings/{listing_id}/publish")
async def publish(request: Request, session: DbSession, listing_id: str) -> Response:
    return await _change(request, session, listing_id, _publishing(True), "published")


@router.post("/listings/{listing_id}/unpublish")
async def unpublish(request: Request, session: DbSession, listing_id: str) -> Response:
    return await _change(request, session, listing_id, _publishing(False), "unpublished")


@router.post("/listings/{listing_id}/photos/remove")
async def remove_photo(request: Request, session: DbSession, listing_id: str) -> Response:
    return await _change(
        request, session, listing_id, _without_photo, "photo-removed", _forget_photo
    )


async def _forget_photo(
    request: Request, session: AsyncSession, listing: UnitType, form: FormData
) -> None:
    """A removed photo is no longer shown anywhere: its bytes go."""
    await photos.forget_url(session, settings_of(request), listing.id, text(form, "photo_url"))


@router.post("/listings/{listing_id}/photos", response_class=HTMLResponse)
async def add_photo(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    if person is None:
        return to_login(request)
    form = await posted_form(request, person)
    listing = await managed(session, person, listing_id)
    if listing is None:
        return not_found(request)
    prop = await session.get(Property, listing.property_id)
    upload = _photo(form)
    problem = None
    if upload is None:
        problem = "Choose an image file to upload."
    elif len(listing.photos) >= MAX_PHOTOS:
        problem = f"A listing has at most {MAX_PHOTOS} photos; remove one first."
    else:
        try:
            photo = await _store_photo(request, session, person, upload, listing)
            url = photos.download_path(photo.access_key)
        except DomainError as exc:
            problem = exc.message
    if problem is not None:
        return await form_page(
            request,
            session,
            person,
            form_of(listing, prop),
            listing=listing,
            status=400,
            photo_error=problem,
        )
    changes: dict[str, Any] = {
        "photos": [*listing.photos, url],
        "main_photo": listing.main_photo or url,
    }
    await listings.update_listing(
        session, person, listing.id, ListingChanges(**changes, provided=frozenset(changes))
    )
    return RedirectResponse(f"{listing_url(listing.id)}?notice=photo", status_code=303)
