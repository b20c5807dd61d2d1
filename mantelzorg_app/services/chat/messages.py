"""Sending and reading messages, with the guarantees the chat states:

- **Stored before shown.** ``send`` numbers and adds the message in the caller's transaction; the
  state commits, and only then shows it as sent and pushes it to the other members.
- **Numbered, no gap, no repeat.** ``send`` raises ``Conversation.last_seq`` with one UPDATE; on
  PostgreSQL that locks the conversation's row until the commit (SQLite writes one at a time), so
  numbers are given in commit order and a reader that has seen number n never misses n - 1.
  ``after(seq)`` gives every visible message after the number a page holds, in order.
- **Safe to retry.** The browser names each message (``local_id``); sending the same id again
  answers the stored message and stores nothing, also when the retry arrives while the first try
  is still being stored (it waits for the conversation's row).

Limits per person: a burst of ``BURST`` messages within ``BURST_WINDOW`` is fine, more is refused in
words; ``PER_DAY`` a day; ``TEXT_MAX`` characters (the page counts down). In a group room a message
with a phone number or an e-mail address is held back until the sender says yes to sharing it.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select, update

from mantelzorg_app.models import (
    STAFF_ROLES,
    ChatBlock,
    ChatMessage,
    Conversation,
    Kind,
    Membership,
    Person,
    Role,
)
from mantelzorg_app.services.chat import blocks
from mantelzorg_app.services.chat.conversations import Access, typed_names
from mantelzorg_app.services.identity.authz import refuse
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

TEXT_MAX = 1000
BURST = 10
BURST_WINDOW = timedelta(seconds=30)
PER_DAY = 300
SHOWN_MOST = 200  # a page holds the newest 200 messages; older ones on asking

EMPTY = N_("Typ eerst een bericht.")
TOO_LONG = N_("Dit bericht is te lang. Schrijf het korter.")
FLOOD = N_("U stuurt veel berichten snel na elkaar. Wacht een halve minuut en probeer het dan nog eens.")
TOO_MANY = N_("U heeft vandaag al heel veel berichten gestuurd. Probeer het morgen weer.")
SHARE_CONTACT = N_("Wilt u dit nummer echt met iedereen delen?")
SHARE_EMAIL = N_("Wilt u dit e-mailadres echt met iedereen delen?")
HELD_BACK = (SHARE_CONTACT, SHARE_EMAIL)  # the questions a group room asks before it takes the message
NO_LOCAL_ID = N_("Dit bericht kon niet mee. Laad de pagina opnieuw en probeer het nog eens.")
CLOSED = N_("Dit gesprek is gesloten. U kunt hier geen berichten meer sturen.")

# A phone number as people type one: 06-12345678, 033 - 123 45 67, (033) 1234567, 057 33 44 55
# (a 0 and 9 to 11 digits in all, as Dutch and Belgian numbers are), +32 57 33 44 55 or 0032 ...
# (a country code and 9 to 14 digits). Never ending where more digits follow, so "1990 1992",
# "14.00 - 16.00 uur" and "27-11-2026" are no number (they do not start with a 0 either).
_GAP = r"[\s\-./()]{0,3}"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)[1-9](?:{_GAP}\d){{8,13}}|0[1-9](?:{_GAP}\d){{7,9}})(?!{_GAP}\d)(?!\w)"
)
# what starts with a 0 but is a date or a time: 06-12-26 14.00, 01.12.2026, 09.30 - 11.00
_DATE_OR_TIME = r"(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})|\d{1,2}[.:]\d{2})"
_WHEN = re.compile(rf"{_DATE_OR_TIME}(?:\s*[-\s]\s*{_DATE_OR_TIME})*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LOCAL_ID = re.compile(r"[0-9A-Za-z-]{8,36}")


def contact_question(text: str) -> str | None:
    """What a group room asks before it takes ``text``: ``SHARE_CONTACT`` for something that looks
    like a phone number, ``SHARE_EMAIL`` for an e-mail address; None when it holds neither."""
    if any(not _WHEN.fullmatch(found.group().strip()) for found in _PHONE.finditer(text)):
        return SHARE_CONTACT
    return SHARE_EMAIL if _EMAIL.search(text) else None


def has_contact_details(text: str) -> bool:
    """Whether ``text`` holds something that looks like a phone number or an e-mail address."""
    return contact_question(text) is not None


@dataclass(frozen=True)
class Card:
    """A sociale kaart service, an activity or a news post shared into a conversation: its kind,
    title and the hub part of its page (``routes.service_part``), all from server-side data."""

    kind: str  # "service", "activity" or "post"
    title: str
    path: str


@dataclass(frozen=True)
class Shown:
    """One message as the reader sees it."""

    id: int
    seq: int
    author: str  # first name; "" for a wiped person ("verwijderde gebruiker" on the page)
    badge: str  # "staff" (a professional or the coordinator), "vetted" (a volunteer with a VOG), ""
    mine: bool
    text: str  # "" when the coordinator hid it
    card: Card | None
    hidden: bool
    at: datetime


def send(
    session: Session,
    found: Access,
    actor_id: int,
    text: str,
    local_id: str,
    now: datetime,
    *,
    share_contact: bool = False,
    card: Card | None = None,
) -> tuple[ChatMessage, bool]:
    """Adds the member's message (not committed); answers it and whether it is new. The same
    ``local_id`` again answers the stored message, whatever its text."""
    conversation = found.conversation
    if not isinstance(local_id, str) or not _LOCAL_ID.fullmatch(local_id):
        raise Invalid({"text": NO_LOCAL_ID})  # the page's script did not load: nothing is stored
    # the conversation's row first (PostgreSQL locks it until the commit; SQLite writes one at a
    # time): a retry that races its own first try waits for it and then finds it stored
    session.exec(
        select(Conversation.id).where(col(Conversation.id) == conversation.id).with_for_update()
    ).one()
    stored = session.exec(
        select(ChatMessage).where(
            ChatMessage.conversation_id == conversation.id, ChatMessage.local_id == local_id
        )
    ).first()
    if stored is not None:
        if stored.author_id != actor_id:
            refuse(session, "send-message", conversation.hub_id, actor_id, "local id of another")
        return stored, False
    if not found.posting:
        raise Invalid({"text": CLOSED})
    cleaned = text.strip()
    if not cleaned and card is None:
        raise Invalid({"text": EMPTY})
    if len(cleaned) > TEXT_MAX:
        raise Invalid({"text": TOO_LONG})
    _check_limits(session, actor_id, now)
    question = contact_question(cleaned) if conversation.kind == Kind.room and not share_contact else None
    if question:
        raise Invalid({"text": question})
    seq = session.exec(
        update(Conversation)
        .where(col(Conversation.id) == conversation.id)
        .values(last_seq=Conversation.last_seq + 1, last_message_at=now)
        .returning(Conversation.last_seq)
    ).one()[0]
    message = ChatMessage(
        conversation_id=conversation.id,
        seq=seq,
        local_id=local_id,
        author_id=actor_id,
        text=cleaned,
        card_kind=card.kind if card else "",
        card_title=card.title[:120] if card else "",
        card_path=card.path[:200] if card else "",
        created_at=now,
    )
    session.add(message)
    session.flush()
    session.expire(conversation)  # last_seq changed in the database
    found.member.read_seq = seq  # the sender has read their own message
    session.add(found.member)
    return message, True


def _check_limits(session: Session, actor_id: int, now: datetime) -> None:
    def since(moment: datetime) -> int:
        return session.exec(
            select(func.count()).where(ChatMessage.author_id == actor_id, ChatMessage.created_at > moment)
        ).one()

    if since(now - BURST_WINDOW) >= BURST:
        raise Invalid({"text": FLOOD})
    if since(now - timedelta(days=1)) >= PER_DAY:
        raise Invalid({"text": TOO_MANY})


def after(session: Session, found: Access, reader_id: int, seq: int, limit: int = SHOWN_MOST) -> list[Shown]:
    """The visible messages numbered after ``seq``, oldest first; with ``seq`` 0 the newest
    ``limit``. Messages of people the reader blocked are left out."""
    query = select(ChatMessage).where(
        ChatMessage.conversation_id == found.conversation.id, ChatMessage.seq > seq
    )
    query = blocks.without(query, blocks.blocked_by(session, reader_id))
    if seq <= 0:
        rows = list(reversed(session.exec(query.order_by(col(ChatMessage.seq).desc()).limit(limit)).all()))
    else:
        rows = list(session.exec(query.order_by(col(ChatMessage.seq)).limit(limit)).all())
    return shown(session, found.conversation.hub_id, rows, reader_id)


def changes(session: Session, conversation_id: int, reader_id: int, from_seq: int) -> tuple[int, int, int]:
    """What can change in the lines a page holds (numbered from ``from_seq``) without a new
    number: how many the coordinator hid, how many lost their author (wiped), and how many people
    the reader blocked. One small query: a page compares it with what it saw last time and reads
    its lines again only when it differs; otherwise a push reads just the new messages."""
    held = select(ChatMessage).where(
        ChatMessage.conversation_id == conversation_id, ChatMessage.seq >= from_seq
    )
    hidden = select(func.count()).select_from(held.where(col(ChatMessage.hidden_at).is_not(None)).subquery())
    unsigned = select(func.count()).select_from(held.where(col(ChatMessage.author_id).is_(None)).subquery())
    blocked = select(func.count()).where(ChatBlock.blocker_id == reader_id)
    found = session.exec(
        select(hidden.scalar_subquery(), unsigned.scalar_subquery(), blocked.scalar_subquery())
    ).one()
    return int(found[0]), int(found[1]), int(found[2])


def before(session: Session, found: Access, reader_id: int, seq: int, limit: int = SHOWN_MOST) -> list[Shown]:
    """Older messages, for "Eerdere berichten": the ``limit`` visible ones numbered before ``seq``."""
    query = select(ChatMessage).where(
        ChatMessage.conversation_id == found.conversation.id, ChatMessage.seq < seq
    )
    query = blocks.without(query, blocks.blocked_by(session, reader_id))
    rows = list(reversed(session.exec(query.order_by(col(ChatMessage.seq).desc()).limit(limit)).all()))
    return shown(session, found.conversation.hub_id, rows, reader_id)


def shown(session: Session, hub_id: int, rows: list[ChatMessage], reader_id: int) -> list[Shown]:
    authors = {m.author_id for m in rows if m.author_id is not None}
    names = (
        dict(session.exec(select(Person.id, Person.first_name).where(col(Person.id).in_(authors))).all())
        if authors
        else {}
    )
    badges = _badges(session, hub_id, authors)
    typed = typed_names(session, {m.conversation_id for m in rows}, reader_id)
    return [
        Shown(
            id=m.id,
            seq=m.seq,
            author=typed.get(m.conversation_id, {}).get(m.author_id, names.get(m.author_id, "")),
            badge=badges.get(m.author_id, ""),
            mine=m.author_id == reader_id,
            text="" if m.hidden_at else m.text,
            card=Card(m.card_kind, m.card_title, m.card_path) if m.card_kind and not m.hidden_at else None,
            hidden=m.hidden_at is not None,
            at=m.created_at,
        )
        for m in rows
    ]


def _badges(session: Session, hub_id: int, people: set[int]) -> dict[int, str]:
    """Professionals and the coordinator are marked "staff", volunteers whose VOG the coordinator
    saw "vetted": both next to their first name."""
    if not people:
        return {}
    found: dict[int, str] = {}
    for person_id, role, vog in session.exec(
        select(Membership.person_id, Membership.role, Membership.vog_checked_on).where(
            Membership.hub_id == hub_id, col(Membership.person_id).in_(people), ~col(Membership.pending)
        )
    ).all():
        if role in STAFF_ROLES:
            found[person_id] = "staff"
        elif role == Role.volunteer and vog is not None and found.get(person_id) != "staff":
            found[person_id] = "vetted"
    return found
