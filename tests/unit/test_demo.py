"""Demo data: two hubs, loaded once, with people who are obviously made up."""

import re

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from mantelzorg_app.models import (
    ChatMember,
    ChatMessage,
    Conversation,
    FollowUp,
    HelpRequest,
    Hub,
    Kind,
    Membership,
    Organization,
    Person,
    Role,
    SearchDocument,
    Service,
    ServiceSchedule,
    Status,
    Wijk,
)
from mantelzorg_app.models.base import utcnow
from mantelzorg_app.services.chat import conversations
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.identity.authz import Actor
from mantelzorg_app.services.platform.hubs import hub_by_slug, wijken

# Mobile prefixes that stay real so the number reads as a phone number; everything after them is fake.
MOBILE_PREFIX = {"NL": "06", "BE": "04"}


@pytest.fixture
def demo(session: Session) -> Session:
    assert load_demo(session) == ["leusden", "poperinge"]
    return session


def _counts(session: Session) -> dict[str, int]:
    return {
        table.__name__: session.exec(select(func.count()).select_from(table)).one()
        for table in (
            Hub,
            Wijk,
            Person,
            Membership,
            Organization,
            Service,
            ServiceSchedule,
            SearchDocument,
            HelpRequest,
            Conversation,
            ChatMember,
            ChatMessage,
        )
    }


def test_loads_leusden_and_poperinge(demo: Session) -> None:
    assert {hub.slug: hub.country for hub in demo.exec(select(Hub))} == {"leusden": "NL", "poperinge": "BE"}


def test_second_load_adds_nothing(demo: Session) -> None:
    before = _counts(demo)
    assert all(before.values()), before

    assert load_demo(demo) == []
    assert _counts(demo) == before


