"""What a request's cards and mails say about when, and about the volunteer: the days and dayparts in
words, the first moment that suits both, and the coordinator's VOG check in the offer mail."""

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from mantelzorg_app.models import HelpOffer, HelpRequest
from mantelzorg_app.services.help import moments, notices
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, ask, help_world, matched

AMSTERDAM = "Europe/Amsterdam"


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


@pytest.mark.parametrize(
    ("days", "dayparts", "said"),
    [
        ("dinsdag donderdag", "middag", "Wanneer: dinsdag of donderdag, in de middag"),
        ("zaterdag", "", "Wanneer: zaterdag"),
        ("", "ochtend avond", "Wanneer: elke dag, in de ochtend of in de avond"),
        ("maandag woensdag vrijdag", "ochtend", "Wanneer: maandag, woensdag of vrijdag, in de ochtend"),
        ("", "", "Wanneer: het maakt niet uit"),
    ],
)
def test_the_days_and_dayparts_in_words(days: str, dayparts: str, said: str):
    assert moments.when_in_words(days, dayparts, "nl") == said


def test_the_days_are_named_in_the_readers_language():
    english = moments.when_in_words("donderdag dinsdag", "", "en")
    assert "Tuesday or Thursday" in english  # week order, CLDR's own words
    row = HelpRequest(hub_id=1, caregiver_id=1, category="vervoer", text="", days="dinsdag", dayparts="")
    assert moments.when_all(row) == {
        "nl": "Wanneer: dinsdag",
        "en": moments.when_in_words("dinsdag", "", "en"),
    }


def test_the_first_moment_is_a_day_and_a_daypart_in_the_hubs_zone():
    def first(agreed: datetime) -> str:
        row = HelpRequest(hub_id=1, caregiver_id=1, category="vervoer", text="", agreed_at=agreed)
        return moments.first_moment_all(row, AMSTERDAM, NOW)["nl"]

    assert first(datetime(2025, 3, 3, 13, 0, tzinfo=UTC)) == "Eerste moment dat past: vandaag, in de middag"
    assert first(datetime(2025, 3, 4, 8, 0, tzinfo=UTC)) == "Eerste moment dat past: morgen, in de ochtend"
    assert (
        first(datetime(2025, 3, 6, 18, 0, tzinfo=UTC))
        == "Eerste moment dat past: donderdag 6 maart, in de avond"
    )
    none_yet = HelpRequest(hub_id=1, caregiver_id=1, category="vervoer", text="")
    assert moments.first_moment_all(none_yet, AMSTERDAM, NOW) == {}


def test_a_match_has_a_first_moment(session: Session, world: Help):
    helped = matched(session, world, days=["woensdag"], dayparts=["middag"])
    said = moments.first_moment_all(helped, world.leusden.timezone, NOW)["nl"]
    assert said == "Eerste moment dat past: woensdag 5 maart, in de middag"


def _offer(session: Session, request: HelpRequest, volunteer) -> HelpOffer:
    offer = HelpOffer(request_id=request.id, volunteer_id=volunteer.id, status="offered", created_at=NOW)
    session.add(offer)
    session.commit()
    return offer


def test_the_offer_mail_says_the_coordinator_saw_the_vog_and_what_a_vog_is(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    [told] = notices.offer_made(session, _offer(session, request, world.vera), None)
    assert "De coördinator heeft op zaterdag 1 februari de VOG van Vera gezien." in told.body
    assert "Verklaring Omtrent het Gedrag" in told.body and "verklaring van de overheid" in told.body


def test_the_offer_mail_of_a_volunteer_not_vetted_says_nothing_about_a_vog(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    [told] = notices.offer_made(session, _offer(session, request, world.victor), None)
    assert "Victor wil helpen" in told.body and "VOG" not in told.body


def test_a_vog_seen_in_another_year_says_the_year(session: Session, world: Help):
    request = ask(session, world.caregiver, world.centrum)
    offer = _offer(session, request, world.vera)
    offer.created_at = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    session.add(offer)
    session.commit()
    [told] = notices.offer_made(session, offer, None)
    assert "op zaterdag 1 februari 2025 de VOG van Vera" in told.body
