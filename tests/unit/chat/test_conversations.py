"""Who reads and writes which conversation (services.chat.conversations): a request's 1:1, a
call-back's, a question to an organisation, the hub's rooms; and the Praten list."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    CallbackTask,
    ChatMember,
    Conversation,
    Kind,
    Membership,
    OfferStatus,
    Person,
    Role,
)
from mantelzorg_app.services.chat import blocks, conversations
from mantelzorg_app.services.chat.messages import CLOSED
from mantelzorg_app.services.help import coordination, requests, volunteering
from mantelzorg_app.services.help.requests import OnBehalf
from mantelzorg_app.services.identity import memberships
from mantelzorg_app.services.platform.problems import Invalid
from tests.unit.auth_fixtures import NOW
from tests.unit.chat.chat_fixtures import (
    add_professional,
    link,
    organisation,
    read,
    say,
    stored,
    texts,
)
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    add_volunteer,
    ask,
    draft,
    help_world,
    matched,
    refused,
    save_profile,
    without_vog,
)

LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def posted(session: Session, world: Help):
    """Petra posted for Dana; Vera offered and Petra accepted. Gives the request and Dana's actor."""
    request = requests.create_on_behalf(
        session, world.professional, draft(world.centrum), OnBehalf("Dana", "dana@example.org", True), NOW
    )
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    request = requests.answer_offer(session, world.professional, offer.id, True, NOW)
    dana = session.get(Person, request.caregiver_id)
    return request, actor(dana, world.leusden, Role.caregiver)


def _chat(session: Session, who, request_id: int) -> int:
    conversation = conversations.for_request(session, who, request_id, NOW)
    session.commit()
    return conversation.id


# --- a help request's conversation ---------------------------------------------------------------


def test_the_three_of_them_talk_in_one_conversation_in_order(session: Session, world: Help, posted):
    request, dana = posted
    chat = _chat(session, dana, request.id)
    assert (
        _chat(session, world.volunteer, request.id) == chat == _chat(session, world.professional, request.id)
    )
    say(session, dana, chat, "  Dinsdag om tien uur?  ")
    say(session, world.volunteer, chat, "Prima, tot dan.", LATER)
    say(session, world.professional, chat, "Fijn dat het lukt.", LATER)  # the same moment

    for reader, mine in ((dana, 0), (world.volunteer, 1), (world.professional, 2)):
        shown = read(session, reader, chat)
        assert [(m.seq, m.author, m.text, m.at) for m in shown] == [
            (1, "Dana", "Dinsdag om tien uur?", NOW),
            (2, "Vera", "Prima, tot dan.", LATER),
            (3, "Petra", "Fijn dat het lukt.", LATER),
        ]
        assert [m.mine for m in shown] == [i == mine for i in range(3)]
    members = session.exec(select(ChatMember.person_id).where(ChatMember.conversation_id == chat)).all()
    assert set(members) == {dana.person_id, world.vera.id, world.petra.id}
    assert session.get(Conversation, chat).kind == Kind.pair


def test_a_new_conversation_is_empty_and_takes_messages(session: Session, world: Help):
    request = matched(session, world)
    chat = _chat(session, world.caregiver, request.id)
    found = conversations.access(session, world.caregiver, chat, "read-conversation")
    assert found.posting and read(session, world.caregiver, chat) == []


def test_nobody_else_reads_writes_or_opens_it(session: Session, world: Help, posted):
    request, dana = posted
    chat = _chat(session, dana, request.id)
    say(session, dana, chat, "Dinsdag om tien uur?")
    strangers = (
        world.caregiver,  # another caregiver of the hub
        world.unvetted,  # another volunteer
        world.coordinator,  # staff, but not the one who posted
        actor(world.cora, world.leusden, Role.professional),
        actor(world.vera, world.poperinge, Role.volunteer),  # the volunteer, in another hub
        actor(world.petra, world.poperinge, Role.professional),
        world.elsewhere,
    )
    for stranger in strangers:
        with refused(session, "read-conversation"):
            read(session, stranger, chat)
        with refused(session, "send-message"):
            say(session, stranger, chat, "Hallo?")
        with refused(session, "open-request-chat"):
            conversations.for_request(session, stranger, request.id, NOW)
    assert stored(session, chat) == [(1, "Dinsdag om tien uur?")]
    assert session.exec(select(ChatMember).where(ChatMember.person_id == world.carla.id)).all() == []


