"""Who is in which conversation, and may read or write there: the one check every chat handler makes.

- A **pair** is a help request's conversation (its caregiver, its volunteer, and the professional
  who posted it for the caregiver) or a call-back's (the caregiver and the consulent who calls).
  A request's conversation is with the volunteer of that match: when the match ends and another
  volunteer helps, they get a new conversation and never read what was said to the first one. It
  takes messages while the request is matched and its volunteer still qualifies
  (``help.eligibility``); a volunteer who no longer qualifies no longer reads it at all.
- An **organisation** conversation is a caregiver's question to one organisation on the sociale
  kaart: every professional the coordinator linked to that organisation (``Membership.
  organization_id``) reads and answers it, also one linked later.
- A **room** is the hub's online Mantelzorgcafé or a wijk's room: any signed-in person of the hub
  joins with one tap and can leave; one the coordinator removed cannot join again.

Membership is read from the database on every call, never from what a browser sent.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import aliased
from sqlmodel import Session, and_, col, func, or_, select

from mantelzorg_app.models import (
    STAFF_ROLES,
    CallbackTask,
    ChatMember,
    ChatMessage,
    Conversation,
    HelpRequest,
    Kind,
    Membership,
    Organization,
    Person,
    Role,
    Status,
    Wijk,
)
from mantelzorg_app.services.chat import blocks
from mantelzorg_app.services.help.eligibility import qualifies
from mantelzorg_app.services.help.requests import DAY
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform.database import row
from mantelzorg_app.services.platform.i18n import N_

CAFE = N_("Online Mantelzorgcafé")  # the hub's own room; a wijk's room is named after the wijk
CONVERSATIONS_PER_DAY = 20  # new questions to organisations one person may start in 24 hours


@dataclass(frozen=True)
class Access:
    """A conversation as the actor may use it: ``posting`` says whether it takes their messages."""

    conversation: Conversation
    member: ChatMember
    posting: bool


def _request_people(request: HelpRequest) -> set[int]:
    return {p for p in (request.caregiver_id, request.volunteer_id, request.posted_by_id) if p is not None}


def _linked(column, hub_id: int, *where):
    """A query of ``column`` over the hub's professionals linked to an organisation, their role
    granted (not waiting for the coordinator); ``where`` narrows it."""
    return select(column).where(
        Membership.hub_id == hub_id,
        Membership.role == Role.professional,
        col(Membership.organization_id).is_not(None),
        ~col(Membership.pending),
        *where,
    )


def _with_role(hub_id: int, roles: tuple[Role, ...] = ()):
    """A query of the people holding a granted role in the hub (one of ``roles`` when given)."""
    query = select(Membership.person_id).where(Membership.hub_id == hub_id, ~col(Membership.pending))
    return query.where(col(Membership.role).in_(roles)) if roles else query


def is_org_professional(session: Session, actor: Actor, organization_id: int | None) -> bool:
    """Whether the actor is a professional the coordinator linked to this organisation."""
    return (
        organization_id is not None
        and session.exec(
            _linked(
                Membership.id,
                actor.hub_id,
                Membership.person_id == actor.person_id,
                Membership.organization_id == organization_id,
            )
        ).first()
        is not None
    )


def _callback_asker(session: Session, conversation: Conversation) -> int | None:
    """Who asked for the call-back whose conversation this is (None: no call-back's)."""
    if conversation.callback_id is None:
        return None
    task = session.get(CallbackTask, conversation.callback_id)
    return task.person_id if task else None


def may_read(session: Session, actor: Actor, conversation: Conversation) -> bool:
    """Whether a member of the conversation (``actor``) may still read it: they hold a role in the
    hub; in a question to an organisation they asked it or are linked to it now; in a call-back's
    they asked for it or hold a staff role; in a request's the request's rule lets them."""
    return _still_allowed(session, actor, conversation) and (
        conversation.request_id is None or request_rule(session, conversation, actor.person_id)[0]
    )


def _still_allowed(session: Session, actor: Actor, conversation: Conversation) -> bool:
    """``may_read`` without the request's rule."""
    if not actor.roles:
        return False
    if (
        conversation.kind == Kind.organisation
        and actor.person_id != asker(session, conversation.id)
        and not is_org_professional(session, actor, conversation.organization_id)
    ):  # a professional the coordinator linked to another organisation since
        return False
    return (
        conversation.callback_id is None
        or actor.has(*STAFF_ROLES)
        or actor.person_id == _callback_asker(session, conversation)
    )


def request_rule(session: Session, conversation: Conversation, person_id: int) -> tuple[bool, bool]:
    """(may read, takes messages) of a help request's conversation for one of its members."""
    request = session.get(HelpRequest, conversation.request_id)
    if request is None or person_id not in _request_people(request):
        return False, False
    volunteer = session.exec(
        select(ChatMember.person_id).where(
            ChatMember.conversation_id == conversation.id, ChatMember.person_id == request.volunteer_id
        )
    ).first()
    current = volunteer is not None  # this conversation is with the volunteer of the match now
    volunteer_ok = current and qualifies(session, request, request.volunteer_id)
    if person_id == request.volunteer_id and not volunteer_ok:
        return False, False
    return True, current and volunteer_ok and request.status == Status.matched


def access(session: Session, actor: Actor, conversation_id: object, action: str) -> Access:
    """The conversation for a member of it in the actor's hub; refused (and logged) for anyone else.
    A professional of the asked organisation becomes a member on first opening."""
    conversation = row(session, Conversation, conversation_id)
    if conversation is None or conversation.hub_id != actor.hub_id or not actor.roles:
        refuse(session, action, actor.hub_id, actor.person_id, f"conversation {conversation_id}")
    member = session.exec(
        select(ChatMember).where(
            ChatMember.conversation_id == conversation.id, ChatMember.person_id == actor.person_id
        )
    ).first()
    if (
        member is None
        and conversation.kind == Kind.organisation
        and is_org_professional(session, actor, conversation.organization_id)
    ):
        member = ChatMember(conversation_id=conversation.id, person_id=actor.person_id)
        session.add(member)
        session.flush()
    if member is None or member.removed_at is not None:
        refuse(session, action, actor.hub_id, actor.person_id, f"conversation {conversation_id}")
    readable, posting = (
        request_rule(session, conversation, actor.person_id)
        if conversation.request_id is not None
        else (True, conversation.closed_at is None)
    )
    if not readable or not _still_allowed(session, actor, conversation):
        # unlinked since, no longer staff, no longer the match's volunteer
        refuse(session, action, actor.hub_id, actor.person_id, f"conversation {conversation_id}, left")
    return Access(conversation, member, posting)


def asker(session: Session, conversation_id: int) -> int | None:
    """Who asked an organisation's conversation: its first member (ask_organisation adds only them)."""
    return session.exec(
        select(ChatMember.person_id)
        .where(ChatMember.conversation_id == conversation_id)
        .order_by(col(ChatMember.id))
        .limit(1)
    ).first()


def receivers(session: Session, conversation: Conversation) -> set[int]:
    """Everyone a new message of the conversation goes to (the sender among them): its members,
    and for an organisation the one who asked and every professional linked to it now; only people
    who still hold a role in the hub, and in a call-back's, besides the one who asked, a staff role."""
    people = set(
        session.exec(
            select(ChatMember.person_id).where(
                ChatMember.conversation_id == conversation.id,
                col(ChatMember.removed_at).is_(None),
                col(ChatMember.person_id).in_(_with_role(conversation.hub_id)),
            )
        ).all()
    )
    if conversation.kind == Kind.organisation:
        people &= {asker(session, conversation.id)}
        people |= set(
            session.exec(
                _linked(
                    Membership.person_id,
                    conversation.hub_id,
                    Membership.organization_id == conversation.organization_id,
                )
            ).all()
        )
    if conversation.callback_id is not None:
        staff = _with_role(conversation.hub_id, STAFF_ROLES).where(col(Membership.person_id).in_(people))
        people = set(session.exec(staff).all()) | (people & {_callback_asker(session, conversation)})
    return people


def _add_members(session: Session, conversation: Conversation, people: set[int]) -> None:
    for person_id in sorted(people):
        session.add(ChatMember(conversation_id=conversation.id, person_id=person_id))
    session.flush()


def for_request(session: Session, actor: Actor, request_id: object, now: datetime) -> Conversation:
    """The conversation of the request's current match (made on first opening, with the
    caregiver, the volunteer and the professional who posted it), or the last one it had."""
    request = row(session, HelpRequest, request_id)
    if request is None or request.hub_id != actor.hub_id or actor.person_id not in _request_people(request):
        refuse(session, "open-request-chat", actor.hub_id, actor.person_id, f"request {request_id}")
    mine = (
        select(Conversation)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .where(Conversation.request_id == request.id, ChatMember.person_id == actor.person_id)
        .order_by(col(Conversation.id).desc())
    )
    if request.status == Status.matched:
        current = session.exec(
            mine.where(
                col(Conversation.id).in_(
                    select(ChatMember.conversation_id).where(ChatMember.person_id == request.volunteer_id)
                )
            )
        ).first()
        if current is not None:
            return current
        if qualifies(session, request, request.volunteer_id):
            conversation = Conversation(
                hub_id=request.hub_id, kind=Kind.pair, request_id=request.id, created_at=now
            )
            session.add(conversation)
            session.flush()
            _add_members(session, conversation, _request_people(request))
            return conversation
    last = session.exec(mine).first()
    if last is None:
        refuse(session, "open-request-chat", actor.hub_id, actor.person_id, f"request {request_id}, no chat")
    return last


def for_callback(session: Session, actor: Actor, callback_id: object, now: datetime) -> Conversation:
    """The coordinator writes to the signed-in person who asked for a call-back (from the call-back
    list, which is the coordinator's): one conversation per call-back, with the two of them."""
    task = row(session, CallbackTask, callback_id)
    if (
        task is None
        or task.hub_id != actor.hub_id
        or task.person_id is None
        or Role.coordinator not in actor.roles
    ):
        refuse(session, "open-callback-chat", actor.hub_id, actor.person_id, f"callback {callback_id}")
    found = session.exec(select(Conversation).where(Conversation.callback_id == task.id)).first()
    if found is not None:
        if (
            session.exec(
                select(ChatMember.id).where(
                    ChatMember.conversation_id == found.id, ChatMember.person_id == actor.person_id
                )
            ).first()
            is None
        ):
            _add_members(session, found, {actor.person_id})  # a colleague takes over the call-back
        return found
    conversation = Conversation(hub_id=actor.hub_id, kind=Kind.pair, callback_id=task.id, created_at=now)
    session.add(conversation)
    session.flush()
    _add_members(session, conversation, {actor.person_id, task.person_id})
    return conversation


def ask_organisation(
    session: Session, actor: Actor, organization_id: object, service_id: int | None, now: datetime
) -> Conversation:
    """ "Stel een vraag": the actor's conversation with one organisation of the hub, made on first
    asking (at most ``CONVERSATIONS_PER_DAY`` new ones a day). Refused when nobody of that
    organisation is in the app to answer, and for the organisation's own professionals."""
    organization = row(session, Organization, organization_id)
    if (
        organization is None
        or organization.hub_id != actor.hub_id
        or is_org_professional(session, actor, organization.id)
        or organization.id not in answerable(session, actor.hub_id, {organization.id})
    ):
        refuse(session, "ask-organisation", actor.hub_id, actor.person_id, f"organization {organization_id}")
    found = session.exec(
        select(Conversation)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .where(Conversation.organization_id == organization.id, ChatMember.person_id == actor.person_id)
    ).first()
    if found is not None:
        return found
    started = session.exec(
        select(func.count())
        .select_from(Conversation)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .where(
            Conversation.kind == Kind.organisation,
            ChatMember.person_id == actor.person_id,
            Conversation.created_at > now - DAY,
        )
    ).one()
    if started >= CONVERSATIONS_PER_DAY:
        refuse(session, "ask-organisation", actor.hub_id, actor.person_id, "too many today")
    conversation = Conversation(
        hub_id=actor.hub_id,
        kind=Kind.organisation,
        organization_id=organization.id,
        service_id=service_id,
        created_at=now,
    )
    session.add(conversation)
    session.flush()
    _add_members(session, conversation, {actor.person_id})
    return conversation


def answerable(session: Session, hub_id: int, organization_ids: set[int]) -> set[int]:
    """Which of these organisations have a professional in the app to answer "Stel een vraag"."""
    if not organization_ids:
        return set()
    found = _linked(Membership.organization_id, hub_id, col(Membership.organization_id).in_(organization_ids))
    return set(session.exec(found).all())


def ensure_rooms(session: Session, hub_id: int, now: datetime) -> None:
    """The hub's online café and a room per wijk, made when missing (idempotent)."""
    rooms = session.exec(
        select(Conversation).where(Conversation.hub_id == hub_id, Conversation.kind == Kind.room)
    ).all()
    if not any(r.wijk_id is None for r in rooms):
        session.add(Conversation(hub_id=hub_id, kind=Kind.room, title=CAFE, created_at=now))
    have = {r.wijk_id for r in rooms}
    for wijk in session.exec(select(Wijk).where(Wijk.hub_id == hub_id).order_by(col(Wijk.id))).all():
        if wijk.id not in have:
            session.add(
                Conversation(hub_id=hub_id, kind=Kind.room, title=wijk.name, wijk_id=wijk.id, created_at=now)
            )
    session.flush()


def join(session: Session, actor: Actor, conversation_id: object, now: datetime) -> Conversation:
    """One tap: into a room of the actor's hub. Joining reads from the newest message on."""
    conversation = row(session, Conversation, conversation_id)
    if (
        conversation is None
        or conversation.hub_id != actor.hub_id
        or conversation.kind != Kind.room
        or not actor.roles
    ):
        refuse(session, "join-room", actor.hub_id, actor.person_id, f"conversation {conversation_id}")
    member = session.exec(
        select(ChatMember).where(
            ChatMember.conversation_id == conversation.id, ChatMember.person_id == actor.person_id
        )
    ).first()
    if member is not None and member.removed_at is not None:
        refuse(
            session, "join-room", actor.hub_id, actor.person_id, f"conversation {conversation_id}, removed"
        )
    if member is None:
        session.add(
            ChatMember(
                conversation_id=conversation.id,
                person_id=actor.person_id,
                read_seq=conversation.last_seq,
                mailed_seq=conversation.last_seq,
                joined_at=now,
            )
        )
        session.flush()
    return conversation


def leave(session: Session, actor: Actor, conversation_id: object) -> None:
    """Out of a room (a removed member's row stays, so they cannot join again)."""
    found = access(session, actor, conversation_id, "leave-room")
    if found.conversation.kind != Kind.room:
        refuse(
            session, "leave-room", actor.hub_id, actor.person_id, f"conversation {conversation_id}, no room"
        )
    session.delete(found.member)
    session.flush()


def mark_read(session: Session, found: Access, seq: int) -> None:
    """The member has read up to ``seq`` (never back, never past the last message)."""
    upto = min(max(seq, 0), found.conversation.last_seq)
    if upto > found.member.read_seq:
        found.member.read_seq = upto
        session.add(found.member)


@dataclass(frozen=True)
class Summary:
    """One line of the Praten list."""

    id: int
    kind: Kind
    title: str  # the other people's first names, the organisation's name, or the room's name
    wijk_id: int | None
    last_line: str  # the newest visible message, "" when none
    last_at: datetime | None
    unread: int
    member: bool  # False: a room of the hub the actor has not joined


def listing(session: Session, actor: Actor) -> list[Summary]:
    """The actor's conversations in the hub, newest first, then the rooms they have not joined;
    nothing for a person without a role in the hub (every one revoked)."""
    if not actor.roles:
        return []
    mine = session.exec(
        select(Conversation, ChatMember)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .where(
            Conversation.hub_id == actor.hub_id,
            ChatMember.person_id == actor.person_id,
            col(ChatMember.removed_at).is_(None),
        )
    ).all()
    professional_of = session.exec(_their_organisations(actor)).all()
    asked = []
    if professional_of:
        have = {c.id for c, _m in mine}
        asked = [
            c
            for c in session.exec(
                select(Conversation).where(
                    Conversation.hub_id == actor.hub_id,
                    col(Conversation.organization_id).in_(professional_of),
                    Conversation.kind == Kind.organisation,
                )
            ).all()
            if c.id not in have
        ]
    rows = [(c, m) for c, m in mine if may_read(session, actor, c)]
    rows += [(c, None) for c in asked]
    hidden = blocks.blocked_by(session, actor.person_id)
    titles = _titles(session, actor, [c for c, _m in rows])
    blocked_seqs = _seqs_by(session, {c.id for c, _m in rows}, hidden)
    found = [
        Summary(
            id=c.id,
            kind=c.kind,
            title=titles.get(c.id, c.title),
            wijk_id=c.wijk_id,
            last_line=_last_line(session, c.id, hidden),
            last_at=c.last_message_at,
            unread=_unread(c, m.read_seq if m else 0, blocked_seqs.get(c.id, ())),
            member=True,
        )
        for c, m in rows
    ]
    found.sort(key=lambda s: (s.last_at is not None, s.last_at or datetime.min), reverse=True)
    joined = {c.id for c, _m in rows}
    others = session.exec(
        select(Conversation)
        .where(Conversation.hub_id == actor.hub_id, Conversation.kind == Kind.room)
        .order_by(col(Conversation.wijk_id).is_not(None), col(Conversation.title))
    ).all()
    removed = set(
        session.exec(
            select(ChatMember.conversation_id).where(
                ChatMember.person_id == actor.person_id, col(ChatMember.removed_at).is_not(None)
            )
        ).all()
    )
    found += [
        Summary(c.id, c.kind, c.title, c.wijk_id, "", c.last_message_at, 0, False)
        for c in others
        if c.id not in joined and c.id not in removed
    ]
    return found


def _seqs_by(session: Session, conversation_ids: set[int], authors: set[int]) -> dict[int, list[int]]:
    """The numbers of the messages these authors wrote in these conversations (the blocked ones)."""
    if not conversation_ids or not authors:
        return {}
    found: dict[int, list[int]] = {}
    for conversation_id, seq in session.exec(
        select(ChatMessage.conversation_id, ChatMessage.seq).where(
            col(ChatMessage.conversation_id).in_(conversation_ids), col(ChatMessage.author_id).in_(authors)
        )
    ).all():
        found.setdefault(conversation_id, []).append(seq)
    return found


def _unread(conversation: Conversation, read_seq: int, blocked: Iterable[int]) -> int:
    """Messages after ``read_seq``, not counting those of people the reader blocked."""
    return max(conversation.last_seq - read_seq - sum(1 for seq in blocked if seq > read_seq), 0)


def unread_total(session: Session, actor: Actor) -> int:
    """Unread messages over every conversation the actor may read (the Praten badge), by the rules
    of ``listing``, in one query (more only for a request's conversation with unread messages, and
    when the actor blocked someone: their messages do not count): it runs on every page and for
    every message pushed. A question to the actor's organisation counts once they opened it."""
    if not actor.roles:
        return 0
    unread = dict(
        (conversation_id, count)
        for conversation_id, request_id, count in session.exec(
            select(Conversation.id, Conversation.request_id, Conversation.last_seq - ChatMember.read_seq)
            .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
            .where(
                Conversation.hub_id == actor.hub_id,
                ChatMember.person_id == actor.person_id,
                col(ChatMember.removed_at).is_(None),
                Conversation.last_seq > ChatMember.read_seq,
                _still_theirs(actor),
            )
        ).all()
        if request_id is None
        or request_rule(session, session.get(Conversation, conversation_id), actor.person_id)[0]
    )
    hidden = blocks.blocked_by(session, actor.person_id)
    blocked = 0
    if hidden and unread:
        blocked = session.exec(
            select(func.count())
            .select_from(ChatMessage)
            .join(ChatMember, col(ChatMember.conversation_id) == col(ChatMessage.conversation_id))
            .where(
                col(ChatMessage.conversation_id).in_(unread),
                ChatMember.person_id == actor.person_id,
                ChatMessage.seq > ChatMember.read_seq,
                col(ChatMessage.author_id).in_(hidden),
            )
        ).one()
    return max(sum(unread.values()) - blocked, 0)


def _still_theirs(actor: Actor):
    """For a query over the actor's ChatMember rows, as ``may_read`` without the request's rule:
    not a question to an organisation the actor no longer answers for (linked elsewhere since),
    unless they asked it (its first member); not a call-back's they did not ask for, unless they
    hold a staff role."""
    first = aliased(ChatMember)
    asked_first = (
        select(func.min(first.id)).where(first.conversation_id == Conversation.id).correlate(Conversation)
    ).scalar_subquery()
    organisation = or_(
        Conversation.kind != Kind.organisation,
        col(Conversation.organization_id).in_(_their_organisations(actor)),
        ChatMember.id == asked_first,
    )
    if actor.has(*STAFF_ROLES):
        return organisation
    asked = select(CallbackTask.id).where(CallbackTask.person_id == actor.person_id)
    callback = or_(col(Conversation.callback_id).is_(None), col(Conversation.callback_id).in_(asked))
    return and_(organisation, callback)


def _their_organisations(actor: Actor):
    """A query of the organisations the actor is linked to (as access: a role still waiting for
    the coordinator answers for none)."""
    return _linked(Membership.organization_id, actor.hub_id, Membership.person_id == actor.person_id)


def _last_line(session: Session, conversation_id: int, hidden: set[int]) -> str:
    query = select(ChatMessage.text, ChatMessage.card_title).where(
        ChatMessage.conversation_id == conversation_id, col(ChatMessage.hidden_at).is_(None)
    )
    query = blocks.without(query, hidden)
    found = session.exec(query.order_by(col(ChatMessage.seq).desc()).limit(1)).first()
    return (found[0] or found[1]) if found else ""


def typed_names(session: Session, conversation_ids: set[int], reader_id: int) -> dict[int, dict[int, str]]:
    """Names a reader sees instead of the account's first name, per conversation: the professional
    who posted a request for a caregiver sees the name they typed (``HelpRequest.caregiver_name``),
    never the one an existing account holds (help.requests.caregiver_name_for)."""
    if not conversation_ids:
        return {}
    found = session.exec(
        select(Conversation.id, HelpRequest.caregiver_id, HelpRequest.caregiver_name)
        .join(HelpRequest, col(HelpRequest.id) == col(Conversation.request_id))
        .where(col(Conversation.id).in_(conversation_ids), HelpRequest.posted_by_id == reader_id)
    ).all()
    return {c: {caregiver: name} for c, caregiver, name in found if caregiver not in (None, reader_id)}


def title(session: Session, actor: Actor, conversation: Conversation) -> str:
    """The conversation's name as the actor sees it, as on the Praten list."""
    return _titles(session, actor, [conversation]).get(conversation.id, conversation.title)


def _titles(session: Session, actor: Actor, conversations: list[Conversation]) -> dict[int, str]:
    """The other people's first names of each pair; the organisation's name of each question, for
    its professionals the caregiver's first name with it."""
    titles: dict[int, str] = {}
    pairs = [c.id for c in conversations if c.kind != Kind.room]
    if pairs:
        names: dict[int, list[str]] = {}
        typed = typed_names(session, set(pairs), actor.person_id)
        for conversation_id, person_id, name in session.exec(
            select(ChatMember.conversation_id, ChatMember.person_id, Person.first_name)
            .join(Person, col(Person.id) == col(ChatMember.person_id))
            .where(col(ChatMember.conversation_id).in_(pairs), ChatMember.person_id != actor.person_id)
            .order_by(col(ChatMember.id))
        ).all():
            names.setdefault(conversation_id, []).append(typed.get(conversation_id, {}).get(person_id, name))
        titles |= {c: ", ".join(n) for c, n in names.items()}
    organisations = {c.organization_id for c in conversations if c.kind == Kind.organisation}
    if organisations:
        org_names = dict(
            session.exec(
                select(Organization.id, Organization.name).where(col(Organization.id).in_(organisations))
            ).all()
        )
        for c in conversations:
            if c.kind == Kind.organisation:
                others = titles.get(c.id, "")  # for a professional: the caregiver who asked
                theirs = is_org_professional(session, actor, c.organization_id)
                name = org_names.get(c.organization_id, "")
                titles[c.id] = f"{others} ({name})" if theirs and others else name
    return titles
