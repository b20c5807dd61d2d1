"""The coordinator's list of requests that wait too long or went wrong, and suggesting a volunteer."""

from datetime import timedelta
from uuid import uuid4

import pytest
from sqlmodel import Session, select

from mantelzorg_app.models import (
    FollowUp,
    HelpOffer,
    HelpRequest,
    Membership,
    OfferStatus,
    Person,
    Role,
    Status,
)
from mantelzorg_app.services.chat import conversations, messages
from mantelzorg_app.services.help import coordination, follow_ups, requests, volunteering
from mantelzorg_app.services.help.coordination import STALE_AFTER
from mantelzorg_app.services.platform import audit
from tests.unit.auth_fixtures import NOW, audit_events
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    add_volunteer,
    ask,
    help_world,
    matched,
    refused,
    save_profile,
)

STALE = NOW - STALE_AFTER


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.fixture
def team(session: Session, world: Help) -> dict[str, int]:
    """Leusden's volunteers with a profile, by first name: Vera and Hans (vetted) and Victor (not)
    in Centrum; Anna (vetted) from postcode 3832 within 5 km; Wim (vetted) in Zuid only. Bram
    volunteers in Poperinge, with Centrum's id forged into his profile."""
    hans = add_volunteer(session, world.leusden, "Hans")
    anna = add_volunteer(session, world.leusden, "Anna")
    wim = add_volunteer(session, world.leusden, "Wim")
    for who in (world.volunteer, world.unvetted, hans):
        save_profile(session, who, [world.centrum])
    save_profile(session, anna, [], postcode="3832", max_km=5)
    save_profile(session, wim, [world.zuid])
    save_profile(session, world.elsewhere, [world.abele])
    forged = volunteering.profile(session, world.elsewhere)
    forged.wijk_ids = f"{world.abele.id} {world.centrum.id}"
    session.add(forged)
    session.commit()
    return {
        "Vera": world.vera.id,
        "Victor": world.victor.id,
        "Hans": hans.person_id,
        "Anna": anna.person_id,
        "Wim": wim.person_id,
    }


def _waiting(session: Session, world: Help) -> list[coordination.Waiting]:
    return coordination.waiting(session, world.coordinator, NOW)


def _names(entry: coordination.Waiting) -> list[str]:
    return [name for _, name in entry.candidates]


# --- waiting -------------------------------------------------------------------------------------------


def test_open_requests_wait_from_three_days_on_oldest_first(session: Session, world: Help):
    fresh = ask(session, world.caregiver, world.centrum, STALE + timedelta(minutes=1))
    stale = ask(session, world.caregiver, None, STALE, postcode="3832 AB")
    oldest = ask(session, world.caregiver, world.centrum, NOW - timedelta(days=10, hours=5))

    found = _waiting(session, world)

    assert [(w.request.id, w.wijk, w.days) for w in found] == [
        (oldest.id, "Centrum", 10),
        (stale.id, "3832 AB", 3),
    ]
    assert fresh.id not in {w.request.id for w in found}
    assert all(w.candidates == () and w.suggested == () for w in found)  # nobody has a profile yet


def test_only_open_or_troubled_requests_of_this_hub_wait(session: Session, world: Help):
    stopped = ask(session, world.caregiver, world.centrum, STALE)
    requests.stop(session, world.caregiver, stopped.id, NOW)
    done = ask(session, world.caregiver, world.centrum, STALE)
    done.status = Status.done
    session.add(done)
    session.commit()
    fine = matched(session, world, STALE)
    elsewhere = ask(session, world.elsewhere, world.abele, STALE)

    assert _waiting(session, world) == []
    assert [w.request.id for w in coordination.waiting(session, world.other_coordinator, NOW)] == [
        elsewhere.id
    ]
    assert fine.status == Status.matched


