"""The messaging package's typed errors, in domain words (field `content`, `attachment`,
`source`, `message_id`), each with a stable camelCase code."""

from __future__ import annotations

import uuid

from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class MessageNotFound(NotFound):
    code = "messageNotFound"

    def __init__(self, message_id: uuid.UUID | int) -> None:
        super().__init__(f"No message {message_id}.", field="message_id")


class NotAParticipant(Forbidden):
    """The caller may not write this kind of message in this conversation."""

    code = "notAParticipant"

    def __init__(self, message: str, *, field: str = "source") -> None:
        super().__init__(message, field=field)


class NotTheRecipient(Forbidden):
    """Read marks belong to the side that receives the message."""

    code = "notTheRecipient"

    def __init__(self, source: str) -> None:
        side = "its guest" if source == "host" else "the host's side"
        super().__init__(
            f"A {source.replace('_', ' ')} message is marked read by {side}, who receives it.",
            field="read",
        )


class BadAttachment(InvalidInput):
    code = "attachmentIsInvalid"

    def __init__(self, message: str, *, field: str = "attachment") -> None:
        super().__init__(message, field=field)


class ThreadNotFound(NotFound):
    code = "messageThreadNotFound"

    def __init__(self, thread_id: uuid.UUID, *, field: str = "message_thread_id") -> None:
        super().__init__(f"No message thread {thread_id}.", field=field)


class ThreadAlreadyOpen(Conflict):
    """The context (guest, host, listing, reservation) has an open thread already."""

    code = "messageThreadAlreadyOpen"

    def __init__(self, thread_id: uuid.UUID | None, *, field: str = "reservation_id") -> None:
        super().__init__(
            "This conversation already has an open thread"
            + (f" ({thread_id}): write there." if thread_id else "."),
            field=field,
        )
        self.facts = {"threadId": None if thread_id is None else str(thread_id)}


class ThreadClosed(Conflict):
    code = "messageThreadIsClosed"

    def __init__(self, thread_id: uuid.UUID) -> None:
        super().__init__(
            f"Message thread {thread_id} is closed: reopen it (isOpen true) to write.",
            field="thread_id",
        )


class NotTheSender(Forbidden):
    code = "notTheSender"

    def __init__(self, what: str, *, field: str) -> None:
        super().__init__(f"Only the message's sender or an admin {what}.", field=field)


class MessageReportNotFound(NotFound):
    code = "messageReportNotFound"

    def __init__(self, report_id: uuid.UUID) -> None:
        super().__init__(f"No message report {report_id}.", field="message_report_id")
