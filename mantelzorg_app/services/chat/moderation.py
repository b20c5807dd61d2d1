"""Reports and blocks: a member flags a message for the hub's coordinator, or blocks its author.

- **Report**: one tap with a reason (rude, unsafe, spam, something else). Only a person who may
  read the message can report it (``conversations.access``), once per message, at most
  ``REPORTS_PER_DAY`` a day. The first open report of a message mails the hub's coordinator(s) a
  plain note with the way to the list, never the message's text or who reported it.
- **Block**: anyone who can read a message blocks its author (services.chat.blocks): no more
  messages from them, in any room or 1:1. The author is not told.
- **The coordinator's list** (``reports``): every reported message of the hub with an open report,
  its text, author, where it was said, the reasons and how many people reported it. A decision on
  one report decides all the message's open reports: ``hide`` (nobody sees its text any more),
  ``warn`` (hidden too, and the author gets a plain mail about the hub's rules), ``remove_from_room``
  (hidden, and the author is out of the room for good: ``ChatMember.removed_at``), ``keep`` (nothing
  is done). Each decision marks the reports handled with its outcome and writes an audit row.
  A decision on reports already handled (a second tap, another coordinator) does nothing.

Mails are in Dutch, the hub's language, like services.help.notices; ``base`` is where links point
(settings.link_base); without one the mail says to open the app.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from mantelzorg_app import routes
from mantelzorg_app.models import (
    ChatMember,
    ChatMessage,
    ChatReport,
    Conversation,
    Hub,
    Kind,
    Membership,
    Organization,
    Person,
    Reason,
    Role,
)
from mantelzorg_app.services.chat import blocks, conversations
from mantelzorg_app.services.identity.authz import Actor, refuse, require_role
from mantelzorg_app.services.platform import audit, hub_mails, mail
from mantelzorg_app.services.platform.database import row
from mantelzorg_app.services.platform.i18n import N_
from mantelzorg_app.services.platform.problems import Invalid

REPORTS_PER_DAY = 20  # one person's reports in 24 hours: plenty for a bad day, a stop to a script

# audit actions (the detail names the message, never its text)
REPORTED = "chat-reported"
HIDDEN = "chat-hidden"
WARNED = "chat-warned"
REMOVED = "chat-removed"
KEPT = "chat-kept"
BLOCKED = "chat-blocked"


class Outcome:
    """``ChatReport.outcome`` of a handled report."""

    hidden = "hidden"
    warned = "warned"
    removed = "removed"
    kept = "kept"


TOO_MANY_REPORTS = N_("U heeft vandaag al veel berichten gemeld. De coördinator kijkt ernaar.")
OWN_MESSAGE = N_("Dit is uw eigen bericht.")

REPORT_SUBJECT = N_("Er is een bericht gemeld")  # the subject is logged: never a name in it
REPORT_BODY = N_(
    "Hallo {name},\n\nIemand heeft een bericht in Praten gemeld. "
    "Kijk bij Meldingen wat u ermee doet. U kunt het bericht verbergen, de schrijver waarschuwen "
    "of niets doen."
)
WARN_SUBJECT = N_("Een bericht van u is gemeld")
WARN_BODY = N_(
    "Hallo {name},\n\nEen bericht van u in de Mantelzorghub is gemeld. De coördinator heeft het "
    "bekeken en verborgen.\n\nIn Praten gelden een paar afspraken. Wees vriendelijk. Deel geen "
    "reclame. Zeg niets wat een ander pijn doet of bang maakt.\n\nHoudt u zich niet aan de "
    "afspraken? Dan kunt u niet meer meedoen. Heeft u een vraag? Bel of mail dan de coördinator."
)
REMOVED_SUBJECT = N_("U doet niet meer mee in een groep")
REMOVED_BODY = N_(
    "Hallo {name},\n\nEen bericht van u in de groep '{room}' is gemeld. De coördinator heeft het "
    "bekeken. U kunt niet meer meedoen in deze groep.\n\nHeeft u een vraag? Bel of mail de "
    "coördinator."
)


def _readable(session: Session, actor: Actor, message_id: object, action: str) -> ChatMessage:
    """The message, for a person who may read its conversation (refused, and logged, for anyone
    else: a message id from the browser is only an id)."""
    message = row(session, ChatMessage, message_id)
    if message is None:
        refuse(session, action, actor.hub_id, actor.person_id, f"message {message_id}")
    conversations.access(session, actor, message.conversation_id, action)
    return message


# --- for every member --------------------------------------------------------------------------


def opened(session: Session, actor: Actor, message_id: object) -> ChatMessage:
    """The message a member opens "Meld" on: one they can read, not their own (the page shows
    no "Meld" there)."""
    message = _readable(session, actor, message_id, "report-open")
    if message.author_id == actor.person_id:
        refuse(session, "report-open", actor.hub_id, actor.person_id, f"message {message.id}, own")
    return message


def report(
    session: Session, actor: Actor, message_id: object, reason: object, now: datetime, base: str | None = None
) -> list[mail.Message]:
    """The actor reports a message they can read, with a reason (models.chat.Reason); answers the
    mails to send after the commit. A second report of the same message by the same person changes
    nothing. Raises ``Invalid({"report": ...})`` past ``REPORTS_PER_DAY``."""
    try:
        why = Reason(str(reason))
    except ValueError:
        refuse(session, "report-message", actor.hub_id, actor.person_id, "no such reason")
    message = _readable(session, actor, message_id, "report-message")
    if message.author_id == actor.person_id:
        raise Invalid({"report": OWN_MESSAGE})
    if message.hidden_at is not None:
        return []  # the coordinator hid it already
    mine = session.exec(
        select(ChatReport).where(
            ChatReport.message_id == message.id, ChatReport.reporter_id == actor.person_id
        )
    ).first()
    if mine is not None:
        return []
    today = session.exec(
        select(func.count())
        .select_from(ChatReport)
        .where(ChatReport.reporter_id == actor.person_id, ChatReport.created_at > now - timedelta(days=1))
    ).one()
    if today >= REPORTS_PER_DAY:
        raise Invalid({"report": TOO_MANY_REPORTS})
    already = _open_reports(session, actor.hub_id, message.id)
    session.add(
        ChatReport(
            hub_id=actor.hub_id,
            message_id=message.id,
            reporter_id=actor.person_id,
            reason=why,
            created_at=now,
        )
    )
    audit.record(
        session,
        REPORTED,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=message.author_id,
        detail=f"message {message.id} {why}",
    )
    session.flush()
    if already:
        return []  # the coordinator was told when the message was first reported
    return _tell_coordinators(session, actor.hub_id, base)


def _tell_coordinators(session: Session, hub_id: int, base: str | None) -> list[mail.Message]:
    hub = session.get(Hub, hub_id)
    people = session.exec(
        select(Person)
        .join(Membership, col(Membership.person_id) == col(Person.id))
        .where(Membership.hub_id == hub_id, Membership.role == Role.coordinator, ~col(Membership.pending))
        .order_by(col(Person.id))
    ).all()
    link = hub_mails.link(base, hub, routes.CHAT_MODERATION)
    return [
        hub_mails.message(p.email, REPORT_SUBJECT, hub_mails.text(REPORT_BODY, name=p.first_name), link, hub)
        for p in people
        if p.email
    ]


def block_author(session: Session, actor: Actor, message_id: object, now: datetime) -> int:
    """The actor blocks the author of a message they can read (not themselves, not a wiped
    person); answers the blocked person's id."""
    message = _readable(session, actor, message_id, "block-author")
    if message.author_id is None or message.author_id == actor.person_id:
        refuse(session, "block-author", actor.hub_id, actor.person_id, f"message {message.id}, no author")
    blocks.block(session, actor, message.author_id, now)
    audit.record(
        session, BLOCKED, hub_id=actor.hub_id, actor_id=actor.person_id, detail=f"message {message.id}"
    )
    return message.author_id


