"""Messages in a thread as the marketplace writes and edits them (spec §3: createMessage,
getMessage, updateMessage, deleteMessage, getThreadMessages).

- Sending: the thread's guest or host side only (404 for a thread the caller cannot
  read, 403 for readers who are not participants: staff, admins), to an open thread
  (409), text or media (a media message has an http(s) mediaUrl), at most
  `SendLimits.max_chars` characters, within the sender's rate (send_limits.py, 429).
  The sender, sentAt, the moderation fields and the thread's counters are the server's.
- Editing: content and mediaUrl by the sender or an admin (masked again as on sending);
  the flag (isFlagged, flagReason; flaggedBy is whoever sets it) by the sender or an
  admin; isModerated by admins; isRead by the side that receives the message.
- Deleting is service.hide: the row stays for audit, listed to nobody.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Select, Uuid, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging import access
from staykit.domain.messaging.delivery import Delivery, deliver_if
from staykit.domain.messaging.errors import (
    MessageNotFound,
    NotTheRecipient,
    NotTheSender,
    ThreadClosed,
    ThreadNotFound,
)
from staykit.domain.messaging.masking import mask_contacts, stay_confirmed
from staykit.domain.messaging.models import (
    GUEST,
    HOST,
    MAX_FLAG_REASON,
    MAX_MEDIA_URL,
    Message,
    MessageThread,
)
from staykit.domain.messaging.send_limits import (
    SendLimits,
    SendRate,
    check_send_rate,
    rate_key,
    rate_lock,
    sending_too_fast,
)
from staykit.domain.messaging.service import mark_read

WRITABLE_TYPES = ("text", "media")


@dataclass(frozen=True, slots=True)
class ThreadMessage:
    thread_id: uuid.UUID
    content: str
    message_type: str = "text"
    media_url: str | None = None


@dataclass(frozen=True, slots=True)
class MessageEdit:
    """updateMessage's changes; `provided` names the ones the client sent."""

    provided: frozenset[str] = field(default_factory=frozenset)
    content: str | None = None
    media_url: str | None = None
    is_flagged: bool | None = None
    flag_reason: str | None = None
    is_moderated: bool | None = None
    is_read: bool | None = None


def _check_content(content: str | None, limits: SendLimits) -> str:
    if content is None or not content.strip():
        raise InvalidInput(
            "content is required: the message's text.", code="contentIsRequired", field="content"
        )
    check_text("content", content, limits.max_chars)
    return content


def _check_media(message_type: str, media_url: str | None) -> None:
    if message_type not in WRITABLE_TYPES:
        raise Forbidden(
            "System messages come from staykit itself; send text or media.",
            code="messageTypeIsNotAllowed",
            field="message_type",
        )
    if media_url is not None:
        check_text("media_url", media_url, MAX_MEDIA_URL)
        if not media_url.lower().startswith(("https://", "http://")) or any(
            c.isspace() for c in media_url
        ):
            raise InvalidInput(
                "mediaUrl must be an http(s) address.", code="mediaUrlIsInvalid", field="media_url"
            )
    if message_type == "media" and media_url is None:
        raise InvalidInput(
            "A media message needs its mediaUrl.", code="mediaUrlIsRequired", field="media_url"
        )
    if message_type == "text" and media_url is not None:
        raise InvalidInput(
            "mediaUrl goes with messageType media.", code="mediaUrlIsNotAllowed", field="media_url"
        )


async def _confirmed(session: AsyncSession, thread: MessageThread) -> bool:
    if thread.reservation_id is None:
        return False
    status = await session.scalar(
        select(Reservation.status).where(Reservation.id == thread.reservation_id)
    )
    return stay_confirmed(status)


@dataclass(frozen=True, slots=True)
class _Writing:
    thread: MessageThread
    side: str  # GUEST or HOST
    confirmed: bool  # the thread's stay is confirmed (no contact masking)


def _thread_statement(principal: Principal, thread_id: Any, lock: Any) -> Select[Any]:
    """The thread (if readable), the principal's writing side, its reservation's status
    and the sender's rate lock: one statement."""
    return (
        select(MessageThread, access.writing_side(principal), Reservation.status, lock)
        .outerjoin(Reservation, Reservation.id == MessageThread.reservation_id)
        .where(MessageThread.id == thread_id, access.readable_threads(principal))
        .execution_options(populate_existing=True)
    )


@functools.cache
def _cached_thread_statement(is_admin: bool, credential: Credential) -> Select[Any]:
    """`_thread_statement` for a principal who is not down-scoped, built once per kind of
    principal with the user, the thread and the lock as bind parameters (building the
    statement and its cache key cost about a millisecond a send). The rule is the same
    one (access.py), applied to a principal whose user id is a bind parameter."""
    user = cast(uuid.UUID, bindparam("p_user_id", type_=Uuid()))
    role = "admin" if is_admin else "user"
    symbolic = Principal(user_id=user, role_id=role, credential=credential)
    return _thread_statement(symbolic, bindparam("p_thread_id", type_=Uuid()), rate_lock())


