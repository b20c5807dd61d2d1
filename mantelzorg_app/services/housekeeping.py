"""Deletes what can no longer be used: old sign-in codes (with their addresses), ended sessions,
expired tickets (with what they carried), the Wegwijzer answers a sign-in carried once they are
old (services.identity.carried), abandoned sign-ins at the municipality and numbers called back a
month ago, 1:1 chat conversations older than the hub keeps them (services.chat.privacy), and the
names and numbers of sign-ups by phone a month after their date (services.calendar.privacy), and
general news items older than the feeds keep them (services.news.importing). Safe to run often and
on every worker.

``send_due_mails`` is the hourly run's other half: "Is het gelukt?" (services.help.notices), the
sociale kaart's "Klopt dit nog?" (services.directory.checks), the chat's "Er is een bericht voor
u" (services.chat.notices), the agenda's reminder the day before (services.calendar.notices) and the
coordinator's daily "Er wachten berichten" while news posts wait (services.news.moderation).
Each domain's step claims and commits its mails and they are sent before the next step starts, so
a second worker finds none, and a step that fails (logged) keeps no other's mails back."""

import logging
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, delete

from mantelzorg_app.models import OidcRequest
from mantelzorg_app.services.calendar import indexing as calendar_indexing
from mantelzorg_app.services.calendar import notices as calendar_notices
from mantelzorg_app.services.calendar import privacy as calendar_privacy
from mantelzorg_app.services.chat import notices as chat_notices
from mantelzorg_app.services.chat import privacy as chat_privacy
from mantelzorg_app.services.directory import checks
from mantelzorg_app.services.help import callbacks, notices
from mantelzorg_app.services.identity import carried, handoffs, login_codes, sessions
from mantelzorg_app.services.news import importing as news_importing
from mantelzorg_app.services.news import moderation as news_moderation
from mantelzorg_app.services.platform import mail

log = logging.getLogger("mantelzorg.housekeeping")


def tidy(session: Session, now: datetime) -> dict[str, int]:
    """How many rows of each kind were deleted."""
    oidc = session.exec(delete(OidcRequest).where(col(OidcRequest.expires_at) <= now))
    session.commit()
    return {
        "login codes": login_codes.forget_old(session, now),
        "sessions": sessions.forget_expired(session, now),
        "handoffs": handoffs.forget_expired(session, now),
        "carried answers": carried.forget_old(session, now),
        "oidc requests": oidc.rowcount,
        # before the call-backs: a call-back's conversation is unlinked before its number goes
        "old conversations": chat_privacy.forget_old(session, now),
        "called-back numbers": callbacks.forget_called(session, now),
        "phone sign-ups' names": calendar_privacy.forget_phone_numbers(session, now),
        "ended activities' search entries": calendar_indexing.unindex_ended(session, now),
        "aged-out news items": news_importing.forget_old(session, now),
    }


def _follow_ups(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    found = notices.due_follow_ups(session, now, base)  # claimed and committed: send them now
    mail.send_all(found)
    return found


def _checks(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    return checks.ask_owners(session, now, base)  # sends each service's mails, then records them


def _chat(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    found = chat_notices.due_mails(session, now, base)  # claimed and committed: send them now
    mail.send_all(found)
    return found


def _reminders(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    found = calendar_notices.due_reminders(session, now, base)  # claimed and committed: send them now
    mail.send_all(found)
    return found


def _news_digests(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    found = news_moderation.due_digests(session, now, base)  # claimed and committed: send them now
    mail.send_all(found)
    return found


# what the log calls each step, and the step: it commits and sends its own mails
MAIL_STEPS: tuple[tuple[str, Callable[[Session, datetime, str | None], list[mail.Message]]], ...] = (
    ("'Is het gelukt?'", _follow_ups),
    ("'Klopt dit nog?'", _checks),
    ("'Er is een bericht voor u'", _chat),
    ("'Morgen: ...'", _reminders),
    ("'Er wachten berichten'", _news_digests),
)


def send_due_mails(session: Session, now: datetime, base: str | None) -> dict[str, int]:
    """Sends the mails that are due now, each domain's on its own; how many of each went (a step
    that failed is logged and missing)."""
    counts = {}
    for what, step in MAIL_STEPS:
        try:
            counts[what] = len(step(session, now, base))
        except Exception:  # one domain's fault must not keep the other's mails back
            log.exception("mailing %s failed; the next run tries again", what)
            session.rollback()
    return counts
