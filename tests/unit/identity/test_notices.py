"""The sign-in mail: the code in two groups, the link, the hub, in the visitor's language."""

from datetime import UTC, datetime

import pytest

from mantelzorg_app.services.identity import notices
from mantelzorg_app.services.identity.login_codes import Issued
from mantelzorg_app.services.platform import mail

BASE = "https://leusden.example.org/"
ISSUED = Issued(code="123456", link_token="tok-en", expires_at=datetime(2026, 11, 23, 10, 10, tzinfo=UTC))


def test_the_code_mail_holds_the_code_in_two_groups_the_link_and_the_hub() -> None:
    told = notices.sign_in_code("carla@example.org", "Leusden", ISSUED, BASE, "nl")
    assert told.to == "carla@example.org"
    assert told.subject == "Uw code om in te loggen"
    assert told.body == (
        "Hallo,\n\nUw code is: 123 456\n\n"
        "Of tik op deze link om in te loggen:\nhttps://leusden.example.org/auth/link?t=tok-en\n\n"
        "De code en de link werken 10 minuten, en maar één keer.\n"
        "Heeft u niets gevraagd? Dan hoeft u niets te doen.\n\nMantelzorghub Leusden"
    )


def test_the_code_mail_is_in_the_visitors_language() -> None:
    told = notices.sign_in_code("carla@example.org", "Leusden", ISSUED, BASE, "en")
    assert told.subject == "Your code to sign in"
    assert told.body.startswith("Hello,\n\nYour code is: 123 456\n\nOr tap this link to sign in:\n")
    assert "https://leusden.example.org/auth/link?t=tok-en" in told.body
    assert told.body.endswith("Mantelzorghub Leusden")


def test_without_a_trusted_address_no_code_mail_is_made() -> None:
    with pytest.raises(mail.MailError, match="MANTELZORG_PUBLIC_URL"):
        notices.sign_in_code("carla@example.org", "Leusden", ISSUED, None, "nl")