def test_a_no_to_is_het_gelukt_puts_a_matched_request_on_the_list(session: Session, world: Help):
    request = matched(session, world)  # asked just now: not waiting long at all
    (follow_up,) = follow_ups.due(session, world.volunteer, NOW + timedelta(days=30))
    follow_ups.answer(session, world.volunteer, follow_up.id, "no", NOW)

    (entry,) = _waiting(session, world)
    assert (entry.request.id, entry.request.needs_attention, entry.days) == (request.id, True, 0)
    assert entry.candidates == ()  # matched: the coordinator talks to them first


def test_candidates_fit_best_first_at_most_three(session: Session, world: Help, team):
    request = ask(session, world.caregiver, world.centrum, STALE)
    (entry,) = _waiting(session, world)
    assert entry.request.id == request.id
    assert _names(entry) == ["Vera", "Victor", "Hans"]  # by wijk, ties by id; Anna is further off
    assert [person_id for person_id, _ in entry.candidates] == [team["Vera"], team["Victor"], team["Hans"]]


def test_a_home_visit_has_only_vetted_candidates(session: Session, world: Help, team):
    ask(session, world.caregiver, world.centrum, STALE, category="gezelschap")
    (entry,) = _waiting(session, world)
    assert _names(entry) == ["Vera", "Hans", "Anna"]


def test_those_asked_already_and_the_caregiver_are_no_candidates(session: Session, world: Help, team):
    """Carla volunteers in Leusden too; Vera offered, Victor was declined, Hans was suggested."""
    session.add(Membership(person_id=world.carla.id, hub_id=world.leusden.id, role=Role.volunteer))
    session.commit()
    save_profile(session, actor(world.carla, world.leusden, Role.volunteer), [world.centrum])
    request = ask(session, world.caregiver, world.centrum, STALE)
    add_offer(session, request, world.vera, OfferStatus.offered)
    add_offer(session, request, world.victor, OfferStatus.declined)
    add_offer(session, request, session.get(Person, team["Hans"]), OfferStatus.suggested)

    (entry,) = _waiting(session, world)
    assert _names(entry) == ["Anna"]
    assert entry.suggested == ("Hans",)


def test_a_volunteer_waiting_for_approval_is_no_candidate(session: Session, world: Help, team):
    membership = session.exec(select(Membership).where(Membership.person_id == world.vera.id)).one()
    membership.pending = True
    session.add(membership)
    session.commit()
    ask(session, world.caregiver, world.centrum, STALE)
    (entry,) = _waiting(session, world)
    assert _names(entry) == ["Victor", "Hans", "Anna"]


def test_only_the_coordinator_sees_the_list(session: Session, world: Help):
    ask(session, world.caregiver, world.centrum, STALE)
    for roles in [(Role.professional,), (Role.caregiver, Role.volunteer), ()]:
        with refused(session, "stale-requests"):
            coordination.waiting(session, actor(world.cora, world.leusden, *roles), NOW)


# --- suggest -------------------------------------------------------------------------------------------


def test_the_coordinator_suggests_a_candidate(session: Session, world: Help, team):
    request = ask(session, world.caregiver, world.centrum, STALE, days=["zondag"])
    newer = ask(session, world.caregiver, world.centrum, NOW, days=["maandag"])

    coordination.suggest(session, world.coordinator, request.id, team["Vera"], NOW)

    (offer,) = session.exec(select(HelpOffer)).all()
    assert (offer.request_id, offer.volunteer_id, offer.status) == (
        request.id,
        team["Vera"],
        OfferStatus.suggested,
    )
    (event,) = audit_events(session, audit.SUGGESTED_VOLUNTEER)
    assert (event.hub_id, event.actor_id, event.subject_id) == (world.leusden.id, world.cora.id, team["Vera"])
    (entry,) = _waiting(session, world)
    assert (entry.suggested, _names(entry)) == (("Vera",), ["Victor", "Hans", "Anna"])
    fits = volunteering.fits(session, world.volunteer, NOW)
    assert [(f.request.id, f.suggested) for f in fits] == [(request.id, True), (newer.id, False)]
    assert requests.mine(session, world.caregiver)[-1].offers == ()  # not an offer to answer yet


