"""Disputes of a reservation (spec §5 Dispute) and the admins' decisions on them (§7
AdminDisputeAction): the reservation's guest or host opens one, admins assign, review,
resolve or reject it, a refund it approves goes through the payments service, and each
decision is an AdminDisputeAction row and an audit log row.

Modules: models, errors, access (who sees and who decides), service (open, read, decide),
actions (the admins' action records)."""
