"""Ports for sending messages, and their adapters.

Email: SMTP (aiosmtplib) when STAYKIT_SMTP_HOST is set, else the development mailbox,
which keeps the message in the database for /dev/mailbox. SMS: no provider is reachable
from a self-hosted box by default, so the default adapter logs and keeps the message;
a real provider implements the same `SmsSender` port.
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import Protocol

import aiosmtplib
import structlog

from staykit.core.config import Settings

log = structlog.get_logger(__name__)


class DeliveryResult:
    SENT = "sent"  # handed to a real transport
    KEPT = "kept"  # kept in the development mailbox / log only


class EmailSender(Protocol):
    async def send(self, *, to: str, subject: str, body: str) -> str: ...


class SmsSender(Protocol):
    async def send(self, *, to: str, body: str) -> str: ...


class SmtpEmailSender:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, *, to: str, subject: str, body: str) -> str:
        msg = EmailMessage()
        msg["From"] = self.settings.mail_from
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        s = self.settings
        await aiosmtplib.send(
            msg,
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password,
            start_tls=s.smtp_starttls if not s.smtp_use_tls else False,
            use_tls=s.smtp_use_tls,
            timeout=30,
        )
        return DeliveryResult.SENT


class MailboxEmailSender:
    async def send(self, *, to: str, subject: str, body: str) -> str:
        log.debug("email kept in development mailbox", to=to, subject=subject)
        return DeliveryResult.KEPT


class LoggingSmsSender:
    async def send(self, *, to: str, body: str) -> str:
        log.debug("sms kept (no SMS provider configured)", to=to)
        return DeliveryResult.KEPT


def email_sender(settings: Settings) -> EmailSender:
    return SmtpEmailSender(settings) if settings.smtp_host else MailboxEmailSender()


def sms_sender(settings: Settings) -> SmsSender:
    return LoggingSmsSender()
