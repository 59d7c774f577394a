"""Listing search (behind GET /propertycatalog-api/v1/listings): filters, text, radius,
dates and prices in ONE SQL query per page, whatever the number of listings it returns.

The package: params.py (SearchParams, limits, validate), prices.py (the stay's price in
SQL), query.py (the statement of each shape and its paging), service.py (search_listings).
The marketplace reads a query string into SearchParams
(staykit.api.marketplace.catalog_search_params).

What a search can ask for (every parameter optional):
- the spec's list filters of listListings (§4.2, syntax of
  staykit.api.marketplace.filters), as SQL conditions: title, hostId, address,
  pricePerNight (incl. $lt-/$btw- ranges), propertyType, currency, isPublished;
- q: words matched typo-tolerantly (pg_trgm word_similarity >= 0.5) against the title,
  the description and the city; EVERY word must match one of them. "apartmnt" finds
  "apartment", "buapest" finds Budapest. Ranked by similarity (title counts double);
- lat, lng, radiusKm: listings whose property lies within radiusKm of the point
  (earthdistance: an earth_box test the GiST index ix_search_listings_earth answers, then
  the great-circle distance). lat/lng alone only give `distanceKm` and sort=distance;
- checkIn, checkOut: only listings bookable for the WHOLE stay under the rules of the quote
  engine (quote.py): every night has a sellable unit (active units minus active
  occupancies, then the InventoryDay's stop-sell or availability cap), the stay length
  within the min/max stay of the ARRIVAL date (the default rate's RateDay, else the
  listing's), not closed to arrival on checkIn nor to departure on checkOut, and checkIn
  not before today where the property is;
- guestCount: at most the listing's max guests;
- minPrice, maxPrice: the nightly price (pricePerNight) without dates; with dates, the
  quoted total of the stay on the default rate, computed in SQL exactly as quote_stay does:
  nightly prices (RateDay price > last matching seasonal rule > base price, each quantized
  half-even), extra-guest charges for the adult guest type, cleaning fee and city tax.
  Amounts are compared as numbers whatever the listing's currency (add a currency filter
  to compare like with like);
- amenityIds: the listing has ALL of them;
- sort: newest (default), relevance (default when q is given; needs q), price, -price
  (the quoted total when dates are given), distance (needs lat/lng), rating (the
  listing's average rating, best first; every hit carries averageRating and reviewCount,
  which the reviews domain keeps on the index row).

How it stays one query and cheap:
- Candidates come from search_listings (search_index.py), one compact row per listing kept
  exact by triggers: the filters, the property's earth point and time zone, the price
  inputs and `sold_out`, the nights with no sellable unit. A stay is available when its
  nights miss `sold_out` (one range operator): no units, occupancies or inventory rows are
  read at search time. The radius test compares the chord length (cube_distance, cheap)
  and computes the exact great-circle distance only within a hair of the radius.
- With dates, each candidate reads its calendar in ONE range scan of rate_days (checkIn to
  checkOut); nights without a RateDay price cost the same and are counted, not listed
  (listings with seasonal rules walk theirs). The price levels then run over the
  candidates, each amount rounded where quote.py rounds it.
- The page is cut from these narrow rows (with the window count); only its rows are
  joined to unit_types and properties.
- q: each word is an IN over three trigram GIN indexes (title, description, city) with
  `word <% column`, whose threshold the statement itself sets (set_config(..., true), an
  InitPlan the index scan depends on) to WORD_SIMILARITY for the transaction; the exact
  word_similarity test is kept as well.
- The statement of each "shape" of search (which parameters are present), and its paged
  form, are built once and reused with bound parameters: building one (and SQLAlchemy's
  cache key of it) costs about as much as running a small search.

Who sees what: everyone sees published, active listings. A user filtering by their own
hostId also sees their unpublished ones; admins see every active listing (isPublished
narrows), and with `isActive=false` the deleted ones.
"""

from staykit.domain.catalog.search.params import (
    MAX_AMENITIES,
    SORTS,
    SearchParams,
    validate,
)
from staykit.domain.catalog.search.query import build_query, page_values, paged_query
from staykit.domain.catalog.search.service import SearchHit, search_listings

__all__ = [
    "MAX_AMENITIES",
    "SORTS",
    "SearchHit",
    "SearchParams",
    "build_query",
    "page_values",
    "paged_query",
    "search_listings",
    "validate",
]
