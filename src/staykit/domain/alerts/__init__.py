"""Telling people what happened: a user's in-app notifications and push devices, sending
to them on the channels they chose, and the consumers of domain events that decide who
hears of which event.

It sits above staykit.domain.notifications (the channels themselves: outbound email and
SMS, push, preferences, the live stream), which the packages it reads (auth, booking,
messaging) use to queue their own mails; so this package may import them and they never
import it."""
