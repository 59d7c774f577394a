"""Messaging between guests and hosts: one model that every surface reads and writes (the
Channel API's booking messages now, the marketplace's threads later).

Where things are
- models.py: threads, messages, attachments, and the words (sources, types, limits);
- access.py: who reads, writes and marks which messages (the readable statement);
- threads.py: a reservation's thread found or created race-free, its counters;
- service.py: send, thread_messages, mark_read, mark_selection, hide, flag;
- attachments.py: a file checked before it is stored (base64, size, type by its bytes);
- channel_views.py, channel_writes.py: the Channel API's selection, listing and items.
"""
