"""Home's lines in words: who helps and when, what waits for the person, and their main action."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from mantelzorg_app.models import CallbackTask, HelpRequest, Membership, OfferStatus, Person, Role, Status
from mantelzorg_app.services.help import overview, requests, volunteering
from mantelzorg_app.services.help.overview import moment_word
from mantelzorg_app.services.help.requests import OnBehalf
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import (
    Help,
    actor,
    add_offer,
    add_volunteer,
    ask,
    help_world,
    matched,
    save_profile,
)

AMSTERDAM = "Europe/Amsterdam"


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


def lines(session: Session, who, now: datetime = NOW) -> list[str]:
    """The lines as the Dutch page shows them (the message ids are the Dutch sentences)."""
    return [line.render(lambda msgid: msgid) for line in overview.overview(session, who, now).lines]


def has(session: Session, who) -> bool:
    return overview.has_requests(session, who.person_id, who.hub_id)


# --- a caregiver ---------------------------------------------------------------------------------


def test_a_caregiver_reads_who_helps_and_when(session: Session, world: Help):
    # NOW is Monday 10:00 in Leusden; any day and daypart: the agreed moment is this morning.
    matched(session, world)
    assert lines(session, world.caregiver) == ["Vera helpt u, vanochtend"]


@pytest.mark.parametrize(
    ("days", "dayparts", "said"),
    [
        (["dinsdag"], ["middag"], "Vera helpt u, morgenmiddag"),
        (["donderdag"], ["middag"], "Vera helpt u, donderdagmiddag"),
        (["maandag"], ["avond"], "Vera helpt u, vanavond"),
    ],
)
def test_the_moment_is_the_agreed_day_and_daypart_in_words(
    session: Session, world: Help, days, dayparts, said
):
    matched(session, world, days=days, dayparts=dayparts)
    assert lines(session, world.caregiver) == [said]


def test_a_one_off_moment_that_passed_is_not_named_a_weekly_one_comes_back(session: Session, world: Help):
    matched(session, world, days=["dinsdag"], dayparts=["middag"])
    assert lines(session, world.caregiver, NOW + timedelta(days=3))[0] == "Vera helpt u."
    request = session.get(HelpRequest, matched(session, world, days=["dinsdag"], recurring=True).id)
    assert request.recurring
    said = lines(session, world.caregiver, NOW + timedelta(days=3))
    assert "Vera helpt u, dinsdagochtend" in said


def test_offers_that_wait_are_new_reactions_singular_and_plural(session: Session, world: Help):
    first = ask(session, world.caregiver, world.centrum)
    add_offer(session, first, world.vera, OfferStatus.offered)
    assert lines(session, world.caregiver) == ["Er is 1 nieuwe reactie"]
    second = ask(session, world.caregiver, world.centrum, category="vervoer")
    add_offer(session, second, world.victor, OfferStatus.offered)
    add_offer(session, first, world.victor, OfferStatus.offered)
    assert lines(session, world.caregiver) == ["Er zijn 3 nieuwe reacties"]


def test_an_answered_or_suggested_offer_is_no_reaction(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    add_offer(session, request, world.victor, OfferStatus.suggested)
    add_offer(session, request, world.vera, OfferStatus.declined)
    assert lines(session, world.caregiver) == ["Wij zoeken een vrijwilliger."]


def test_nothing_asked_nothing_said(session: Session, world: Help):
    assert lines(session, world.caregiver) == []
    stopped = ask(session, world.caregiver, world.centrum)
    requests.stop(session, world.caregiver, stopped.id, NOW)
    assert lines(session, world.caregiver) == []


def test_a_due_follow_up_is_asked_on_home(session: Session, world: Help):
    matched(session, world)
    said = lines(session, world.caregiver, NOW + timedelta(days=2))
    assert said == ["Vera helpt u.", "Is het gelukt met Vera? (Boodschappen)"]


def test_a_professional_reads_whom_the_volunteer_helps(session: Session, world: Help):
    dana = OnBehalf(first_name="Dana", email="dana@example.org", consent=True)
    asked = requests.Draft(category="boodschappen", wijk_id=world.centrum.id)
    posted = requests.create_on_behalf(session, world.professional, asked, dana, NOW)
    save_profile(session, world.volunteer, [world.centrum])
    offer = volunteering.offer(session, world.volunteer, posted.id, NOW)
    requests.answer_offer(session, world.professional, offer.id, True, NOW)
    assert lines(session, world.professional) == ["Vera helpt Dana, vanochtend"]
    assert has(session, world.professional)


# --- a volunteer ---------------------------------------------------------------------------------


def test_a_volunteer_without_a_profile_is_asked_to_fill_it_in(session: Session, world: Help):
    ask(session, world.caregiver, world.centrum)
    assert lines(session, world.volunteer) == ["Vertel eerst wat u graag doet, waar en wanneer."]


def test_a_volunteer_reads_how_many_requests_fit_until_they_offer(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum])
    first = ask(session, world.caregiver, world.centrum)
    assert lines(session, world.volunteer) == ["Er is 1 hulpvraag bij u in de buurt"]
    ask(session, world.caregiver, world.centrum, category="vervoer")
    assert lines(session, world.volunteer) == ["Er zijn 2 hulpvragen bij u in de buurt"]
    volunteering.offer(session, world.volunteer, first.id, NOW)
    assert lines(session, world.volunteer) == ["Er is 1 hulpvraag bij u in de buurt"]


def test_a_volunteer_reads_whom_they_help_and_the_coordinators_question(session: Session, world: Help):
    matched(session, world, days=["dinsdag"], dayparts=["middag"])
    asked = ask(session, world.caregiver, world.centrum, category="vervoer")
    add_offer(session, asked, world.vera, OfferStatus.suggested)
    assert lines(session, world.volunteer) == [
        "U helpt Carla, morgenmiddag",
        "De coördinator vraagt of u kunt helpen.",
        "Er is 1 hulpvraag bij u in de buurt",
    ]


# --- a coordinator -------------------------------------------------------------------------------


def test_a_coordinator_reads_calls_approvals_and_requests_that_wait(session: Session, world: Help):
    assert lines(session, world.coordinator) == []
    for n in range(2):
        session.add(CallbackTask(hub_id=world.leusden.id, phone=f"+3161234567{n}", good_time="ochtend"))
    session.add(CallbackTask(hub_id=world.leusden.id, phone="+31612345679", good_time="ochtend", done_at=NOW))
    session.add(CallbackTask(hub_id=world.poperinge.id, phone="+3247000000", good_time="ochtend"))
    eva = Person(first_name="Eva", email="eva@leusden.example.org")
    session.add(eva)
    session.flush()
    session.add(Membership(person_id=eva.id, hub_id=world.leusden.id, role=Role.trekker, pending=True))
    session.commit()
    ask(session, world.caregiver, world.centrum, NOW - timedelta(days=4))
    assert lines(session, world.coordinator) == [
        "2 mensen willen teruggebeld worden",
        "1 trekker wacht op uw goedkeuring",
        "1 hulpvraag wacht op u",
    ]
    assert lines(session, world.other_coordinator) == ["1 persoon wil teruggebeld worden"]


# --- hubs apart, and the main action --------------------------------------------------------------


def test_nothing_of_another_hub_is_said(session: Session, world: Help):
    matched(session, world)
    ask(session, world.caregiver, world.centrum)
    assert lines(session, world.elsewhere) == ["Vertel eerst wat u graag doet, waar en wanneer."]
    carla_in_poperinge = actor(world.carla, world.poperinge, Role.caregiver)
    assert lines(session, carla_in_poperinge) == []
    assert not has(session, carla_in_poperinge)


def test_has_requests_while_one_is_going_on(session: Session, world: Help):
    assert not has(session, world.caregiver)
    request = ask(session, world.caregiver, world.centrum)
    assert has(session, world.caregiver)
    assert not has(session, world.volunteer)
    requests.stop(session, world.caregiver, request.id, NOW)
    assert not has(session, world.caregiver)
    matched(session, world)
    assert has(session, world.caregiver)
    assert session.get(HelpRequest, request.id).status == Status.closed


def test_the_main_action_follows_the_role(session: Session, world: Help):
    def main(who) -> str:
        return overview.overview(session, who, NOW).main

    assert main(world.caregiver) == overview.MAIN_REQUESTS
    assert main(world.professional) == overview.MAIN_REQUESTS
    assert main(world.volunteer) == overview.MAIN_HELPING
    assert main(world.coordinator) == overview.MAIN_COORDINATION
    both = actor(world.cora, world.leusden, Role.coordinator, Role.volunteer)
    assert overview.main_action(session, both) == overview.MAIN_COORDINATION
    assert overview.main_action(session, actor(world.carla, world.leusden, Role.trekker)) == ""
    # Bram cares and volunteers in Poperinge: "Helpen" until he asks for help himself.
    assert main(world.elsewhere) == overview.MAIN_HELPING
    ask(session, world.elsewhere, world.abele)
    assert main(world.elsewhere) == overview.MAIN_REQUESTS


def test_an_extra_volunteer_does_not_change_the_caregivers_lines(session: Session, world: Help):
    add_volunteer(session, world.leusden, "Wout")
    matched(session, world)
    assert lines(session, world.caregiver) == ["Vera helpt u, vanochtend"]


# --- the moment in words, on the hub's clock -------------------------------------------------------


def test_the_moment_is_read_on_the_hubs_clock_across_midnight():
    evening = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)  # Monday 19:00 in Amsterdam
    late = datetime(2025, 3, 3, 23, 30, tzinfo=UTC)  # Monday in UTC, Tuesday 00:30 in Amsterdam
    assert moment_word(evening, False, AMSTERDAM, datetime(2025, 3, 3, 21, 0, tzinfo=UTC)) == "vanavond"
    assert moment_word(evening, False, AMSTERDAM, late) is None
    assert moment_word(evening, True, AMSTERDAM, late) == "maandagavond"
    assert moment_word(evening, False, AMSTERDAM, datetime(2025, 3, 2, 9, 0, tzinfo=UTC)) == "morgenavond"
    assert moment_word(None, True, AMSTERDAM, late) is None


def test_a_weekly_moment_keeps_its_hour_across_summer_time():
    morning = datetime(2025, 3, 24, 8, 0, tzinfo=UTC)  # Monday 9:00 in Amsterdam, winter time
    after = datetime(2025, 3, 31, 5, 0, tzinfo=UTC)  # next Monday 7:00, summer time
    assert moment_word(morning, True, AMSTERDAM, after) == "vanochtend"
