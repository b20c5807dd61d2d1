"""The ways from a card into the chat: "Stel een vraag" (``askable``; the conversation itself is
``conversations.ask_organisation``) and "Stuur naar mijn vrijwilliger": a sociale kaart service
an activity or a published news post shared as a card into the conversation with one's volunteer
(``share``).

Everything on the card comes from the database: the browser names only the kind, the item's id
and the conversation, and the conversation must be one of the actor's ``volunteer_pairs``, checked
with ``conversations.access`` like every message. A kind is one entry in ``CARDS``: a function that
finds the item in the actor's hub (None when it is not there or no longer shown) and makes its card.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from mantelzorg_app import routes
from mantelzorg_app.models import (
    ChatMember,
    ChatMessage,
    Conversation,
    HelpRequest,
    NewsPost,
    Person,
    PostStatus,
    Status,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.calendar import activities
from mantelzorg_app.services.calendar import indexing as calendar_indexing
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.chat.messages import Card
from mantelzorg_app.services.directory import entries
from mantelzorg_app.services.identity.authz import Actor, refuse
from mantelzorg_app.services.platform import database

GONE = ("inactive", "defunct")  # HSDS statuses the public no longer sees (as the service's page)
ACTION = "share-card"


def _service(session: Session, hub_id: int, item_id: object) -> Card | None:
    service = entries.one(session, hub_id, item_id)
    if service is None or service.status in GONE:
        return None
    return Card(kind="service", title=service.name, path=routes.service_part(service.id))


def _activity(session: Session, hub_id: int, item_id: object) -> Card | None:
    activity = activities.one(session, hub_id, item_id)
    if activity is None or not calendar_indexing.goes_on(session, activity, utcnow()):
        return None  # cancelled, or its last date is over
    return Card(kind="activity", title=activity.title, path=routes.activity_part(activity.id))


def _post(session: Session, hub_id: int, item_id: object) -> Card | None:
    post = database.row(session, NewsPost, database.id_of(item_id))
    if post is None or post.hub_id != hub_id or post.status != PostStatus.published:
        return None  # a draft, a post waiting or taken down is nobody's to pass on
    return Card(kind="post", title=post.title, path=routes.post_part(post.id))


# kind: the card of the item with this id in the hub, or None
CARDS: dict[str, Callable[[Session, int, object], Card | None]] = {
    "service": _service,
    "activity": _activity,
    "post": _post,
}


def askable(session: Session, hub_id: int, actor: Actor | None, organization_id: int) -> bool:
    """Whether "Stel een vraag" shows for the organisation: someone of it is in the app to answer,
    and the viewer (None: a visitor, who signs in first) is not one of its own professionals."""
    if not conversations.answerable(session, hub_id, {organization_id}):
        return False
    return actor is None or not conversations.is_org_professional(session, actor, organization_id)


@dataclass(frozen=True)
class Pair:
    """A conversation with a volunteer the actor may write to, and the volunteer's first name."""

    conversation_id: int
    name: str


def volunteer_pairs(session: Session, actor: Actor) -> list[Pair]:
    """The actor's conversations about a matched help request with the volunteer of that match, who
    still qualifies (those that take messages), the newest first. Nothing for the volunteer."""
    rows = session.exec(
        select(Conversation, HelpRequest, Person.first_name)
        .join(ChatMember, col(ChatMember.conversation_id) == col(Conversation.id))
        .join(HelpRequest, col(HelpRequest.id) == col(Conversation.request_id))
        .join(Person, col(Person.id) == col(HelpRequest.volunteer_id))
        .where(
            Conversation.hub_id == actor.hub_id,
            ChatMember.person_id == actor.person_id,
            col(ChatMember.removed_at).is_(None),
            HelpRequest.status == Status.matched,
            HelpRequest.volunteer_id != actor.person_id,
        )
        .order_by(col(Conversation.last_message_at).desc(), col(Conversation.id).desc())
    ).all()
    return [
        Pair(conversation.id, name)
        for conversation, _request, name in rows
        if conversations.request_rule(session, conversation, actor.person_id)[1]
    ]


def card_of(session: Session, hub_id: int, kind: object, item_id: object) -> Card | None:
    """The card of a kind we know, for an item of the hub; None for anything else."""
    make = CARDS.get(kind) if isinstance(kind, str) else None
    return make(session, hub_id, item_id) if make else None


def share(
    session: Session, actor: Actor, kind: object, item_id: object, conversation_id: object, now: datetime
) -> tuple[ChatMessage, bool, conversations.Access]:
    """Adds the card to the conversation (not committed): the message, whether it is new, and the
    access (for the receivers). The same card to the same conversation on the same day is one
    message, so a double tap sends it once. Refused (and logged) for anything not the actor's."""
    if conversation_id not in {p.conversation_id for p in volunteer_pairs(session, actor)}:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"conversation {conversation_id}")
    found = conversations.access(session, actor, conversation_id, ACTION)
    card = card_of(session, actor.hub_id, kind, item_id)
    if card is None:
        refuse(session, ACTION, actor.hub_id, actor.person_id, f"{kind} {item_id}"[:80])
    said = f"{actor.person_id}:{card.kind}:{card.path}:{conversation_id}:{now.date().isoformat()}"
    local_id = "card-" + hashlib.sha256(said.encode()).hexdigest()[:24]
    message, new = messages.send(session, found, actor.person_id, "", local_id, now, card=card)
    return message, new, found