# --- for the hub's coordinator -----------------------------------------------------------------


@dataclass(frozen=True)
class Reported:
    """One reported message on the coordinator's list."""

    report_id: int  # the first open report: what the decisions name
    message_id: int
    text: str  # the message as written (a shared card's title when it has no text)
    author: str  # first name; "" for a wiped person
    kind: Kind
    where: str  # a room's name; for a 1:1 or a question the members' first names
    reasons: tuple[tuple[Reason, int], ...]  # each reason given, with how many gave it, most first
    count: int  # how many people reported it
    first_at: datetime
    written_at: datetime
    hidden: bool  # already hidden (by an earlier decision)
    removable: bool  # a room, with an author still in it


def _open_reports(session: Session, hub_id: int, message_id: int) -> list[ChatReport]:
    return list(
        session.exec(
            select(ChatReport)
            .where(
                ChatReport.hub_id == hub_id,
                ChatReport.message_id == message_id,
                col(ChatReport.handled_at).is_(None),
            )
            .order_by(col(ChatReport.id))
        ).all()
    )


def reports(session: Session, actor: Actor) -> list[Reported]:
    """The hub's messages with an open report, the most reported first, then the oldest report."""
    require_role(session, actor, "chat-reports", Role.coordinator)
    found = session.exec(
        select(ChatReport)
        .where(ChatReport.hub_id == actor.hub_id, col(ChatReport.handled_at).is_(None))
        .order_by(col(ChatReport.id))
    ).all()
    by_message: dict[int, list[ChatReport]] = {}
    for r in found:
        by_message.setdefault(r.message_id, []).append(r)
    if not by_message:
        return []
    messages = {
        m.id: m for m in session.exec(select(ChatMessage).where(col(ChatMessage.id).in_(by_message))).all()
    }
    talks = {
        c.id: c
        for c in session.exec(
            select(Conversation).where(
                col(Conversation.id).in_({m.conversation_id for m in messages.values()})
            )
        ).all()
    }
    authors = {m.author_id for m in messages.values() if m.author_id is not None}
    names = dict(session.exec(select(Person.id, Person.first_name).where(col(Person.id).in_(authors))).all())
    places = _places(session, list(talks.values()))
    in_rooms = _still_in(session, [(m.conversation_id, m.author_id) for m in messages.values()])
    listed = []
    for message_id, rows in by_message.items():
        message = messages[message_id]
        conversation = talks[message.conversation_id]
        counted = Counter(r.reason for r in rows)
        listed.append(
            Reported(
                report_id=rows[0].id,
                message_id=message.id,
                text=message.text or message.card_title,
                author=names.get(message.author_id, ""),
                kind=conversation.kind,
                where=places.get(conversation.id, conversation.title),
                reasons=tuple(sorted(counted.items(), key=lambda kv: (-kv[1], list(Reason).index(kv[0])))),
                count=len(rows),
                first_at=rows[0].created_at,
                written_at=message.created_at,
                hidden=message.hidden_at is not None,
                removable=conversation.kind == Kind.room
                and (conversation.id, message.author_id) in in_rooms
                and message.author_id != actor.person_id,
            )
        )
    listed.sort(key=lambda r: (-r.count, r.report_id))
    return listed


