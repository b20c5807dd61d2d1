"""Outgoing mail: SMTP when ``MANTELZORG_SMTP_HOST`` is set, else ``.eml`` files in ``instance/outbox``.

The outbox lets a newcomer sign in on ``make run`` without a mail server: open the newest file there.
Recipients and bodies are personal data and bodies carry sign-in codes, so neither is ever logged;
only the subject is, which therefore must never hold a code or a name. When a person is wiped, the
outbox's mails to their address go too (`forget_outbox`).
"""

import logging
import os
import secrets
import smtplib
import ssl
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr

from mantelzorg_app import settings

log = logging.getLogger("mantelzorg.mail")

DEFAULT_FROM = "Mantelzorghub <noreply@mantelzorghub.invalid>"
TIMEOUT = 10  # seconds, for connecting and for each SMTP command


class MailError(Exception):
    """Mail could not be sent; the message is plain enough to show, the cause is chained."""


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str  # plain text


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    user: str | None
    password: str | None = field(repr=False)  # kept out of reprs, tracebacks and logs
    starttls: bool
    sender: str


def mail_settings() -> MailSettings:
    """The mail settings in the environment now (read per call, so tests and operators can change them)."""
    env = os.environ.get
    user = env("MANTELZORG_SMTP_USER") or None
    try:
        port = int(env("MANTELZORG_SMTP_PORT") or 587)
    except ValueError as exc:
        raise MailError("MANTELZORG_SMTP_PORT is not a number") from exc
    return MailSettings(
        host=env("MANTELZORG_SMTP_HOST") or None,
        port=port,
        user=user,
        password=env("MANTELZORG_SMTP_PASSWORD") or None,
        # Never send a password in the clear unless explicitly told to.
        starttls=(env("MANTELZORG_SMTP_STARTTLS") or ("1" if user else "0")) == "1",
        sender=env("MANTELZORG_MAIL_FROM") or DEFAULT_FROM,
    )


def build(message: Message, sender: str) -> EmailMessage:
    """The complete e-mail. Header values with line breaks are refused (ValueError): no header injection."""
    now = datetime.now(UTC)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "mantelzorghub.invalid"
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = message.to
    msg["Subject"] = message.subject
    msg["Date"] = format_datetime(now)
    # An explicit domain: the default looks up this machine's name, which is slow and leaks it.
    msg["Message-ID"] = make_msgid(domain=domain)
    # Quoted-printable keeps the body 7-bit, so any relay passes it, with or without 8BITMIME.
    msg.set_content(message.body, charset="utf-8", cte="quoted-printable")
    return msg


def send(message: Message) -> None:
    """Sends ``message`` by SMTP, or writes it to the outbox when no SMTP host is configured.

    Raises MailError when it cannot be delivered to the server or written.
    """
    conf = mail_settings()
    msg = build(message, conf.sender)
    if conf.host:
        _send_smtp(msg, conf)
    else:
        _write_outbox(msg)
        log.info("mail written to outbox: %s", message.subject)


def _send_smtp(msg: EmailMessage, conf: MailSettings) -> None:
    assert conf.host
    try:
        with smtplib.SMTP(conf.host, conf.port, timeout=TIMEOUT) as smtp:
            if conf.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if conf.user:
                smtp.login(conf.user, conf.password or "")
            smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:  # ssl.SSLError and timeouts are OSErrors too
        raise MailError(f"could not send mail via {conf.host}:{conf.port}") from exc


def _write_outbox(msg: EmailMessage) -> None:
    outbox = settings.outbox()
    # Time first so the files sort by age; a random suffix, never the address, keeps names unique.
    name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}.eml"
    try:
        outbox.mkdir(parents=True, exist_ok=True)
        with (outbox / name).open("xb") as fileobj:
            fileobj.write(msg.as_bytes())
    except OSError as exc:
        raise MailError(f"could not write mail to {outbox}") from exc


def forget_outbox(address: str) -> int:
    """Deletes the outbox's mails to ``address`` (any case, with or without a name); how many went."""
    wanted = address.strip().lower()
    gone = 0
    for path in settings.outbox().glob("*.eml"):
        with path.open("rb") as fileobj:
            headers = BytesHeaderParser().parse(fileobj)
        if any(found.lower() == wanted for _, found in getaddresses(headers.get_all("To", []))):
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def send_all(messages: Iterable[Message]) -> None:
    """Sends each, after the change they tell of is committed; a failure is logged and never undoes
    what the person just did."""
    for message in messages:
        try:
            send(message)
        except MailError as error:
            log.error("mail not sent: %s", error)
