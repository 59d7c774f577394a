"""The booking engine: create, modify, approve, decline, cancel, expire and complete
reservations without ever double-booking a unit (docs/booking.md).

Where things are
- commands.py: what callers hand the engine and get back (NewReservation, StayChange,
  Booked, ...), its limits and invoice line codes;
- repository.py: reading reservations and who may see or manage them;
- allocation.py: units for a stay, their occupancy rows and their share of the price;
- create.py: create_reservation and the checks of a new booking;
- bulk.py: many new bookings at once (the Channel API's POST /bookings), planned in memory
  with create.py's checks, the quote engine and allocation's choice, written together;
- lifecycle.py: approve, decline, cancel (refund_for), expire_requests, complete_stays;
- changes.py: modify, set_master, update_details;
- events.py (snapshot, record_reservation), mails.py (the event mails, a consumer of
  staykit.domain.events), tasks.py (the periodic jobs), feed.py, items.py.

How a write stays correct under concurrency
1. The unit types it touches are locked with a transaction-scoped advisory lock (sorted,
   so two modifications cannot deadlock): bookings of one unit type are serialised, so the
   availability the quote reads (free units, stop-sell, availability caps) cannot change
   between reading it and writing the occupancy rows. A new booking takes it in the query
   that reads the listing, unless a night of the stay is already fully taken: then it is
   refused from a quote read without the lock (create.py), so a crowd racing for one
   night does not queue on the lock to learn the same thing one after another.
2. The quote engine prices the stay on the server and checks every rule (quote.py).
3. Units are allocated: one free unit for the whole stay when there is one (the lowest
   id), else the fewest pieces, each the unit free for the longest run from its first
   night (ties: the lowest id). Deterministic for the same calendar.
4. The Occupancy rows are written inside `occupancy_guard`: anything that still overlaps
   (a block created concurrently, an import) is refused by the exclusion constraint and
   answered as the same 409 naming the nights.
5. The domain event and the job acting on it are written in the same transaction.

Services only flush; the request (or job) commits.
"""
