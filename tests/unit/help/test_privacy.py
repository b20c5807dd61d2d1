"""AVG for the help tables: what is stored about one person, and what a wipe deletes or unlinks."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import uuid4

import pytest
from sqlmodel import Session, SQLModel, col, select

from mantelzorg_app.models import (
    ChatMessage,
    Conversation,
    FollowUp,
    HelpOffer,
    HelpRequest,
    OfferStatus,
    Person,
    Role,
    Status,
    VolunteerProfile,
)
from mantelzorg_app.services import privacy
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.chat import privacy as chat_privacy
from mantelzorg_app.services.help import follow_ups, requests, volunteering
from mantelzorg_app.services.help import privacy as help_privacy
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES
from mantelzorg_app.services.identity.authz import Actor
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, actor, add_offer, draft, help_world, matched, save_profile

LATER = NOW + timedelta(days=3)


@dataclass(frozen=True)
class Story:
    """Request ids (their rows may be wiped) and Dana, for whom Petra posted."""

    own: int  # Carla's: Vera helps; they wrote to each other; Carla said "nog niet"
    for_carla: int  # posted by Petra for Carla: open, Victor offered
    for_dana: int  # posted by Petra for Dana: Victor helps, Vera's offer declined
    dana: Actor


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def story(session: Session, world: Help) -> Story:
    save_profile(
        session, world.volunteer, [world.centrum, world.zuid], days=["dinsdag"], languages=["pl", "nl"]
    )
    own = matched(session, world, text="Boodschappen bij de Jumbo")
    say(session, world.caregiver, own.id, "Tot dinsdag, Vera.")
    say(session, world.volunteer, own.id, "Ik neem de lijst mee.")
    (asked,) = follow_ups.due(session, world.caregiver, LATER)
    follow_ups.answer(session, world.caregiver, asked.id, "not_yet", LATER)

    for_carla = requests.create_on_behalf(
        session,
        world.professional,
        draft(world.zuid, category="vervoer", text="Rit naar het ziekenhuis"),
        OnBehalf("Carla", world.carla.email, True),
        NOW,
    )
    add_offer(session, for_carla, world.victor, OfferStatus.offered)

    for_dana = requests.create_on_behalf(
        session,
        world.professional,
        draft(world.centrum, category="praten", text="Een praatje met Dana"),
        OnBehalf("Dana", "dana@example.org", True),
        NOW,
    )
    add_offer(session, for_dana, world.vera, OfferStatus.offered)
    victor = add_offer(session, for_dana, world.victor, OfferStatus.offered)
    requests.answer_offer(session, world.professional, victor.id, True, NOW)
    dana = actor(session.get(Person, for_dana.caregiver_id), world.leusden, Role.caregiver)
    say(session, world.professional, for_dana.id, "Ik kijk even mee.")
    say(session, dana, for_dana.id, "Dank u wel.")
    return Story(own.id, for_carla.id, for_dana.id, dana)


def say(session: Session, who: Actor, request_id: int, text: str, when: datetime = NOW) -> None:
    """``who`` writes in the request's conversation (services.chat), as the conversation page does."""
    conversation = conversations.for_request(session, who, request_id, when)
    found = conversations.access(session, who, conversation.id, "send-message")
    messages.send(session, found, who.person_id, text, str(uuid4()), when)
    session.commit()


def read(session: Session, who: Actor, request_id: int) -> list[tuple[str, str]]:
    """(author's first name, text) of what ``who`` reads in the request's conversation."""
    conversation = conversations.for_request(session, who, request_id, NOW)
    found = conversations.access(session, who, conversation.id, "read-messages")
    return [(m.author, m.text) for m in messages.after(session, found, who.person_id, 0)]


def _of_requests(*request_ids: int):
    return col(ChatMessage.conversation_id).in_(
        select(Conversation.id).where(col(Conversation.request_id).in_(request_ids))
    )


def _count(session: Session, table, *where) -> int:
    return len(session.exec(select(table).where(*where)).all())


# --- stored ------------------------------------------------------------------------------------------------


