"""Domain events of every aggregate: written in the business transaction (recorder), acted
on by consumers that each domain package registers for the event types it cares about
(registry), run by one job per change (tasks)."""
