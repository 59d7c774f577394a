"""The audit log: one immutable row per sensitive action (an admin's decision on a
dispute, ...), with who acted, by which credential, on what, and what changed."""