def test_only_candidates_are_suggested(session: Session, world: Help, team):
    request = ask(session, world.caregiver, world.centrum, STALE)
    fresh = ask(session, world.caregiver, world.centrum, NOW - timedelta(days=1))
    elsewhere = ask(session, world.elsewhere, world.abele, STALE)
    coordination.suggest(session, world.coordinator, request.id, team["Vera"], NOW)
    attempts = [
        (request.id, team["Vera"]),  # suggested already
        (request.id, world.bram.id),  # Poperinge's volunteer
        (request.id, world.carla.id),  # the caregiver, no volunteer
        (request.id, world.cora.id),  # the coordinator herself
        (fresh.id, team["Vera"]),  # not waiting long enough
        (elsewhere.id, world.bram.id),  # another hub's request
        (10_000, team["Vera"]),
    ]
    for request_id, volunteer_id in attempts:
        with refused(session, "suggest-volunteer"):
            coordination.suggest(session, world.coordinator, request_id, volunteer_id, NOW)
    assert len(session.exec(select(HelpOffer)).all()) == 1
    assert len(audit_events(session, audit.SUGGESTED_VOLUNTEER)) == 1


def test_a_wijk_volunteer_for_another_wijk_is_no_candidate(session: Session, world: Help, team):
    request = ask(session, world.caregiver, world.centrum, STALE)
    with refused(session, "suggest-volunteer"):
        coordination.suggest(session, world.coordinator, request.id, team["Wim"], NOW)
    zuid = ask(session, world.caregiver, world.zuid, STALE)
    coordination.suggest(session, world.coordinator, zuid.id, team["Wim"], NOW)


def test_a_troubled_matched_request_takes_no_suggestion(session: Session, world: Help, team):
    request = matched(session, world, STALE)
    request.needs_attention = True
    session.add(request)
    session.commit()
    with refused(session, "suggest-volunteer"):
        coordination.suggest(session, world.coordinator, request.id, team["Hans"], NOW)


def test_only_this_hubs_coordinator_suggests(session: Session, world: Help, team):
    request = ask(session, world.caregiver, world.centrum, STALE)
    with refused(session, "suggest-volunteer"):
        coordination.suggest(session, world.professional, request.id, team["Vera"], NOW)
    with refused(session, "suggest-volunteer"):
        coordination.suggest(session, world.other_coordinator, request.id, team["Vera"], NOW)
    assert session.exec(select(HelpOffer)).all() == []
    assert session.get(HelpRequest, request.id).status == Status.open


def test_a_no_leaves_the_list_once_the_coordinator_handled_it(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum, when=NOW - timedelta(hours=1))
    stored = session.get(HelpRequest, request.id)
    stored.status, stored.volunteer_id, stored.needs_attention = "matched", world.vera.id, True
    session.add(stored)
    session.commit()
    assert [w.request.id for w in coordination.waiting(session, world.coordinator, NOW)] == [request.id]
    with refused(session, "attention-handled"):
        coordination.handled(session, world.other_coordinator, request.id)
    coordination.handled(session, world.coordinator, request.id)
    assert coordination.waiting(session, world.coordinator, NOW) == []
    assert session.get(HelpRequest, request.id).status == "matched"
    with refused(session, "attention-handled"):  # nothing left to handle
        coordination.handled(session, world.coordinator, request.id)


# --- a VOG taken back ----------------------------------------------------------------------------------


