"""The unread mail: a message that waits unread for an hour brings one mail, "Er is een bericht voor
u in de Mantelzorghub", with a link to the hub's Praten page and nothing of the message: no text,
no sender, not which conversation. The hourly run (services.housekeeping.send_due_mails) sends it.

- **At most one a day** per person (``Person.chat_mailed_at``), however many conversations wait;
- **one an unread stretch**: a conversation mailed about (``ChatMember.mailed_seq`` above
  ``read_seq``) brings no second mail until the person has read up to it; then a new stretch starts;
- **only** for a 1:1 (a request's or a call-back's) and a question to an organisation: a group
  room's messages bring no mail;
- **never** when the person switched it off on Mijn gegevens (``Person.chat_mail``), for their own
  messages, hidden ones, or messages of someone they blocked; not from a conversation they may no
  longer read (``conversations.may_read``: a person without a role in the hub, a professional linked
  elsewhere since, a volunteer who no longer qualifies for the request);
- **once, also with several workers and across restarts**: a conditional UPDATE of the person's
  ``chat_mailed_at`` claims the mail and is committed, with the stretches it covers, before the mail
  is handed over; a second worker's UPDATE then changes no row. (A crash between the commit and the
  sending loses that one mail rather than sending it twice.)

The mail is in Dutch, the hub's language, like services.help.notices: outside a visit the app does not
know a person's language.
"""

from datetime import datetime, timedelta

from sqlmodel import Session, and_, col, exists, or_, select, update

from mantelzorg_app import routes
from mantelzorg_app.models import (
    ChatBlock,
    ChatMember,
    ChatMessage,
    Conversation,
    Hub,
    Kind,
    Membership,
    Person,
)
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.identity import authz
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform import hub_mails, mail
from mantelzorg_app.services.platform.i18n import N_

WAITS = timedelta(hours=1)  # a message unread this long brings the mail
EVERY = timedelta(days=1)  # at most one mail in this time per person

SUBJECT = N_("Er is een bericht voor u in de Mantelzorghub")
BODY = N_(
    "Hallo {name},\n\nEr is een bericht voor u in de Mantelzorghub. U leest het bij Praten.\n\n"
    "Wilt u deze mail niet meer? Zet hem uit bij Mijn gegevens."
)


def switch(session: Session, person_id: int, on: bool) -> None:
    """Mijn gegevens: the person's unread mail on or off (not committed)."""
    session.exec(update(Person).where(col(Person.id) == person_id).values(chat_mail=on))


def _may_mail(now: datetime):
    """The person wants the mail and had none in the last ``EVERY``."""
    return and_(
        col(Person.chat_mail),
        or_(col(Person.chat_mailed_at).is_(None), col(Person.chat_mailed_at) <= now - EVERY),
    )


def waiting(session: Session, now: datetime) -> dict[int, list[tuple[ChatMember, Conversation]]]:
    """Per person who may be mailed now: the conversations (and their membership) where a message
    for them waits unread for ``WAITS`` or longer, in an unread stretch not yet mailed about;
    oldest waiting first."""
    blocked = select(ChatBlock.blocked_id).where(ChatBlock.blocker_id == ChatMember.person_id)
    for_them = or_(
        col(ChatMessage.author_id).is_(None),
        and_(ChatMessage.author_id != ChatMember.person_id, col(ChatMessage.author_id).not_in(blocked)),
    )
    old_unread = exists(
        select(ChatMessage.id).where(
            ChatMessage.conversation_id == ChatMember.conversation_id,
            ChatMessage.seq > ChatMember.read_seq,
            ChatMessage.created_at <= now - WAITS,
            col(ChatMessage.hidden_at).is_(None),
            for_them,
        )
    )
    in_hub = exists(
        select(Membership.id).where(
            Membership.person_id == ChatMember.person_id,
            Membership.hub_id == Conversation.hub_id,
            ~col(Membership.pending),
        )
    )
    rows = session.exec(
        select(ChatMember, Conversation)
        .join(Conversation, col(Conversation.id) == col(ChatMember.conversation_id))
        .join(Person, col(Person.id) == col(ChatMember.person_id))
        .where(
            Conversation.kind != Kind.room,  # a group's messages bring no mail
            col(ChatMember.removed_at).is_(None),
            Conversation.last_seq > ChatMember.read_seq,
            ChatMember.mailed_seq <= ChatMember.read_seq,  # this stretch not mailed about yet
            col(Person.email).is_not(None),
            _may_mail(now),
            in_hub,
            old_unread,
        )
        .order_by(col(Conversation.last_message_at), col(ChatMember.id))
    ).all()
    found: dict[int, list[tuple[ChatMember, Conversation]]] = {}
    readers: dict[tuple[int, int], Actor] = {}
    for member, conversation in rows:
        key = (member.person_id, conversation.hub_id)
        if key not in readers:  # the person as conversations.access would see them in that hub
            readers[key] = Actor(member.person_id, "", conversation.hub_id, authz.roles(session, *key))
        if conversations.may_read(session, readers[key], conversation):  # as its page would
            found.setdefault(member.person_id, []).append((member, conversation))
    return found


def _claim(session: Session, person_id: int, stretches: list[tuple[ChatMember, Conversation]], now) -> bool:
    """Takes this person's mail for this run and marks the stretches it covers; committed."""
    claimed = session.exec(
        update(Person).where(col(Person.id) == person_id, _may_mail(now)).values(chat_mailed_at=now)
    )
    if claimed.rowcount == 1:
        for member, conversation in stretches:
            session.exec(
                update(ChatMember)
                .where(col(ChatMember.id) == member.id)
                .values(mailed_seq=max(conversation.last_seq, member.read_seq + 1))
            )
    session.commit()
    return claimed.rowcount == 1


def due_mails(session: Session, now: datetime, base: str | None) -> list[mail.Message]:
    """Claims (and commits) every unread mail due now and returns them, for the caller to send."""
    found = []
    for person_id, stretches in sorted(waiting(session, now).items()):
        hub_id = stretches[0][1].hub_id  # where the oldest message waits
        if not _claim(session, person_id, stretches, now):
            continue  # another worker took it, or the person switched it off just now
        person = session.get(Person, person_id)
        hub = session.get(Hub, hub_id)
        body = hub_mails.text(BODY, name=person.first_name)
        found.append(
            hub_mails.message(person.email, SUBJECT, body, hub_mails.link(base, hub, routes.CHAT), hub)
        )
    return found