def test_load_adds_only_the_missing_hub(session: Session) -> None:
    session.add(
        Hub(slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    )
    session.commit()

    assert load_demo(session) == ["poperinge"]
    assert session.exec(select(func.count()).select_from(Hub)).one() == 2


def test_leusden_wijken(demo: Session) -> None:
    leusden = hub_by_slug(demo, "leusden")
    names = {wijk.name for wijk in wijken(demo, leusden.id)}
    expected = {"Centrum", "Zuid", "Achterveld", "Stoutenburg", "Groenhouten", "Tabaksteeg", "Rozendaal"}
    assert expected <= names, f"missing in Leusden: {sorted(expected - names)}"


def test_people_are_obviously_made_up(demo: Session) -> None:
    people = demo.exec(select(Person)).all()
    assert people
    for person in people:
        assert person.email and person.email.endswith(".example.org"), person.email
        country = {
            hub.country
            for hub in demo.exec(
                select(Hub)
                .join(Membership, Membership.hub_id == Hub.id)
                .where(Membership.person_id == person.id)
            )
        }
        assert len(country) == 1, (person.first_name, country)
        prefix = MOBILE_PREFIX[country.pop()]
        digits = re.sub(r"\D", "", person.phone or "")
        assert digits.startswith(prefix), person.phone
        fake = digits[len(prefix) :]
        assert len(fake) == 8, person.phone
        assert set(fake[:-2]) == {"0"} and fake[-2:].isdigit(), (
            f"{person.phone!r}: only the last two digits may be other than zero"
        )


def test_every_membership_wijk_is_in_its_own_hub(demo: Session) -> None:
    memberships = demo.exec(select(Membership)).all()
    assert memberships
    assert any(m.wijk_id is not None for m in memberships)
    for membership in memberships:
        if membership.wijk_id is None:
            continue
        wijk = demo.get(Wijk, membership.wijk_id)
        assert wijk is not None
        assert wijk.hub_id == membership.hub_id, (
            f"membership {membership.id} in hub {membership.hub_id} points at wijk {wijk.name} "
            f"of hub {wijk.hub_id}"
        )


def test_each_hub_has_a_coordinator(demo: Session) -> None:
    for hub in demo.exec(select(Hub)):
        coordinators = demo.exec(
            select(Membership).where(Membership.hub_id == hub.id, Membership.role == Role.coordinator)
        ).all()
        assert coordinators, f"{hub.name} has no coordinator"


def test_each_hub_has_a_professional_with_an_organisation_of_its_own(demo: Session) -> None:
    for hub in demo.exec(select(Hub)):
        professionals = demo.exec(
            select(Membership).where(Membership.hub_id == hub.id, Membership.role == Role.professional)
        ).all()
        assert professionals, f"{hub.name} has no professional"
        for membership in professionals:
            organization = demo.get(Organization, membership.organization_id)
            assert organization is not None and organization.hub_id == hub.id, hub.name


def test_load_adds_the_sociale_kaart_only_for_a_hub_it_adds(session: Session) -> None:
    session.add(
        Hub(slug="leusden", name="Leusden", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL")
    )
    session.commit()
    leusden = hub_by_slug(session, "leusden")

    load_demo(session)

    assert not session.exec(select(Service).where(Service.hub_id == leusden.id)).all()
    assert session.exec(select(Service)).all(), "Poperinge's sociale kaart"


def _room(session: Session, slug: str, title: str) -> Conversation:
    hub = hub_by_slug(session, slug)
    return session.exec(
        select(Conversation).where(
            Conversation.hub_id == hub.id, Conversation.kind == Kind.room, Conversation.title == title
        )
    ).one()


def _lines(session: Session, conversation: Conversation) -> list[tuple[int, str, str]]:
    return [
        (m.seq, m.local_id, session.get(Person, m.author_id).first_name)
        for m in session.exec(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation.id)
            .order_by(ChatMessage.seq)
        )
    ]


def test_every_hub_has_its_cafe_and_a_room_per_wijk(demo: Session) -> None:
    for hub in demo.exec(select(Hub)):
        rooms = demo.exec(
            select(Conversation).where(Conversation.hub_id == hub.id, Conversation.kind == Kind.room)
        ).all()
        assert sorted(r.title for r in rooms) == sorted(
            [conversations.CAFE, *(w.name for w in wijken(demo, hub.id))]
        )
        before = len(rooms)
        conversations.ensure_rooms(demo, hub.id, utcnow())  # as manage migrate does again: nothing new
        assert (
            demo.exec(
                select(func.count()).where(Conversation.hub_id == hub.id, Conversation.kind == Kind.room)
            ).one()
            == before
        )


@pytest.mark.parametrize(
    ("slug", "title", "authors"),
    [
        ("leusden", conversations.CAFE, ["Eva", "Bram", "Eva", "Anna", "Gerrit", "Bram"]),
        ("leusden", "Centrum", ["Carla", "Anna", "Carla"]),
        ("poperinge", conversations.CAFE, ["Hilde", "Ivo"]),
    ],
)
def test_rooms_have_friendly_messages_numbered_from_one(demo: Session, slug, title, authors) -> None:
    room = _room(demo, slug, title)
    lines = _lines(demo, room)
    assert [name for _seq, _local, name in lines] == authors
    assert [(seq, local) for seq, local, _name in lines] == [
        (n, f"demo-{n}") for n in range(1, len(authors) + 1)
    ]
    assert room.last_seq == len(authors) and room.last_message_at is not None
    members = {
        m.person_id: m for m in demo.exec(select(ChatMember).where(ChatMember.conversation_id == room.id))
    }
    assert {demo.get(Person, p).first_name for p in members} == set(authors)
    assert all(m.mailed_seq == room.last_seq for m in members.values()), "no unread mail for the demo"


def test_anna_and_carla_talk_about_a_matched_request(demo: Session) -> None:
    leusden = hub_by_slug(demo, "leusden")
    people = {
        p.first_name: p.id
        for p in demo.exec(select(Person).join(Membership).where(Membership.hub_id == leusden.id))
    }
    request = demo.exec(
        select(HelpRequest).where(
            HelpRequest.caregiver_id == people["Anna"], HelpRequest.status == Status.matched
        )
    ).one()
    assert request.volunteer_id == people["Carla"] and request.agreed_at is not None
    assert {f.person_id for f in demo.exec(select(FollowUp).where(FollowUp.request_id == request.id))} == {
        people["Anna"],
        people["Carla"],
    }
    pair = demo.exec(select(Conversation).where(Conversation.request_id == request.id)).one()
    assert pair.kind == Kind.pair
    assert [name for _s, _l, name in _lines(demo, pair)] == ["Carla", "Anna", "Carla", "Anna"]
    # the help rules let both of them read and write there
    for name in ("Anna", "Carla"):
        held = select(Membership.role).where(Membership.person_id == people[name])
        roles = demo.exec(held.where(Membership.hub_id == leusden.id)).all()
        actor = Actor(person_id=people[name], hub_id=leusden.id, first_name=name, roles=frozenset(roles))
        assert conversations.access(demo, actor, pair.id, "test").posting
