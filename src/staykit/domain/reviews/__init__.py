"""Double-blind reviews after a completed stay (spec §6 reviewSystem) and the rating
aggregates of listings, hosts and guests.

The guest of a completed reservation reviews their stay once (one Review row, about the
listing or its host: it counts for BOTH the listing's and the host's aggregate); the host
reviews the guest once. Neither sees the other's review until both are in or the review
window closes (STAYKIT_REVIEW_WINDOW_DAYS after check-out), when a periodic job publishes
it. New reviews are approved at once (auto-approval); admins, superAdmins and holders of
the `reviews.moderate` permission moderate them (pending, approved, rejected) at any time.
Aggregates count published, approved, undeleted reviews only and are recounted under
their row lock in the transaction of every publish, moderation and delete.

Modules: models, errors, access (who sees a review, who moderates), aggregates (the
recount), service (submit, read, edit, moderate, delete), publishing (the double-blind's
release, used by submit and the job), tasks (the periodic job).
"""
