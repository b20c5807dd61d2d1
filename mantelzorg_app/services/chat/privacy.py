"""What the chat keeps about one person, for the AVG export and wipe (services/privacy.py), and how
long a hub keeps 1:1 conversations (services/housekeeping.py).

Export: the person's own messages (when, and in which kind of conversation; a room's or an
organisation's name, never another person's name), the conversations they are in, and the blocks
and reports they made (when, and the reason: never whom or which message, that is someone else).

Wipe (``forget``, in the caller's transaction, before help's forget: conversations point at help
requests and call-backs):

- **their own 1:1s go whole**, with every message, report and member: a help request's
  conversation of its caregiver or volunteer, every conversation of a request of a wiped caregiver,
  a call-back's conversation, and an organisation conversation the person asked;
- where they only took part (the professional who posted a request for the caregiver) their
  messages go and the conversation stays the others';
- in **group rooms**, and in an organisation's answers, their messages stay without a link to them:
  the page shows "verwijderde gebruiker", the others can still follow what was said;
- their memberships, the blocks they made and the blocks of them, and the reports they made go.

Retention (``forget_old``): a 1:1 or organisation conversation whose last message (or creation,
when it has none) is older than the hub's ``chat_keep_months`` goes whole; a call-back's
conversation loses its link to the call-back before that number is deleted (help.callbacks).
Rooms stay, with their messages (no retention for them yet: they are the hub's open café, and a
wiped person's messages in them are unlinked).
"""

from datetime import datetime

from sqlmodel import Session, col, func, or_, select, update
from sqlmodel import delete as delete_rows

from mantelzorg_app.models import (
    CallbackTask,
    ChatBlock,
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    HelpRequest,
    Hub,
    Kind,
    Organization,
)
from mantelzorg_app.services.help import callbacks

# Every chat table with a foreign key to person.id (services/privacy.py checks they are all handled).
TABLES = (ChatMember, ChatMessage, ChatReport, ChatBlock)


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _titles(session: Session, conversations: list[Conversation]) -> dict[int, str]:
    """A room's name or the asked organisation's name; "" for a 1:1 (its title is the other's name)."""
    asked = {c.organization_id for c in conversations if c.kind == Kind.organisation}
    names = dict(
        session.exec(select(Organization.id, Organization.name).where(col(Organization.id).in_(asked))).all()
    )
    titles = {c.id: "" for c in conversations}
    titles |= {c.id: c.title for c in conversations if c.kind == Kind.room}
    titles |= {c.id: names.get(c.organization_id, "") for c in conversations if c.kind == Kind.organisation}
    return titles


def stored(session: Session, person_id: int) -> dict:
    hubs = dict(session.exec(select(Hub.id, Hub.slug)).all())
    messages = session.exec(
        select(ChatMessage, Conversation)
        .join(Conversation, col(Conversation.id) == col(ChatMessage.conversation_id))
        .where(ChatMessage.author_id == person_id)
        .order_by(col(ChatMessage.id))
    ).all()
    memberships = session.exec(
        select(ChatMember, Conversation)
        .join(Conversation, col(Conversation.id) == col(ChatMember.conversation_id))
        .where(ChatMember.person_id == person_id)
        .order_by(col(ChatMember.id))
    ).all()
    titles = _titles(session, [c for _m, c in messages] + [c for _m, c in memberships])
    blocks = session.exec(
        select(ChatBlock).where(ChatBlock.blocker_id == person_id).order_by(col(ChatBlock.id))
    ).all()
    reports = session.exec(
        select(ChatReport).where(ChatReport.reporter_id == person_id).order_by(col(ChatReport.id))
    ).all()
    return {
        "chat_messages": [
            {
                "hub": hubs.get(c.hub_id),
                "conversation_kind": c.kind,
                "conversation_title": titles.get(c.id, ""),
                "text": m.text,
                "card_title": m.card_title,
                "hidden_by_the_coordinator": m.hidden_at is not None,
                "created_at": _when(m.created_at),
            }
            for m, c in messages
        ],
        "chat_conversations": [
            {
                "hub": hubs.get(c.hub_id),
                "kind": c.kind,
                "title": titles.get(c.id, ""),
                "joined_at": _when(m.joined_at),
                "removed_by_the_coordinator_at": _when(m.removed_at),
            }
            for m, c in memberships
        ],
        "chat_blocks_you_made": [{"created_at": _when(b.created_at)} for b in blocks],
        "chat_reports_you_made": [
            {"reason": r.reason, "handled_at": _when(r.handled_at), "created_at": _when(r.created_at)}
            for r in reports
        ],
    }


