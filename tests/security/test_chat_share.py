"""The sociale kaart's ways into the chat, as a tab calls them: "Stel een vraag" (ServiceState.ask)
opens a conversation only for a signed-in person of the hub, with the organisation of the service
this tab's server-side load found; "Stuur naar mijn vrijwilliger" (ShareState.send) puts a card
made from the database only into the caller's own conversation with their volunteer; the
coordinator's "Stuur een bericht" on a call-back (CoordinationState.write_to) only for a task of a
signed-in person of the hub. Every forged call changes nothing and is logged as refused."""

import asyncio
from datetime import UTC, datetime

import pytest
from sqlmodel import Session, col, func, select

from mantelzorg_app.models import (
    CallbackTask,
    ChatMember,
    ChatMessage,
    Conversation,
    HelpRequest,
    Hub,
    Kind,
    Membership,
    Organization,
    Service,
    Status,
)
from state.chat.share import ShareState
from state.directory.service import ServiceState
from state.help.coordination import CoordinationState
from tests.security.conftest import People, refusals, root_state, run_handler


def _count(db, table) -> int:
    with Session(db) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def _service_of(db, slug: str) -> tuple[int, int]:
    """A service of the hub whose organisation has a professional in the app: (service, organisation)."""
    with Session(db) as session:
        return session.exec(
            select(Service.id, Service.organization_id)
            .join(Hub, col(Hub.id) == col(Service.hub_id))
            .join(Membership, col(Membership.organization_id) == col(Service.organization_id))
            .where(Hub.slug == slug, Service.status == "active")
            .order_by(col(Service.id))
        ).first()


def _pair(db, people: People) -> int:
    """Anna and Carla's conversation of the demo (their matched request)."""
    with Session(db) as session:
        return session.exec(
            select(Conversation.id)
            .join(HelpRequest, col(HelpRequest.id) == col(Conversation.request_id))
            .where(
                HelpRequest.caregiver_id == people.ids["caregiver_person"],
                HelpRequest.volunteer_id == people.ids["volunteer_person"],
                HelpRequest.status == Status.matched,
            )
        ).one()


async def _on_page(state_class, token: str | None, hub: str, handler: str, *args, params=None):
    state = await (await root_state(token, hub, params=params)).get_state(state_class)
    await run_handler(state, "load")
    return state, await run_handler(state, handler, *args)


def _ask(people: People, who: str | None, service_id: int, hub: str = "leusden"):
    token = people.tokens[who] if who else None
    return asyncio.run(_on_page(ServiceState, token, hub, "ask", params={"dienst": str(service_id)}))


# --- "Stel een vraag" ----------------------------------------------------------------------------


def test_ask_opens_the_callers_conversation_with_the_organisation(db, people: People):
    service_id, organization_id = _service_of(db, "leusden")
    state, answer = _ask(people, "caregiver", service_id)

    assert state.askable and state.signed_in
    with Session(db) as session:
        conversation = session.exec(
            select(Conversation).where(Conversation.organization_id == organization_id)
        ).one()
        members = session.exec(
            select(ChatMember.person_id).where(ChatMember.conversation_id == conversation.id)
        ).all()
    assert conversation.kind == Kind.organisation and conversation.service_id == service_id
    assert members == [people.ids["caregiver_person"]]
    assert f"/leusden/praten/{conversation.id}" in str(answer)

    before = _count(db, Conversation)
    _state, again = _ask(people, "caregiver", service_id)  # the same conversation, not a second
    assert _count(db, Conversation) == before
    assert f"/leusden/praten/{conversation.id}" in str(again)


@pytest.mark.parametrize("who", [None, "other_hub_coordinator"])
def test_a_visitor_or_someone_of_another_hub_is_asked_to_sign_in_and_opens_nothing(db, people, who):
    service_id, _organization_id = _service_of(db, "leusden")
    before, refused = _count(db, Conversation), refusals(db)
    state, answer = _ask(people, who, service_id)
    assert state.askable and not state.signed_in  # the page says "Log eerst in"
    assert answer is None and _count(db, Conversation) == before
    assert refusals(db) > refused


def test_the_organisations_own_professional_sees_no_ask_and_is_refused(db, people: People):
    with Session(db) as session:
        organization_id = session.get(Membership, people.ids["professional_membership"]).organization_id
        service_id = session.exec(
            select(Service.id).where(Service.organization_id == organization_id)
        ).first()
    before, refused = _count(db, Conversation), refusals(db)
    state, answer = _ask(people, "professional", service_id)
    assert not state.askable
    assert answer is None and _count(db, Conversation) == before and refusals(db) > refused


def test_another_hubs_service_asks_nobody(db, people: People):
    service_id, _organization_id = _service_of(db, "poperinge")
    before = _count(db, Conversation)
    state, answer = _ask(people, "caregiver", service_id)  # on /leusden: that id is not found there
    assert not state.known and not state.askable and answer is None
    assert _count(db, Conversation) == before