def test_the_caregiver_sees_her_requests_messages_and_follow_ups(session: Session, world: Help, story: Story):
    data = help_privacy.stored(session, world.carla.id)

    assert [
        (r["category"], r["text"], r["wijk"], r["status"], r["posted_for_you_by_a_professional"])
        for r in data["help_requests"]
    ] == [
        ("boodschappen", "Boodschappen bij de Jumbo", "Centrum", Status.matched, False),
        ("vervoer", "Rit naar het ziekenhuis", "Zuid", Status.open, True),
    ]
    own = data["help_requests"][0]
    assert (own["days"], own["dayparts"], own["recurring"], own["home_visit"], own["postcode"]) == (
        "",
        "",
        False,
        False,
        None,
    )
    assert own["agreed_at"] == "2025-03-04T08:00:00+00:00"  # Tuesday 09:00 in Leusden, as Vera can
    assert own["created_at"] == NOW.isoformat()
    assert data["help_requests"][1]["agreed_at"] is None
    assert [
        (m["text"], m["conversation_kind"]) for m in privacy.stored(session, world.carla.id)["chat_messages"]
    ] == [("Tot dinsdag, Vera.", "pair")]
    assert sorted((f["answer"] or "", f["due_at"]) for f in data["follow_ups"]) == [
        ("", (LATER + follow_ups.ASK_AGAIN_AFTER).isoformat()),
        ("not_yet", "2025-03-05T08:00:00+00:00"),
    ]
    assert (data["volunteer_profiles"], data["help_offers"]) == ([], [])


def test_the_volunteer_sees_her_profile_offers_messages_and_follow_ups(session: Session, world: Help, story):
    data = help_privacy.stored(session, world.vera.id)

    assert data["help_requests"] == []
    (profile,) = data["volunteer_profiles"]
    assert profile | {"updated_at": None} == {
        "categories": " ".join(CATEGORY_VALUES),
        "wijken": ["Centrum", "Zuid"],
        "postcode": None,
        "max_km": None,
        "days": "dinsdag",
        "dayparts": "",
        "languages": "nl pl",
        "updated_at": None,
    }
    assert sorted(o["status"] for o in data["help_offers"]) == [OfferStatus.accepted, OfferStatus.declined]
    assert [m["text"] for m in privacy.stored(session, world.vera.id)["chat_messages"]] == [
        "Ik neem de lijst mee."
    ]
    assert [(f["answer"], f["answered_at"]) for f in data["follow_ups"]] == [(None, None)]


def test_the_volunteer_and_the_professional_see_what_they_help_with_and_posted(
    session: Session, world: Help, story
):
    assert help_privacy.stored(session, world.vera.id)["helping_with"] == [
        {
            "category": "boodschappen",
            "wijk": "Centrum",
            "status": Status.matched,
            "home_visit": False,
            "agreed_at": "2025-03-04T08:00:00+00:00",
        }
    ]
    assert [
        (r["category"], r["status"]) for r in help_privacy.stored(session, world.victor.id)["helping_with"]
    ] == [("praten", Status.matched)]
    assert help_privacy.stored(session, world.petra.id)["posted_for_others"] == [
        {"category": "vervoer", "wijk": "Zuid", "status": Status.open, "created_at": NOW.isoformat()},
        {"category": "praten", "wijk": "Centrum", "status": Status.matched, "created_at": NOW.isoformat()},
    ]
    for_petra = json.dumps(privacy.export(session, world.petra.id))
    for word in ("Carla", "Dana", "dana@", "ziekenhuis", "praatje", "Dank u wel"):
        assert word not in for_petra


def test_nothing_of_anyone_else_is_in_it(session: Session, world: Help, story: Story):
    for_vera = json.dumps(privacy.export(session, world.vera.id))
    for_dana = json.dumps(privacy.export(session, story.dana.person_id))
    for word in ("Carla", "Jumbo", "ziekenhuis", "Tot dinsdag", "Victor", "Petra", "Ik kijk even mee"):
        assert word not in for_vera
        assert word not in for_dana
    assert "Een praatje met Dana" in for_dana and "Dank u wel." in for_dana
    assert '"id"' not in for_vera and '_id"' not in for_vera and '_id"' not in for_dana


def test_the_avg_export_holds_the_help_tables(session: Session, world: Help, story: Story):
    everything = privacy.stored(session, world.carla.id)
    assert everything["person"]["first_name"] == "Carla"
    for key, value in help_privacy.stored(session, world.carla.id).items():
        assert everything[key] == value
    assert [c["text_version"] for c in everything["consents"]] == [requests.ON_BEHALF_CONSENT]


# --- forget, through privacy.delete -------------------------------------------------------------------


def test_a_wiped_caregiver_takes_her_requests_with_everything_on_them(
    session: Session, world: Help, story: Story
):
    carla = world.carla.id

    assert privacy.delete(session, carla)

    session.expire_all()
    assert session.exec(select(HelpRequest.id).order_by(col(HelpRequest.id))).all() == [story.for_dana]
    for table in (HelpOffer, FollowUp, Conversation):
        rows = session.exec(select(table).where(col(table.request_id).in_([story.own, story.for_carla])))
        assert rows.all() == []
    assert _count(session, ChatMessage) == 2  # Dana's conversation stays
    assert _count(session, HelpOffer, HelpOffer.request_id == story.for_dana) == 2
    assert _count(session, VolunteerProfile, VolunteerProfile.person_id == world.vera.id) == 1
    assert privacy.stored(session, carla) is None
    assert help_privacy.stored(session, carla) == {
        "help_requests": [],
        "volunteer_profiles": [],
        "helping_with": [],
        "posted_for_others": [],
        "help_offers": [],
        "follow_ups": [],
        "call_backs_asked": [],
    }


