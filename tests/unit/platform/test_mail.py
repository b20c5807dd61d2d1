"""Mail: the outbox when no SMTP host is set, and real SMTP against a local aiosmtpd server."""

import email
import logging
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest

from mantelzorg_app import settings
from mantelzorg_app.services.platform import mail
from tests.support.server import free_port
from tests.support.smtp import SmtpServer
from tests.support.smtp import smtp_server as serve_smtp

TO = "jan.de.vries@example.org"
SUBJECT = "Uw inlogcode voor de Mantelzorghub"
BODY = "Uw code is 123456 — één keer te gebruiken.\n"
SMTP_ENV = [
    "MANTELZORG_SMTP_HOST",
    "MANTELZORG_SMTP_PORT",
    "MANTELZORG_SMTP_USER",
    "MANTELZORG_SMTP_PASSWORD",
    "MANTELZORG_SMTP_STARTTLS",
    "MANTELZORG_MAIL_FROM",
]


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    """What this app logged (aiosmtpd's own "mail.log" logger echoes the whole SMTP dialogue)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("mantelzorg"))


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with serve_smtp() as server:
        yield server


@pytest.fixture(autouse=True)
def no_mail_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No SMTP settings from the machine, and the instance folder in tmp_path."""
    for name in SMTP_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "INSTANCE", tmp_path)
    return tmp_path


def test_outbox_without_smtp_host(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        mail.send(mail.Message(to=TO, subject=SUBJECT, body=BODY))

    files = list((tmp_path / "outbox").iterdir())
    assert len(files) == 1
    assert files[0].suffix == ".eml"
    assert "jan" not in files[0].name
    msg = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg["To"] == TO
    assert msg["Subject"] == SUBJECT
    assert msg["From"] == mail.DEFAULT_FROM
    assert msg["Date"] and msg["Message-ID"]
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content() == BODY

    logged = our_log(caplog)
    assert SUBJECT in logged
    assert TO not in logged
    assert "123456" not in logged


def test_outbox_never_overwrites(tmp_path: Path) -> None:
    for _ in range(3):
        mail.send(mail.Message(to=TO, subject=SUBJECT, body=BODY))
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 3


def test_line_break_in_header_is_refused() -> None:
    with pytest.raises(ValueError):
        mail.send(mail.Message(to=TO, subject="Hallo\nBcc: iedereen@example.org", body=BODY))


def test_smtp(
    smtp_server: SmtpServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("MANTELZORG_SMTP_HOST", smtp_server.host)
    monkeypatch.setenv("MANTELZORG_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("MANTELZORG_MAIL_FROM", "Hub Zwolle <hub@zwolle.example>")

    with caplog.at_level(logging.DEBUG):
        mail.send(mail.Message(to=TO, subject=SUBJECT, body=BODY))

    assert smtp_server.recipients == [[TO]]
    [msg] = smtp_server.messages
    assert msg["To"] == TO
    assert msg["From"] == "Hub Zwolle <hub@zwolle.example>"
    assert msg["Subject"] == SUBJECT
    assert msg["Message-ID"].endswith("@zwolle.example>")
    assert msg.get_content().replace("\r\n", "\n") == BODY  # SMTP carries CRLF line ends
    assert not (tmp_path / "outbox").exists()
    assert TO not in our_log(caplog) and "123456" not in our_log(caplog)


def test_smtp_failure_raises_mail_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MANTELZORG_SMTP_PORT", str(free_port()))  # nothing listens there
    with pytest.raises(mail.MailError) as raised:
        mail.send(mail.Message(to=TO, subject=SUBJECT, body=BODY))
    assert TO not in str(raised.value)
    assert isinstance(raised.value.__cause__, OSError)


@pytest.mark.parametrize(
    ("env", "starttls"),
    [
        ({}, False),
        ({"MANTELZORG_SMTP_USER": "hub"}, True),
        ({"MANTELZORG_SMTP_USER": "hub", "MANTELZORG_SMTP_STARTTLS": "0"}, False),
    ],
)
def test_settings_defaults(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], starttls: bool) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    conf = mail.mail_settings()
    assert (conf.host, conf.port, conf.starttls, conf.sender) == (None, 587, starttls, mail.DEFAULT_FROM)


def test_password_not_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANTELZORG_SMTP_PASSWORD", "geheim-wachtwoord")
    assert "geheim-wachtwoord" not in repr(mail.mail_settings())