def _places(session: Session, talks: list[Conversation]) -> dict[int, str]:
    """Where each message was said: a room's name; a 1:1's members; a question's organisation and
    the members' first names."""
    places = {c.id: c.title for c in talks if c.kind == Kind.room}
    others = [c.id for c in talks if c.kind != Kind.room]
    if not others:
        return places
    names: dict[int, list[str]] = {}
    for conversation_id, name in session.exec(
        select(ChatMember.conversation_id, Person.first_name)
        .join(Person, col(Person.id) == col(ChatMember.person_id))
        .where(col(ChatMember.conversation_id).in_(others))
        .order_by(col(ChatMember.id))
    ).all():
        names.setdefault(conversation_id, []).append(name)
    organisations = dict(
        session.exec(
            select(Organization.id, Organization.name).where(
                col(Organization.id).in_({c.organization_id for c in talks if c.organization_id is not None})
            )
        ).all()
    )
    for c in talks:
        if c.kind == Kind.room:
            continue
        people = ", ".join(names.get(c.id, []))
        organisation = organisations.get(c.organization_id, "")
        places[c.id] = f"{people} ({organisation})" if organisation and people else (organisation or people)
    return places


def _still_in(session: Session, pairs: list[tuple[int, int | None]]) -> set[tuple[int, int]]:
    """Which (conversation, author) pairs have the author still in the conversation."""
    wanted = {(c, p) for c, p in pairs if p is not None}
    if not wanted:
        return set()
    return {
        (c, p)
        for c, p in session.exec(
            select(ChatMember.conversation_id, ChatMember.person_id).where(
                col(ChatMember.conversation_id).in_({c for c, _p in wanted}),
                col(ChatMember.person_id).in_({p for _c, p in wanted}),
                col(ChatMember.removed_at).is_(None),
            )
        ).all()
        if (c, p) in wanted
    }