def test_there_is_no_conversation_before_the_match(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    add_offer(session, request, world.vera, OfferStatus.offered)
    for reader in (world.caregiver, world.volunteer):
        with refused(session, "open-request-chat"):
            conversations.for_request(session, reader, request.id, NOW)
    for junk in (10_000, "1; drop", None, -1):
        with refused(session, "open-request-chat"):
            conversations.for_request(session, world.caregiver, junk, NOW)
    assert session.exec(select(Conversation)).all() == []


def test_it_closes_once_the_request_ends_and_stays_readable(session: Session, world: Help, posted):
    request, dana = posted
    chat = _chat(session, dana, request.id)
    say(session, world.volunteer, chat, "Tot dinsdag.")
    requests.stop(session, dana, request.id, LATER)
    for member in (dana, world.volunteer, world.professional):
        assert _chat(session, member, request.id) == chat  # still their history
        found = conversations.access(session, member, chat, "read-conversation")
        assert not found.posting
        assert texts(session, member, chat) == ["Tot dinsdag."]
        with pytest.raises(Invalid) as invalid:
            say(session, member, chat, "Nog één ding", LATER)
        assert invalid.value.problems == {"text": CLOSED}
    assert stored(session, chat) == [(1, "Tot dinsdag.")]


def test_a_volunteer_without_vog_on_a_home_visit_no_longer_reads_it(session: Session, world: Help):
    visit = matched(session, world, category="klusjes")  # help at home: needs a VOG
    shopping = matched(session, world)
    home, shop = _chat(session, world.caregiver, visit.id), _chat(session, world.caregiver, shopping.id)
    say(session, world.caregiver, home, "Kunt u dinsdag?")
    assert conversations.access(session, world.volunteer, home, "read-conversation").posting
    without_vog(session, world.vera)

    with refused(session, "read-conversation"):
        read(session, world.volunteer, home)
    with refused(session, "send-message"):
        say(session, world.volunteer, home, "Ja hoor", LATER)
    assert not conversations.access(session, world.caregiver, home, "read-conversation").posting
    with pytest.raises(Invalid):  # the caregiver waits for a volunteer who may come
        say(session, world.caregiver, home, "Hallo?", LATER)
    say(session, world.volunteer, shop, "Boodschappen doe ik nog.", LATER)  # no home visit
    assert home not in {s.id for s in conversations.listing(session, world.volunteer)}

    for membership in session.exec(select(Membership).where(Membership.person_id == world.vera.id)):
        session.delete(membership)  # no longer a volunteer of the hub at all
    session.commit()
    with refused(session, "read-conversation"):
        read(session, world.volunteer, shop)
    assert texts(session, world.caregiver, shop) == ["Boodschappen doe ik nog."]


def test_a_new_match_gets_a_new_conversation_the_next_volunteer_never_reads_the_old(
    session: Session, world: Help
):
    visit = matched(session, world, category="klusjes")
    first = _chat(session, world.volunteer, visit.id)
    say(session, world.caregiver, first, "Mijn sleutel ligt onder de mat.")
    coordination.vog_taken_back(session, world.leusden.id, world.vera.id)  # the request opens again
    without_vog(session, world.vera)
    with refused(session, "open-request-chat"):
        conversations.for_request(session, world.volunteer, visit.id, NOW)
    assert _chat(session, world.caregiver, visit.id) == first  # while open: the last one, closed

    wim = add_volunteer(session, world.leusden, "Wim")
    save_profile(session, wim, [world.centrum])
    offer = volunteering.offer(session, wim, visit.id, LATER)
    requests.answer_offer(session, world.caregiver, offer.id, True, LATER)
    second = _chat(session, wim, visit.id)
    assert second != first
    assert _chat(session, world.caregiver, visit.id) == second
    assert read(session, wim, second) == []
    with refused(session, "read-conversation"):
        read(session, wim, first)
    with refused(session, "read-conversation"):
        read(session, world.volunteer, first)
    say(session, wim, second, "Ik kom donderdag.", LATER)
    assert texts(session, world.caregiver, first) == ["Mijn sleutel ligt onder de mat."]
    assert not conversations.access(session, world.caregiver, first, "read-conversation").posting
    assert conversations.access(session, world.caregiver, second, "read-conversation").posting
    assert {s.id for s in conversations.listing(session, world.caregiver)} >= {first, second}
    assert first not in {s.id for s in conversations.listing(session, wim)}


def test_the_poster_sees_the_caregiver_by_the_name_they_typed(session: Session, world: Help):
    """Posting for an address that is already a caregiver here under another name tells the poster
    nothing: not in the messages, not in the Praten list."""
    caregiver = session.get(Person, world.caregiver.person_id)
    typed = OnBehalf("Mevrouw X", caregiver.email, True)
    request = requests.create_on_behalf(session, world.professional, draft(world.centrum), typed, NOW)
    offer = add_offer(session, request, world.vera, OfferStatus.offered)
    request = requests.answer_offer(session, world.professional, offer.id, True, NOW)
    chat = _chat(session, world.caregiver, request.id)
    say(session, world.caregiver, chat, "Dag allemaal.")

    assert [m.author for m in read(session, world.professional, chat)] == ["Mevrouw X"]
    (line,) = [s for s in conversations.listing(session, world.professional) if s.id == chat]
    assert "Carla" not in line.title and "Mevrouw X" in line.title
    assert [m.author for m in read(session, world.volunteer, chat)] == ["Carla"]
    (line,) = [s for s in conversations.listing(session, world.volunteer) if s.id == chat]
    assert "Carla" in line.title


# --- a call-back -------------------------------------------------------------------------------


def _callback(session: Session, world: Help, person_id: int | None) -> CallbackTask:
    task = CallbackTask(hub_id=world.leusden.id, phone="0612345678", good_time="ochtend", person_id=person_id)
    session.add(task)
    session.commit()
    session.refresh(task)
    return task


def test_the_consulent_writes_to_whoever_asked_for_a_call_back(session: Session, world: Help):
    task = _callback(session, world, world.carla.id)
    chat = conversations.for_callback(session, world.coordinator, task.id, NOW).id
    session.commit()
    say(session, world.coordinator, chat, "Ik bel u morgen om tien uur.")
    assert texts(session, world.caregiver, chat) == ["Ik bel u morgen om tien uur."]
    assert conversations.for_callback(session, world.coordinator, task.id, NOW).id == chat  # once
    say(session, world.caregiver, chat, "Dank u.")
    assert [m.badge for m in read(session, world.caregiver, chat)] == ["staff", ""]
    for stranger in (world.volunteer, world.unvetted, world.professional):
        with refused(session, "read-conversation"):
            read(session, stranger, chat)
    # the call-back list is the coordinator's: no other role opens a call-back's conversation
    for who in (world.caregiver, world.volunteer, world.professional, world.other_coordinator):
        with refused(session, "open-callback-chat"):
            conversations.for_callback(session, who, task.id, NOW)
    anonymous = _callback(session, world, None)
    with refused(session, "open-callback-chat"):
        conversations.for_callback(session, world.coordinator, anonymous.id, NOW)
    with refused(session, "open-callback-chat"):
        conversations.for_callback(session, world.coordinator, 10_000, NOW)


# --- a question to an organisation -------------------------------------------------------------


def test_any_linked_professional_reads_and_answers_also_one_linked_later(session: Session, world: Help):
    welzijn = organisation(session, world.leusden, "Welzijn Leusden")
    petra = link(session, world.petra, world.leusden, welzijn)
    assert conversations.answerable(session, world.leusden.id, {welzijn.id}) == {welzijn.id}
    chat = conversations.ask_organisation(session, world.caregiver, welzijn.id, None, NOW).id
    session.commit()
    assert conversations.ask_organisation(session, world.caregiver, welzijn.id, None, NOW).id == chat
    say(session, world.caregiver, chat, "Waar vind ik een dagbesteding?")
    assert conversations.receivers(session, session.get(Conversation, chat)) == {
        world.carla.id,
        world.petra.id,
    }
    (line,) = [s for s in conversations.listing(session, petra) if s.id == chat]
    assert (line.title, line.unread, line.last_line) == (
        "Carla (Welzijn Leusden)",
        1,
        "Waar vind ik een dagbesteding?",
    )
    say(session, petra, chat, "Bij De Hoeve, ik stuur u de kaart.")

    kees = add_professional(session, world.leusden, "Kees", welzijn)  # linked after the question
    assert texts(session, kees, chat) == [
        "Waar vind ik een dagbesteding?",
        "Bij De Hoeve, ik stuur u de kaart.",
    ]
    say(session, kees, chat, "Ik help ook graag.")
    assert conversations.unread_total(session, world.caregiver) == 2  # the asker's badge counts answers
    shown = read(session, world.caregiver, chat)
    assert [(m.author, m.badge) for m in shown] == [("Carla", ""), ("Petra", "staff"), ("Kees", "staff")]
    (line,) = [s for s in conversations.listing(session, world.caregiver) if s.id == chat]
    assert line.title == "Welzijn Leusden" and line.kind == Kind.organisation


def test_nobody_else_reads_a_question_to_an_organisation(session: Session, world: Help):
    welzijn = organisation(session, world.leusden, "Welzijn Leusden")
    other = organisation(session, world.leusden, "Thuiszorg")
    petra = link(session, world.petra, world.leusden, welzijn)
    chat = conversations.ask_organisation(session, world.caregiver, welzijn.id, None, NOW).id
    session.commit()
    say(session, world.caregiver, chat, "Mijn vraag")
    elsewhere = add_professional(session, world.leusden, "Olga", other)
    nowhere = add_professional(session, world.leusden, "Nina", None)
    for stranger in (elsewhere, nowhere, world.volunteer, world.coordinator, world.elsewhere):
        with refused(session, "read-conversation"):
            read(session, stranger, chat)
        assert chat not in {s.id for s in conversations.listing(session, stranger)}
    assert conversations.receivers(session, session.get(Conversation, chat)) == {
        world.carla.id,
        world.petra.id,
    }

    texts(session, petra, chat)  # a member now
    assert conversations.unread_total(session, petra) == 1
    link(session, world.petra, world.leusden, other)  # the coordinator moved her to Thuiszorg
    assert conversations.unread_total(session, petra) == 0
    with refused(session, "read-conversation"):
        read(session, petra, chat)
    assert chat not in {s.id for s in conversations.listing(session, petra)}
    assert world.petra.id not in conversations.receivers(session, session.get(Conversation, chat))
    assert texts(session, world.caregiver, chat) == ["Mijn vraag"]


def test_a_professional_role_still_waiting_sees_no_question(session: Session, world: Help):
    welzijn = organisation(session, world.leusden, "Welzijn Leusden")
    link(session, world.petra, world.leusden, welzijn)
    chat = conversations.ask_organisation(session, world.caregiver, welzijn.id, None, NOW).id
    session.commit()
    say(session, world.caregiver, chat, "Mijn vraag over mijn moeder")
    waiting = add_professional(session, world.leusden, "Wanda", welzijn)
    membership = session.exec(select(Membership).where(Membership.person_id == waiting.person_id)).one()
    membership.pending = True  # asked for at sign-up, not yet granted
    session.add(membership)
    session.commit()
    assert chat not in {s.id for s in conversations.listing(session, waiting)}
    with refused(session, "read-conversation"):
        read(session, waiting, chat)
    assert waiting.person_id not in conversations.receivers(session, session.get(Conversation, chat))


def test_who_may_ask_an_organisation(session: Session, world: Help):
    welzijn = organisation(session, world.leusden, "Welzijn Leusden")
    empty = organisation(session, world.leusden, "Niemand hier")
    petra = link(session, world.petra, world.leusden, welzijn)
    far = organisation(session, world.poperinge, "Ver weg")
    add_professional(session, world.poperinge, "Frans", far)
    assert conversations.answerable(session, world.leusden.id, {welzijn.id, empty.id, far.id}) == {welzijn.id}
    assert conversations.answerable(session, world.leusden.id, set()) == set()
    with refused(session, "ask-organisation"):  # her own organisation
        conversations.ask_organisation(session, petra, welzijn.id, None, NOW)
    with refused(session, "ask-organisation"):  # nobody to answer
        conversations.ask_organisation(session, world.caregiver, empty.id, None, NOW)
    with refused(session, "ask-organisation"):  # another hub's
        conversations.ask_organisation(session, world.caregiver, far.id, None, NOW)
    with refused(session, "ask-organisation"):
        conversations.ask_organisation(session, world.caregiver, "x", None, NOW)
    assert session.exec(select(Conversation)).all() == []
    conversations.ask_organisation(session, world.volunteer, welzijn.id, None, NOW)  # anyone else may


def test_at_most_so_many_new_questions_a_day(session: Session, world: Help):
    orgs = [
        organisation(session, world.leusden, f"Org {i}")
        for i in range(conversations.CONVERSATIONS_PER_DAY + 1)
    ]
    for org in orgs:
        add_professional(session, world.leusden, f"P{org.id}", org)
    for org in orgs[:-1]:
        conversations.ask_organisation(session, world.caregiver, org.id, None, NOW)
    session.commit()
    with refused(session, "ask-organisation"):
        conversations.ask_organisation(session, world.caregiver, orgs[-1].id, None, NOW)
    conversations.ask_organisation(
        session, world.caregiver, orgs[-1].id, None, NOW + timedelta(days=1, seconds=1)
    )


# --- rooms ---------------------------------------------------------------------------------------


def _rooms(session: Session, hub_id: int) -> list[Conversation]:
    return list(
        session.exec(
            select(Conversation).where(Conversation.hub_id == hub_id, Conversation.kind == Kind.room)
        ).all()
    )


def test_ensure_rooms_makes_the_cafe_and_a_room_per_wijk_once(session: Session, world: Help):
    for _ in range(3):
        conversations.ensure_rooms(session, world.leusden.id, NOW)
        session.commit()
    rooms = _rooms(session, world.leusden.id)
    assert sorted((r.title, r.wijk_id) for r in rooms) == [
        ("Centrum", world.centrum.id),
        (conversations.CAFE, None),
        ("Zuid", world.zuid.id),
    ]
    assert _rooms(session, world.poperinge.id) == []


def test_join_leave_and_a_removed_member_cannot_come_back(session: Session, world: Help):
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    conversations.ensure_rooms(session, world.poperinge.id, NOW)
    session.commit()
    cafe = next(r.id for r in _rooms(session, world.leusden.id) if r.wijk_id is None)
    with refused(session, "read-conversation"):
        read(session, world.caregiver, cafe)
    conversations.join(session, world.volunteer, cafe, NOW)
    session.commit()
    say(session, world.volunteer, cafe, "Goedemorgen allemaal!")
    conversations.join(session, world.caregiver, cafe, NOW)
    conversations.join(session, world.caregiver, cafe, NOW)  # twice is once
    session.commit()
    assert texts(session, world.caregiver, cafe) == ["Goedemorgen allemaal!"]  # the room's history
    assert conversations.unread_total(session, world.caregiver) == 0  # reads from the newest on
    say(session, world.caregiver, cafe, "Hallo!")
    conversations.leave(session, world.caregiver, cafe)
    session.commit()
    with refused(session, "send-message"):
        say(session, world.caregiver, cafe, "Nog iets")
    conversations.join(session, world.caregiver, cafe, NOW)  # back with one tap
    session.commit()

    member = session.exec(
        select(ChatMember).where(ChatMember.conversation_id == cafe, ChatMember.person_id == world.carla.id)
    ).one()
    member.removed_at = NOW  # the coordinator removed her
    session.add(member)
    session.commit()
    with refused(session, "read-conversation"):
        read(session, world.caregiver, cafe)
    with refused(session, "join-room"):
        conversations.join(session, world.caregiver, cafe, NOW)
    with refused(session, "leave-room"):
        conversations.leave(session, world.caregiver, cafe)
    assert cafe not in {s.id for s in conversations.listing(session, world.caregiver)}
    assert world.carla.id not in conversations.receivers(session, session.get(Conversation, cafe))

    far = _rooms(session, world.poperinge.id)[0].id
    with refused(session, "join-room"):
        conversations.join(session, world.caregiver, far, NOW)
    request_chat = _chat(session, world.caregiver, matched(session, world).id)
    with refused(session, "join-room"):  # not a room
        conversations.join(session, world.unvetted, request_chat, NOW)
    with refused(session, "leave-room"):
        conversations.leave(session, world.caregiver, request_chat)
    with refused(session, "join-room"):
        conversations.join(session, actor(world.carla, world.leusden), cafe, NOW)  # no role


# --- the Praten list -----------------------------------------------------------------------------


def test_the_list_newest_first_with_unread_counts_then_rooms_not_joined(session: Session, world: Help):
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    session.commit()
    rooms = {r.title: r.id for r in _rooms(session, world.leusden.id)}
    conversations.join(session, world.caregiver, rooms["Centrum"], NOW)
    conversations.join(session, world.volunteer, rooms["Centrum"], NOW)
    session.commit()
    pair = _chat(session, world.caregiver, matched(session, world).id)
    say(session, world.volunteer, pair, "Ik kom om tien uur.", NOW)
    say(session, world.volunteer, pair, "Tot straks.", NOW + timedelta(minutes=1))
    say(session, world.volunteer, rooms["Centrum"], "Wie gaat er naar de markt?", NOW + timedelta(minutes=2))

    found = conversations.listing(session, world.caregiver)
    assert [(s.id, s.unread, s.last_line, s.member) for s in found] == [
        (rooms["Centrum"], 1, "Wie gaat er naar de markt?", True),
        (pair, 2, "Tot straks.", True),
        (rooms[conversations.CAFE], 0, "", False),  # the café first, then the wijken
        (rooms["Zuid"], 0, "", False),
    ]
    assert found[1].title == "Vera"
    assert conversations.unread_total(session, world.caregiver) == 3
    assert conversations.unread_total(session, world.volunteer) == 0  # her own messages

    chat = conversations.access(session, world.caregiver, pair, "read-conversation")
    conversations.mark_read(session, chat, 1)
    conversations.mark_read(session, chat, 0)  # never back
    session.commit()
    assert conversations.unread_total(session, world.caregiver) == 2
    conversations.mark_read(session, chat, 99)  # never past the last
    session.commit()
    assert chat.member.read_seq == 2
    assert conversations.unread_total(session, world.caregiver) == 1
    say(session, world.caregiver, pair, "Goed!", NOW + timedelta(minutes=3))
    assert conversations.listing(session, world.caregiver)[0].id == pair
    assert conversations.unread_total(session, world.caregiver) == 1
    assert conversations.listing(session, world.elsewhere) == []  # nothing of another hub


def test_a_blocked_persons_messages_count_nowhere(session: Session, world: Help):
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    session.commit()
    cafe = next(r.id for r in _rooms(session, world.leusden.id) if r.wijk_id is None)
    for who in (world.caregiver, world.volunteer, world.unvetted):
        conversations.join(session, who, cafe, NOW)
    session.commit()
    say(session, world.volunteer, cafe, "Fijne dag!")
    say(session, world.unvetted, cafe, "Koop mijn spullen!")
    blocks.block(session, world.caregiver, world.victor.id, NOW)
    session.commit()
    (line,) = [s for s in conversations.listing(session, world.caregiver) if s.id == cafe]
    assert (line.unread, line.last_line) == (1, "Fijne dag!")
    assert conversations.unread_total(session, world.caregiver) == 1
    assert texts(session, world.caregiver, cafe) == ["Fijne dag!"]
    blocks.unblock(session, world.caregiver, world.victor.id)
    session.commit()
    assert conversations.unread_total(session, world.caregiver) == 2


def test_block_refuses_oneself_and_nobody(session: Session, world: Help):
    with refused(session, "block-person"):
        blocks.block(session, world.caregiver, world.carla.id, NOW)
    with refused(session, "block-person"):
        blocks.block(session, world.caregiver, 10_000, NOW)
    blocks.block(session, world.caregiver, world.victor.id, NOW)
    blocks.block(session, world.caregiver, world.victor.id, NOW)  # once
    assert blocks.blocked_by(session, world.carla.id) == {world.victor.id}


# --- a role that went -------------------------------------------------------------------------


def _cafe(session: Session, world: Help, *people) -> int:
    conversations.ensure_rooms(session, world.leusden.id, NOW)
    session.commit()
    cafe = next(r.id for r in _rooms(session, world.leusden.id) if r.wijk_id is None)
    for who in people:
        conversations.join(session, who, cafe, NOW)
    session.commit()
    return cafe


def test_a_person_whose_roles_all_went_reads_writes_lists_and_gets_nothing(session: Session, world: Help):
    cafe = _cafe(session, world, world.caregiver, world.volunteer)
    say(session, world.caregiver, cafe, "Goedemorgen!")
    say(session, world.volunteer, cafe, "Hallo Carla.")
    memberships.revoke(session, world.coordinator, world.carla.id, Role.caregiver)
    gone = actor(world.carla, world.leusden)  # as authz.actor gives her now: no role in the hub
    with refused(session, "read-conversation"):
        read(session, gone, cafe)
    with refused(session, "send-message"):
        say(session, gone, cafe, "Ben ik er nog?")
    assert conversations.listing(session, gone) == []
    assert conversations.unread_total(session, gone) == 0
    assert conversations.receivers(session, session.get(Conversation, cafe)) == {world.vera.id}
    assert stored(session, cafe) == [(1, "Goedemorgen!"), (2, "Hallo Carla.")]


def test_a_call_back_is_no_longer_read_by_one_who_lost_the_staff_role(session: Session, world: Help):
    session.add(Membership(person_id=world.vera.id, hub_id=world.leusden.id, role=Role.coordinator))
    session.commit()
    consulent = actor(world.vera, world.leusden, Role.volunteer, Role.coordinator)
    task = _callback(session, world, world.carla.id)
    chat = conversations.for_callback(session, consulent, task.id, NOW).id
    session.commit()
    say(session, consulent, chat, "Ik bel u morgen.")
    say(session, world.caregiver, chat, "Dank u.")
    memberships.revoke(session, world.coordinator, world.vera.id, Role.coordinator)
    volunteer_now = actor(world.vera, world.leusden, Role.volunteer)
    with refused(session, "read-conversation"):
        read(session, volunteer_now, chat)
    assert chat not in {s.id for s in conversations.listing(session, volunteer_now)}
    assert conversations.unread_total(session, volunteer_now) == 0
    assert conversations.receivers(session, session.get(Conversation, chat)) == {world.carla.id}
    assert texts(session, world.caregiver, chat) == ["Ik bel u morgen.", "Dank u."]  # hers stays


def test_a_volunteer_whose_vog_went_keeps_no_badge(session: Session, world: Help):
    """The badge counts by the list's rule: a request's conversation the volunteer no longer reads
    does not count (it never clears otherwise: they cannot open it to read)."""
    chat = _chat(session, world.caregiver, matched(session, world, category="klusjes").id)  # needs a VOG
    say(session, world.caregiver, chat, "Komt u dinsdag?")
    assert conversations.unread_total(session, world.volunteer) == 1
    without_vog(session, world.vera)
    assert conversations.unread_total(session, world.volunteer) == 0
    assert chat not in {s.id for s in conversations.listing(session, world.volunteer)}
    assert conversations.unread_total(session, world.caregiver) == 0
