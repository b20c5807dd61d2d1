"""Chat rows for the security tests: a reported message in each demo hub's online café."""

import reflex as rx
from sqlmodel import select

from mantelzorg_app.models import Membership, Person


def reported(slug: str) -> dict[str, int]:
    """In the demo hub's online café: a message by a volunteer (Carla in Leusden), reported by
    another member (Anna; in Poperinge the coordinator). Made once per test; ids of both."""
    from mantelzorg_app.models import ChatMessage, ChatReport, Conversation, Hub, Kind, Reason
    from mantelzorg_app.models.base import utcnow
    from mantelzorg_app.services.chat import conversations, messages, moderation
    from mantelzorg_app.services.identity.authz import Actor

    author, reporter = {"leusden": ("Carla", "Anna"), "poperinge": ("Ivo", "Jolien")}[slug]
    local_id = f"security-report-{slug}"
    with rx.session() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.slug == slug)).one()
        found = session.exec(select(ChatMessage).where(ChatMessage.local_id == local_id)).first()
        if found is None:
            now = utcnow()
            conversations.ensure_rooms(session, hub_id, now)
            cafe = session.exec(
                select(Conversation).where(
                    Conversation.hub_id == hub_id,
                    Conversation.kind == Kind.room,
                    Conversation.wijk_id == None,  # noqa: E711
                )
            ).one()
            people = {}
            for name in (author, reporter):
                member = session.exec(
                    select(Membership)
                    .join(Person, Person.id == Membership.person_id)
                    .where(Membership.hub_id == hub_id, Person.first_name == name)
                ).first()
                people[name] = Actor(member.person_id, name, hub_id, frozenset({member.role}))
                conversations.join(session, people[name], cafe.id, now)
            access = conversations.access(session, people[author], cafe.id, "send-message")
            found, _new = messages.send(session, access, people[author].person_id, "Koop nu!", local_id, now)
            moderation.report(session, people[reporter], found.id, Reason.spam, now)
            session.commit()
        report_id = session.exec(select(ChatReport.id).where(ChatReport.message_id == found.id)).first()
        return {"message": found.id, "report": report_id}
