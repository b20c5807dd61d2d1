"""A real SMTP server on loopback (aiosmtpd) for tests: every message it accepts is kept, parsed."""

import contextlib
import email
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.server import free_port


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)  # envelope RCPT TO, per message

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd handler hook
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def last_to(self, address: str) -> EmailMessage:
        for recipients, message in zip(reversed(self.recipients), reversed(self.messages), strict=True):
            if address in recipients:
                return message
        raise LookupError("no mail to that address")


@contextlib.contextmanager
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(host="127.0.0.1", port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
