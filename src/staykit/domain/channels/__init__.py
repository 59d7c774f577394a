"""Channels: what an account connects to the outside (iCal export and import settings per
property and room today; Airbnb, Booking.com and Stripe are not connected yet)."""