def _deciding(
    session: Session, actor: Actor, report_id: object, action: str
) -> tuple[ChatMessage, list[ChatReport]]:
    """The coordinator's report of this hub with its message and the message's open reports (none
    when they were handled already)."""
    require_role(session, actor, action, Role.coordinator)
    found = row(session, ChatReport, report_id)
    if found is None or found.hub_id != actor.hub_id:
        refuse(session, action, actor.hub_id, actor.person_id, f"report {report_id}")
    message = session.get(ChatMessage, found.message_id)
    return message, _open_reports(session, actor.hub_id, message.id)


def _decided(
    session: Session,
    actor: Actor,
    message: ChatMessage,
    open_reports: list[ChatReport],
    outcome: str,
    action: str,
    now: datetime,
) -> None:
    for r in open_reports:
        r.handled_at = now
        r.outcome = outcome
        session.add(r)
    audit.record(
        session,
        action,
        hub_id=actor.hub_id,
        actor_id=actor.person_id,
        subject_id=message.author_id,
        detail=f"message {message.id}, {len(open_reports)} reports",
    )
    session.flush()


def _hide(session: Session, message: ChatMessage, now: datetime) -> None:
    if message.hidden_at is None:
        message.hidden_at = now
        session.add(message)


def hide(session: Session, actor: Actor, report_id: object, now: datetime) -> list[mail.Message]:
    """Hides the reported message for everyone (its row stays, without showing its text)."""
    message, open_reports = _deciding(session, actor, report_id, "chat-hide")
    if open_reports:
        _hide(session, message, now)
        _decided(session, actor, message, open_reports, Outcome.hidden, HIDDEN, now)
    return []


def warn(session: Session, actor: Actor, report_id: object, now: datetime) -> list[mail.Message]:
    """Hides the message and mails its author a plain warning about the hub's rules (not who
    reported it, nor the message); answers that mail."""
    message, open_reports = _deciding(session, actor, report_id, "chat-warn")
    if not open_reports:
        return []
    _hide(session, message, now)
    _decided(session, actor, message, open_reports, Outcome.warned, WARNED, now)
    author = session.get(Person, message.author_id) if message.author_id is not None else None
    if author is None or not author.email:
        return []
    hub = session.get(Hub, actor.hub_id)
    return [
        hub_mails.message(
            author.email, WARN_SUBJECT, hub_mails.text(WARN_BODY, name=author.first_name), "", hub
        )
    ]


def remove_from_room(session: Session, actor: Actor, report_id: object, now: datetime) -> list[mail.Message]:
    """Hides the message and takes its author out of the room for good (they cannot join again);
    rooms only. Answers the mail that tells the author."""
    message, open_reports = _deciding(session, actor, report_id, "chat-remove")
    conversation = session.get(Conversation, message.conversation_id)
    if conversation.kind != Kind.room or message.author_id is None or message.author_id == actor.person_id:
        refuse(session, "chat-remove", actor.hub_id, actor.person_id, f"report {report_id}, not removable")
    if not open_reports:
        return []
    member = session.exec(
        select(ChatMember).where(
            ChatMember.conversation_id == conversation.id, ChatMember.person_id == message.author_id
        )
    ).first()
    if member is None:  # they left: a row that keeps them out
        member = ChatMember(conversation_id=conversation.id, person_id=message.author_id, joined_at=now)
    if member.removed_at is None:
        member.removed_at = now
    session.add(member)
    _hide(session, message, now)
    _decided(session, actor, message, open_reports, Outcome.removed, REMOVED, now)
    author = session.get(Person, message.author_id)
    if author is None or not author.email:
        return []
    hub = session.get(Hub, actor.hub_id)
    room = hub_mails.text(conversation.title) if conversation.wijk_id is None else conversation.title
    body = hub_mails.text(REMOVED_BODY, name=author.first_name, room=room)
    return [hub_mails.message(author.email, REMOVED_SUBJECT, body, "", hub)]


def keep(session: Session, actor: Actor, report_id: object, now: datetime) -> list[mail.Message]:
    """The coordinator looked and lets the message be: the reports are handled, nothing changes."""
    message, open_reports = _deciding(session, actor, report_id, "chat-keep")
    if open_reports:
        _decided(session, actor, message, open_reports, Outcome.kept, KEPT, now)
    return []
