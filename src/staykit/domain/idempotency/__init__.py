"""Idempotency keys: the answer to a create or payment call, kept for a day under the
key its caller chose, so that a client retrying after a timeout gets the first answer
instead of a second booking or charge. The HTTP side (the `Idempotency-Key` header, the
replay) is `staykit.api.idempotency`; this package stores and finds answers (store) and
purges expired ones (tasks)."""