def test_an_organisation_without_anyone_in_the_app_shows_no_ask(db, people: People):
    with Session(db) as session:
        linked = session.exec(
            select(Membership.organization_id).where(col(Membership.organization_id).is_not(None))
        )
        service_id = session.exec(
            select(Service.id)
            .join(Organization, col(Organization.id) == col(Service.organization_id))
            .join(Hub, col(Hub.id) == col(Service.hub_id))
            .where(Hub.slug == "leusden", col(Service.organization_id).not_in(linked.all()))
        ).first()
    state, answer = _ask(people, "caregiver", service_id)
    assert state.known and not state.askable and answer is None


# --- "Stuur naar mijn vrijwilliger" ------------------------------------------------------------


def _share(people: People, who: str | None, *args, hub: str = "leusden"):
    token = people.tokens[who] if who else None
    return asyncio.run(_on_page(ShareState, token, hub, "send", *args))


def test_the_caregiver_shares_a_service_with_her_volunteer(db, people: People):
    service_id, _organization_id = _service_of(db, "leusden")
    pair = _pair(db, people)
    state, answer = _share(people, "caregiver", "service", str(service_id), str(pair))

    assert state.volunteers == [{"id": str(pair), "name": "Carla"}]
    assert f"/leusden/praten/{pair}" in str(answer)
    with Session(db) as session:
        card = session.exec(
            select(ChatMessage).where(ChatMessage.conversation_id == pair, ChatMessage.card_kind != "")
        ).one()
        name = session.get(Service, service_id).name
    assert (card.card_kind, card.card_title, card.card_path) == (
        "service",
        name,
        f"sociale-kaart/{service_id}",
    )
    assert card.author_id == people.ids["caregiver_person"]


@pytest.mark.parametrize("who", ["nobody", "volunteer", "professional", "other_hub_coordinator"])
def test_nobody_else_shares_into_that_conversation(db, people: People, who: str):
    service_id, _organization_id = _service_of(db, "leusden")
    pair = _pair(db, people)
    before, refused = _count(db, ChatMessage), refusals(db)
    state, answer = _share(people, None if who == "nobody" else who, "service", service_id, pair)
    assert state.volunteers == [] and answer is None
    assert _count(db, ChatMessage) == before and refusals(db) > refused


def test_forged_cards_and_conversations_are_refused(db, people: People):
    service_id, _organization_id = _service_of(db, "leusden")
    elsewhere, _org = _service_of(db, "poperinge")
    pair = _pair(db, people)
    with Session(db) as session:
        cafe = session.exec(
            select(Conversation.id).where(Conversation.kind == Kind.room, Conversation.title != "")
        ).first()
    before = _count(db, ChatMessage)
    for args in (
        ("service", elsewhere, pair),  # another hub's service
        ("activity", service_id, pair),  # a kind we do not know (yet)
        ("service", service_id, cafe),  # not her volunteer
        ("service", "__class__", pair),
    ):
        refused = refusals(db)
        _state, answer = _share(people, "caregiver", *args)
        assert answer is None and refusals(db) > refused, args
    assert _count(db, ChatMessage) == before


# --- "Stuur een bericht" on a call-back -----------------------------------------------------------


def _callback(db, people: People, person: str | None, coordinator: str = "coordinator") -> int:
    with Session(db) as session:
        task = CallbackTask(
            hub_id=session.get(Membership, people.ids[f"{coordinator}_membership"]).hub_id,
            phone="06 00000000",
            good_time="ochtend",
            person_id=people.ids[f"{person}_person"] if person else None,
            created_at=datetime.now(UTC),
        )
        session.add(task)
        session.commit()
        return task.id


def _write_to(people: People, who: str | None, task_id):
    token = people.tokens[who] if who else None
    return asyncio.run(_on_page(CoordinationState, token, "leusden", "write_to", task_id))


def test_the_coordinator_writes_to_the_person_who_asked_for_a_call_back(db, people: People):
    task_id = _callback(db, people, "caregiver")
    state, answer = _write_to(people, "coordinator", task_id)

    row = next(row for row in state.callbacks if row.id == str(task_id))
    assert row.person == "ja"
    with Session(db) as session:
        conversation = session.exec(select(Conversation).where(Conversation.callback_id == task_id)).one()
        members = set(
            session.exec(select(ChatMember.person_id).where(ChatMember.conversation_id == conversation.id))
        )
    assert members == {people.ids["caregiver_person"], people.ids["coordinator_person"]}
    assert f"/leusden/praten/{conversation.id}" in str(answer)


def test_no_message_for_a_visitors_call_back_nor_for_anyone_else(db, people: People):
    visitors = _callback(db, people, None)
    asked = _callback(db, people, "caregiver")
    elsewhere = _callback(db, people, "other_hub_volunteer", "other_hub_coordinator")
    before = _count(db, Conversation)
    for who, task_id in (
        ("coordinator", visitors),
        ("coordinator", elsewhere),
        (None, asked),
        ("caregiver", asked),
        ("professional", asked),
        ("other_hub_coordinator", asked),
    ):
        refused = refusals(db)
        _state, answer = _write_to(people, who, task_id)
        assert answer is None and refusals(db) > refused, (who, task_id)
    assert _count(db, Conversation) == before