def test_a_wiped_volunteer_goes_and_the_request_opens_again(session: Session, world: Help, story: Story):
    vera = world.vera.id

    assert privacy.delete(session, vera)

    session.expire_all()
    own = session.get(HelpRequest, story.own)
    assert (own.status, own.volunteer_id, own.agreed_at, own.needs_attention) == (
        Status.open,
        None,
        None,
        False,
    )
    assert _count(session, VolunteerProfile, VolunteerProfile.person_id == vera) == 0
    assert _count(session, HelpOffer, HelpOffer.volunteer_id == vera) == 0
    assert _count(session, Conversation, Conversation.request_id == story.own) == 0  # the 1:1 is hers too
    assert _count(session, ChatMessage, _of_requests(story.own)) == 0
    assert _count(session, FollowUp, FollowUp.request_id == story.own) == 0
    assert _count(session, ChatMessage, _of_requests(story.for_dana)) == 2
    assert _count(session, HelpOffer, HelpOffer.request_id == story.for_carla) == 1
    mine = {m.request.id: m for m in requests.mine(session, world.caregiver)}
    assert (mine[story.own].helper, mine[story.own].request.status) == ("", Status.open)
    save_profile(session, world.unvetted, [world.centrum])
    assert story.own in {f.request.id for f in volunteering.fits(session, world.unvetted, LATER)}


def test_a_wiped_professional_is_cut_from_what_she_posted(session: Session, world: Help, story: Story):
    petra = world.petra.id

    assert privacy.delete(session, petra)

    session.expire_all()
    rows = session.exec(select(HelpRequest).order_by(col(HelpRequest.id))).all()
    assert [(r.id, r.posted_by_id) for r in rows] == [
        (story.own, None),
        (story.for_carla, None),
        (story.for_dana, None),
    ]
    assert session.get(HelpRequest, story.for_dana).status == Status.matched
    assert read(session, story.dana, story.for_dana) == [("Dana", "Dank u wel.")]  # her words went
    assert [m.request.id for m in requests.mine(session, story.dana)] == [story.for_dana]


def test_no_help_row_points_at_a_wiped_person(session: Session, world: Help, story: Story):
    people = (world.carla.id, world.vera.id, world.petra.id, world.victor.id, story.dana.person_id)
    for person_id in people:
        assert privacy.delete(session, person_id)
    connection = session.connection()
    for table in (model.__table__ for model in help_privacy.TABLES):
        pointing = [k.parent for k in table.foreign_keys if k.column.table.name == Person.__tablename__]
        for column in pointing:
            assert connection.execute(table.select().where(column.in_(people))).all() == []
    assert _count(session, HelpRequest) == 0


def _rows_per_table(session: Session) -> dict[str, int]:
    connection = session.connection()
    return {t.name: len(connection.execute(t.select()).all()) for t in SQLModel.metadata.sorted_tables}


def test_forget_leaves_committing_to_the_caller(session: Session, world: Help, story: Story):
    before = _rows_per_table(session)
    for person_id in (world.carla.id, world.vera.id):
        chat_privacy.forget(session, person_id)  # first, as privacy.delete does: chats point at requests
        help_privacy.forget(session, person_id)
    assert _rows_per_table(session) != before
    session.rollback()
    assert _rows_per_table(session) == before


@pytest.mark.parametrize("ended", [Status.closed, Status.done])
def test_an_ended_request_stays_ended_when_its_volunteer_is_wiped(session: Session, world: Help, ended):
    """Only a matched request opens again: one the caregiver stopped, or that was done, stays so."""
    request = matched(session, world)
    if ended == Status.closed:
        requests.stop(session, world.caregiver, request.id, NOW)
    else:
        (asked,) = [d for d in follow_ups.due(session, world.caregiver, LATER) if d.request_id == request.id]
        follow_ups.answer(session, world.caregiver, asked.id, "yes", LATER)

    privacy.delete(session, world.vera.id)

    session.expire_all()
    stored = session.get(HelpRequest, request.id)
    assert (stored.status, stored.volunteer_id) == (ended, None)
    save_profile(session, world.unvetted, [world.centrum])
    assert volunteering.fits(session, world.unvetted, LATER) == []