def test_taking_back_a_vog_reopens_the_home_visits_with_a_reason(session: Session, world: Help, team):
    visit = matched(session, world, category="klusjes")  # help at home
    shopping = matched(session, world)
    said = conversations.for_request(session, world.caregiver, visit.id, NOW)
    found = conversations.access(session, world.caregiver, said.id, "send-message")
    messages.send(session, found, world.carla.id, "Mijn man heeft dementie.", str(uuid4()), NOW)
    session.commit()
    waiting_visit = ask(session, world.caregiver, world.centrum, category="oppas")
    volunteering.offer(session, world.volunteer, waiting_visit.id, NOW)  # not answered yet
    vera = session.exec(
        select(Membership).where(Membership.person_id == world.vera.id, Membership.role == Role.volunteer)
    ).one()

    coordination.set_vetted(session, world.coordinator, vera.id, None)

    reopened = session.get(HelpRequest, visit.id)
    assert (reopened.status, reopened.volunteer_id, reopened.needs_attention) == (Status.open, None, True)
    with refused(session, "read-messages"):  # what Carla told her is no longer hers to read
        conversations.access(session, world.volunteer, said.id, "read-messages")
    assert session.exec(select(FollowUp).where(FollowUp.request_id == visit.id)).all() == []
    assert session.get(HelpRequest, shopping.id).status == Status.matched  # not at home: she still helps
    assert requests.mine(session, world.caregiver)[0].offers == ()  # nobody accepts her waiting offer
    (entry,) = _waiting(session, world)  # at once, not after STALE_AFTER
    assert (entry.request.id, entry.vog_taken_back_from, entry.said_no) == (visit.id, "Vera", False)
    assert _names(entry) == ["Hans", "Anna"]  # vetted, and fit

    hans = actor(session.get(Person, team["Hans"]), world.leusden, Role.volunteer)
    offer = volunteering.offer(session, hans, visit.id, NOW)
    requests.answer_offer(session, world.caregiver, offer.id, True, NOW)
    assert _waiting(session, world) == []
    theirs = conversations.for_request(session, hans, visit.id, NOW)
    assert theirs.id != said.id  # a new match, a new conversation: nothing said to Vera
    assert (
        messages.after(session, conversations.access(session, hans, theirs.id, "read"), hans.person_id, 0)
        == []
    )
    with refused(session, "read-messages"):
        conversations.access(session, hans, said.id, "read-messages")
    carla = conversations.for_request(session, world.caregiver, visit.id, NOW)
    assert carla.id == theirs.id  # Carla's "Stuur een bericht" opens the one with Hans


def test_a_request_waiting_for_the_caregivers_yes_is_listed_like_an_open_one(
    session: Session, world: Help, team
):
    """Posted for an address that already has an account: it waits for a yes by mail. On the list
    it looks like any open request, so a coordinator who posted it learns nothing from it."""
    opened = ask(session, world.caregiver, world.centrum, STALE)
    waits = ask(session, world.caregiver, world.centrum, STALE)
    waits.status = Status.waiting
    session.add(waits)
    session.commit()

    first, second = _waiting(session, world)
    assert [first.request.id, second.request.id] == [opened.id, waits.id]
    assert _names(first) == _names(second) == ["Vera", "Victor", "Hans"]


# --- every open request --------------------------------------------------------------------------------


def test_the_page_lists_every_open_request_those_that_need_the_coordinator_first(
    session: Session, world: Help, team
):
    fresh = ask(session, world.caregiver, world.centrum, NOW - timedelta(hours=2))
    stale = ask(session, world.caregiver, world.centrum, STALE)
    said_no = matched(session, world, NOW - timedelta(hours=1))
    said_no.needs_attention = True
    session.add(said_no)
    fine = matched(session, world, STALE)
    session.commit()
    stopped = ask(session, world.caregiver, world.centrum, NOW - timedelta(hours=3))
    requests.stop(session, world.caregiver, stopped.id, NOW)
    ask(session, world.elsewhere, world.abele, NOW - timedelta(hours=2))

    found = coordination.open_requests(session, world.coordinator, NOW)

    assert [w.request.id for w in found] == [stale.id, said_no.id, fresh.id]
    assert [(w.waits_long, w.needs_coordinator) for w in found] == [
        (True, True),
        (False, True),
        (False, False),
    ]
    assert found[0].candidates and found[2].candidates == ()  # a fresh one may still find its own volunteer
    assert fine.id not in {w.request.id for w in found}
    assert [w.request.id for w in _waiting(session, world)] == [stale.id, said_no.id]
    with refused(session, "stale-requests"):
        coordination.open_requests(session, world.professional, NOW)