def delete_conversations(session: Session, conversation_ids) -> None:
    """Deletes these conversations whole: the reports on their messages, the messages, the members.
    ``conversation_ids`` is a list or a select of ids."""
    messages = select(ChatMessage.id).where(col(ChatMessage.conversation_id).in_(conversation_ids))
    session.exec(delete_rows(ChatReport).where(col(ChatReport.message_id).in_(messages)))
    for table in (ChatMessage, ChatMember):
        session.exec(delete_rows(table).where(col(table.conversation_id).in_(conversation_ids)))
    session.exec(delete_rows(Conversation).where(col(Conversation.id).in_(conversation_ids)))


def _own(session: Session, person_id: int) -> tuple[set[int], set[int]]:
    """(the person's conversations that go whole, the 1:1s they only took part in)."""
    rows = session.exec(
        select(Conversation, HelpRequest)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .join(HelpRequest, col(HelpRequest.id) == col(Conversation.request_id), isouter=True)
        .where(ChatMember.person_id == person_id, Conversation.kind != Kind.room)
    ).all()
    first_members = dict(
        session.exec(
            select(ChatMember.conversation_id, func.min(ChatMember.id))
            .where(col(ChatMember.conversation_id).in_([c.id for c, _r in rows]))
            .group_by(col(ChatMember.conversation_id))
        ).all()
    )
    mine = dict(
        session.exec(
            select(ChatMember.conversation_id, ChatMember.id).where(ChatMember.person_id == person_id)
        ).all()
    )
    whole, part = set(), set()
    for conversation, request in rows:
        if conversation.kind == Kind.organisation:
            # the caregiver who asked is its first member; a professional answers for the organisation
            if first_members.get(conversation.id) == mine.get(conversation.id):
                whole.add(conversation.id)
        elif request is not None and request.posted_by_id == person_id and request.caregiver_id != person_id:
            part.add(conversation.id)
        else:
            whole.add(conversation.id)
    return whole, part


def forget(session: Session, person_id: int) -> None:
    """Deletes or unlinks every chat row of the person (see the top), within the caller's transaction."""
    whole, part = _own(session, person_id)
    of_their_asks = select(Conversation.id).where(
        or_(
            col(Conversation.request_id).in_(
                select(HelpRequest.id).where(HelpRequest.caregiver_id == person_id)
            ),
            col(Conversation.callback_id).in_(
                select(CallbackTask.id).where(CallbackTask.person_id == person_id)
            ),
        )
    )
    whole |= set(session.exec(of_their_asks).all())
    if whole:
        delete_conversations(session, sorted(whole))
    if part:
        theirs = select(ChatMessage.id).where(
            col(ChatMessage.conversation_id).in_(sorted(part)), ChatMessage.author_id == person_id
        )
        session.exec(delete_rows(ChatReport).where(col(ChatReport.message_id).in_(theirs)))
        session.exec(
            delete_rows(ChatMessage).where(
                col(ChatMessage.conversation_id).in_(sorted(part)), ChatMessage.author_id == person_id
            )
        )
    session.exec(update(ChatMessage).where(ChatMessage.author_id == person_id).values(author_id=None))
    session.exec(delete_rows(ChatMember).where(ChatMember.person_id == person_id))
    session.exec(delete_rows(ChatReport).where(ChatReport.reporter_id == person_id))
    session.exec(
        delete_rows(ChatBlock).where(
            or_(ChatBlock.blocker_id == person_id, ChatBlock.blocked_id == person_id)
        )
    )


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    month = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month, 12)
    month += 1
    last_day = (datetime(year + month // 12, month % 12 + 1, 1) - datetime(year, month, 1)).days
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def forget_old(session: Session, now: datetime) -> int:
    """Deletes every 1:1 and organisation conversation silent for longer than its hub keeps them
    (``Hub.chat_keep_months`` after the last message, or after its creation when it has none);
    commits, and answers how many went."""
    session.exec(  # a call-back's number goes a while after the call: its conversation stays, unlinked
        update(Conversation)
        .where(
            col(Conversation.callback_id).in_(
                select(CallbackTask.id).where(col(CallbackTask.done_at) < now - callbacks.KEEP_AFTER_CALL)
            )
        )
        .values(callback_id=None)
    )
    gone = 0
    for hub_id, keep in session.exec(select(Hub.id, Hub.chat_keep_months).order_by(col(Hub.id))).all():
        cutoff = months_before(now, max(keep, 1))
        old = session.exec(
            select(Conversation.id).where(
                Conversation.hub_id == hub_id,
                Conversation.kind != Kind.room,
                func.coalesce(Conversation.last_message_at, Conversation.created_at) < cutoff,
            )
        ).all()
        if old:
            delete_conversations(session, list(old))
            gone += len(old)
    session.commit()
    return gone
