"""The messaging package's typed errors, in domain words (field `content`, `attachment`,
`source`, `message_id`), each with a stable camelCase code."""

from __future__ import annotations

import uuid

from staykit.core.errors import Forbidden, InvalidInput, NotFound


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
