"""Outbound webhooks: subscriptions (a business's, made through the Cloud API or the
portal) and the Channel API's per-property booking webhooks, fed by the domain events and
delivered from a transactional outbox (signed with Standard Webhooks, ordered per entity,
retried for about three days). See docs/webhooks.md."""
