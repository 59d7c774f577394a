"""The host's pages under /host: listings, their calendars, reservations and payouts,
server-rendered over the same domain services as the marketplace API."""
