"""The guest web app at `/`: server-rendered pages (search, listing, booking, trips, inbox,
sign-in and sign-up) over the same domain services and marketplace sessions as the APIs."""