async def _thread_to_write(
    session: AsyncSession, principal: Principal, thread_id: uuid.UUID
) -> _Writing:
    """The thread (404 unless readable), the side the principal writes for (403 for
    readers who are not participants), its reservation's status and the sender's rate
    lock, in one statement: a send's round trips are most of its time."""
    if principal.businesses is None:
        stmt = _cached_thread_statement(principal.is_admin, principal.credential)
        params = {
            "p_user_id": principal.user_id,
            "p_thread_id": thread_id,
            "rate_key": rate_key(principal.user_id),
        }
        result = await session.execute(stmt, params)
    else:
        result = await session.execute(
            _thread_statement(principal, thread_id, rate_lock(principal.user_id))
        )
    row = result.one_or_none()
    if row is None:
        raise ThreadNotFound(thread_id, field="thread_id")
    thread, side, status, _ = row
    if side is None:
        raise access.not_a_participant()
    return _Writing(thread, side, stay_confirmed(status))


async def post_message(
    session: AsyncSession, principal: Principal, command: ThreadMessage, limits: SendLimits
) -> Message:
    """createMessage: see the module doc. The rate is checked by the INSERT itself (a
    statement after the one that took the sender's lock, send_limits.py): a send over
    the rate inserts nothing, and only then is the window read again for Retry-After."""
    writing = await _thread_to_write(session, principal, command.thread_id)
    thread = writing.thread
    if not thread.is_active or not thread.is_open:
        raise ThreadClosed(thread.id)
    _check_media(command.message_type, command.media_url)
    content = _check_content(command.content, limits)
    message = await deliver_if(
        session,
        principal,
        Delivery(
            thread_id=thread.id,
            business_id=thread.business_id,
            reservation_id=thread.reservation_id,
            sender_id=principal.user_id,
            source=writing.side,
            content=content,
            confirmed=writing.confirmed,
            message_type=command.message_type,
            media_url=command.media_url,
        ),
        SendRate(principal.user_id, limits),
    )
    if message is None:
        await check_send_rate(session, principal.user_id, limits, locked=True)
        raise sending_too_fast(limits, wait=1)  # pragma: no cover - the check raised
    return message


async def get_message(
    session: AsyncSession, principal: Principal, message_id: uuid.UUID, *, lock: bool = False
) -> Message:
    """A message the principal reads (its thread's participants, admins); else 404."""
    stmt = access.readable_messages(principal).where(Message.id == message_id)
    if lock:
        stmt = stmt.with_for_update(of=Message).execution_options(populate_existing=True)
    message = await session.scalar(stmt)
    if message is None:
        raise MessageNotFound(message_id)
    return message


def _sender_or_admin(principal: Principal, message: Message, what: str, field: str) -> None:
    if not principal.is_admin and message.sender_id != principal.user_id:
        raise NotTheSender(what, field=field)


async def edit_message(
    session: AsyncSession,
    principal: Principal,
    message_id: uuid.UUID,
    edit: MessageEdit,
    limits: SendLimits,
) -> Message:
    """updateMessage: see the module doc for who changes which field."""
    message = await get_message(session, principal, message_id, lock=True)
    given = edit.provided
    if not given:
        raise InvalidInput(
            "Nothing to change: send content, mediaUrl, isFlagged, flagReason, isModerated "
            "or isRead.",
            code="bodyIsEmpty",
            field="body",
        )
    if "content" in given or "media_url" in given:
        _sender_or_admin(principal, message, "edits a message", "content")
    if given & {"is_flagged", "flag_reason"}:
        _sender_or_admin(principal, message, "flags a message or retracts its flag", "is_flagged")
    if "is_moderated" in given and not principal.is_admin:
        raise Forbidden("Only admins mark a message moderated.", field="is_moderated")
    if "content" in given:
        _edit_content(
            message, _check_content(edit.content, limits), await _thread_confirmed(session, message)
        )
    if "media_url" in given:
        _check_media(message.message_type, edit.media_url)
        message.media_url = edit.media_url
    _edit_flag(principal, message, edit)
    if edit.is_moderated is not None:
        message.is_moderated = edit.is_moderated
    await session.flush()
    if edit.is_read is not None:
        try:
            await mark_read(session, principal, [message.id], read=edit.is_read)
        except NotTheRecipient as exc:
            exc.field = "is_read"  # this API's field (the Channel API's is `read`)
            raise
        await session.refresh(message)
    return message


async def _thread_confirmed(session: AsyncSession, message: Message) -> bool:
    thread = await session.get(MessageThread, message.thread_id)
    return thread is not None and await _confirmed(session, thread)


def _edit_content(message: Message, content: str, confirmed: bool) -> None:
    message.content, message.original_content = content, None
    if message.source in (GUEST, HOST) and not confirmed:
        masked = mask_contacts(content)
        if masked.changed:
            message.content, message.original_content = masked.text, content


def _edit_flag(principal: Principal, message: Message, edit: MessageEdit) -> None:
    check_text("flag_reason", edit.flag_reason, MAX_FLAG_REASON)
    if edit.is_flagged is False:
        message.is_flagged, message.flagged_by, message.flag_reason = False, None, None
        if edit.flag_reason is not None:
            raise InvalidInput(
                "A retracted flag has no reason.",
                code="flagReasonIsNotAllowed",
                field="flag_reason",
            )
    elif edit.is_flagged is True or (edit.flag_reason is not None and message.is_flagged):
        message.is_flagged = True
        message.flagged_by = principal.user_id
        if "flag_reason" in edit.provided:
            message.flag_reason = edit.flag_reason or None
    elif "flag_reason" in edit.provided and edit.flag_reason is not None:
        raise InvalidInput(
            "A flag reason goes with isFlagged true.",
            code="flagReasonIsNotAllowed",
            field="flag_reason",
        )
