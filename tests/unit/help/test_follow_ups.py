"""'Is het gelukt?': the agreed moment, who is asked when, and what each answer does."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from mantelzorg_app.models import (
    Answer,
    FollowUp,
    HelpRequest,
    Hub,
    Membership,
    Role,
    Status,
    VolunteerProfile,
)
from mantelzorg_app.services.help import follow_ups, requests
from mantelzorg_app.services.help.follow_ups import ASK_AFTER, ASK_AGAIN_AFTER
from tests.unit.auth_fixtures import NOW
from tests.unit.help_fixtures import Help, actor, help_world, matched, refused, save_profile

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def world(session: Session) -> Help:
    return help_world(session)


# --- agreed_moment: plain values, no database -----------------------------------------------------------


def _request(days: str = "", dayparts: str = "") -> HelpRequest:
    return HelpRequest(hub_id=1, caregiver_id=1, category="vervoer", text="", days=days, dayparts=dayparts)


def _profile(days: str = "", dayparts: str = "") -> VolunteerProfile:
    return VolunteerProfile(person_id=2, hub_id=1, days=days, dayparts=dayparts)


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("request_when", "profile_when", "now", "expected"),
    [
        # NOW is Monday 10:00 in Amsterdam: "any time" is this very morning, begun just now
        (("", ""), None, NOW, _local(2025, 3, 3, 9)),
        (("", ""), ("", ""), NOW, _local(2025, 3, 3, 9)),
        (("maandag", "middag"), None, NOW, _local(2025, 3, 3, 14)),
        (("dinsdag", "avond"), None, NOW, _local(2025, 3, 4, 19)),
        # the first slot both can do
        (("dinsdag woensdag", ""), ("woensdag", "avond"), NOW, _local(2025, 3, 5, 19)),
        (("", "middag"), ("vrijdag zaterdag", ""), NOW, _local(2025, 3, 7, 14)),
        # nothing shared: the request's own first slot
        (("dinsdag", "ochtend"), ("vrijdag", ""), NOW, _local(2025, 3, 4, 9)),
        # Monday afternoon: Monday morning is next week's
        (("maandag", "ochtend"), None, _local(2025, 3, 3, 15), _local(2025, 3, 10, 9)),
        # round the end of the week: Sunday evening to Monday morning
        (("maandag", "ochtend"), None, _local(2025, 3, 9, 20), _local(2025, 3, 10, 9)),
        (("zondag", "avond"), ("", "avond"), _local(2025, 3, 9, 20), _local(2025, 3, 9, 19)),
        (("zaterdag", ""), None, _local(2025, 3, 9, 8), _local(2025, 3, 15, 9)),
    ],
)
def test_the_agreed_moment_is_the_first_slot_both_can_do(request_when, profile_when, now, expected):
    profile = _profile(*profile_when) if profile_when is not None else None
    found = follow_ups.agreed_moment(_request(*request_when), profile, "Europe/Amsterdam", now)
    assert found == expected
    assert found.utcoffset() == expected.utcoffset()


def test_the_moment_is_worked_out_in_the_hubs_time_zone():
    """23:30 UTC on Monday is already Tuesday 00:30 in Leusden, but still Monday evening in New York."""
    late = datetime(2025, 3, 3, 23, 30, tzinfo=UTC)
    anytime = _request()
    assert follow_ups.agreed_moment(anytime, None, "Europe/Amsterdam", late) == _local(2025, 3, 4, 9)
    assert follow_ups.agreed_moment(anytime, None, "Europe/Brussels", late).isoformat() == (
        "2025-03-04T09:00:00+01:00"
    )
    assert follow_ups.agreed_moment(anytime, None, "America/New_York", late).isoformat() == (
        "2025-03-03T19:00:00-05:00"
    )
    assert follow_ups.agreed_moment(anytime, None, "UTC", late).isoformat() == "2025-03-03T19:00:00+00:00"


def test_the_moment_keeps_the_clock_time_across_summer_time():
    """Saturday 29 March 2025, the clocks go forward that night: Sunday 19:00 is 17:00 UTC."""
    saturday = datetime(2025, 3, 29, 12, tzinfo=UTC)
    found = follow_ups.agreed_moment(_request("zondag", "avond"), None, "Europe/Amsterdam", saturday)
    assert found.astimezone(UTC) == datetime(2025, 3, 30, 17, tzinfo=UTC)
    week_on = follow_ups.agreed_moment(_request("zaterdag", "ochtend"), None, "Europe/Amsterdam", saturday)
    assert week_on.isoformat() == "2025-04-05T09:00:00+02:00"


# --- plan: on a match ---------------------------------------------------------------------------------


def test_a_match_plans_one_follow_up_each_a_day_after_the_moment(session: Session, world: Help):
    save_profile(session, world.volunteer, [world.centrum], days=["woensdag", "donderdag"])

    request = matched(session, world, days=["donderdag", "vrijdag"], dayparts=["middag"])

    assert request.agreed_at == _local(2025, 3, 6, 14)
    rows = session.exec(select(FollowUp).order_by(FollowUp.id)).all()
    assert [(f.request_id, f.person_id, f.due_at, f.answer) for f in rows] == [
        (request.id, world.carla.id, _local(2025, 3, 7, 14), None),
        (request.id, world.vera.id, _local(2025, 3, 7, 14), None),
    ]
    assert timedelta(days=1) == ASK_AFTER


def test_the_plan_uses_this_hubs_profile_and_time_zone(session: Session, world: Help):
    """Vera also volunteers in Poperinge on Fridays only; Leusden keeps its clock in New York here."""
    session.add(VolunteerProfile(person_id=world.vera.id, hub_id=world.poperinge.id, days="vrijdag"))
    session.get(Hub, world.leusden.id).timezone = "America/New_York"
    session.commit()
    save_profile(session, world.volunteer, [world.centrum], days=["dinsdag"], dayparts=["ochtend"])

    request = matched(session, world)  # NOW is Monday 04:00 in New York

    assert request.agreed_at.isoformat() == "2025-03-04T14:00:00+00:00"  # Tuesday 09:00 in New York


def test_plan_without_a_profile_takes_the_requests_first_slot(session: Session, world: Help):
    request = requests.create(
        session, world.caregiver, requests.Draft("vervoer", "", world.centrum.id, days=["woensdag"]), NOW
    )
    follow_ups.plan(session, request, world.victor.id, NOW)
    session.commit()
    assert request.agreed_at == _local(2025, 3, 5, 9)
    due_for = session.exec(select(FollowUp.person_id).order_by(FollowUp.id)).all()
    assert due_for == [world.carla.id, world.victor.id]


# --- due ------------------------------------------------------------------------------------------------


@pytest.fixture
def request_(session: Session, world: Help) -> HelpRequest:
    """Matched on Tuesday morning: both are asked on Wednesday at 09:00 in Leusden (08:00 UTC)."""
    return matched(session, world, days=["dinsdag"], dayparts=["ochtend"])


ASKED = datetime(2025, 3, 5, 8, tzinfo=UTC)


def _ids(session: Session, who) -> dict:
    return {f.person_id: f.id for f in session.exec(select(FollowUp).where(col(FollowUp.answer).is_(None)))}[
        who.person_id
    ]


def test_each_is_asked_once_the_moment_has_come_naming_the_other(session: Session, world: Help, request_):
    just_before = ASKED.astimezone(AMSTERDAM) - timedelta(seconds=1)  # another zone, the same instant
    assert follow_ups.due(session, world.caregiver, just_before) == []
    assert follow_ups.due(session, world.volunteer, just_before) == []
    assert follow_ups.due(session, world.caregiver, ASKED) == [
        follow_ups.Due(_ids(session, world.caregiver), request_.id, "boodschappen", "Vera")
    ]
    assert follow_ups.due(session, world.volunteer, ASKED) == [
        follow_ups.Due(_ids(session, world.volunteer), request_.id, "boodschappen", "Carla")
    ]
    later = ASKED + timedelta(days=30)
    assert follow_ups.due(session, world.unvetted, later) == []
    assert follow_ups.due(session, world.coordinator, later) == []
    assert follow_ups.due(session, actor(world.carla, world.poperinge, Role.caregiver), later) == []


def test_only_matched_requests_ask(session: Session, world: Help, request_):
    requests.stop(session, world.caregiver, request_.id, NOW)
    assert follow_ups.due(session, world.caregiver, ASKED) == []
    assert follow_ups.due(session, world.volunteer, ASKED) == []


def test_due_lists_the_oldest_first(session: Session, world: Help, request_):
    second = matched(session, world, days=["maandag"], dayparts=["avond"])  # Monday 19:00: due before
    found = follow_ups.due(session, world.caregiver, ASKED)
    assert [d.request_id for d in found] == [second.id, request_.id]


# --- answer ---------------------------------------------------------------------------------------------


def _reloaded(session: Session, request_id: int) -> HelpRequest:
    session.expire_all()
    return session.get(HelpRequest, request_id)


def test_yes_from_the_caregiver_ends_a_one_off_request(session: Session, world: Help, request_):
    follow_up_id = _ids(session, world.caregiver)
    follow_ups.answer(session, world.caregiver, follow_up_id, "yes", ASKED)
    stored = session.get(FollowUp, follow_up_id)
    assert (stored.answer, stored.answered_at) == (Answer.yes, ASKED)
    stored = _reloaded(session, request_.id)
    assert (stored.status, stored.needs_attention) == (Status.done, False)
    assert follow_ups.due(session, world.caregiver, ASKED) == []
    assert follow_ups.due(session, world.volunteer, ASKED) == []  # done: nobody else is asked


def test_yes_keeps_a_recurring_request_going(session: Session, world: Help):
    request = matched(session, world, recurring=True)
    follow_ups.answer(session, world.caregiver, _ids(session, world.caregiver), "yes", ASKED)
    assert _reloaded(session, request.id).status == Status.matched


def test_yes_from_the_volunteer_does_not_end_it(session: Session, world: Help, request_):
    follow_ups.answer(session, world.volunteer, _ids(session, world.volunteer), "yes", ASKED)
    stored = _reloaded(session, request_.id)
    assert (stored.status, stored.needs_attention) == (Status.matched, False)
    assert [d.other for d in follow_ups.due(session, world.caregiver, ASKED)] == ["Vera"]


@pytest.mark.parametrize("who", ["caregiver", "volunteer"])
def test_no_from_either_puts_it_on_the_coordinators_list(session: Session, world: Help, request_, who: str):
    asked = getattr(world, who)
    follow_ups.answer(session, asked, _ids(session, asked), "no", ASKED)
    stored = _reloaded(session, request_.id)
    assert (stored.status, stored.needs_attention) == (Status.matched, True)
    assert follow_ups.due(session, asked, ASKED) == []


def test_not_yet_asks_again_two_days_later(session: Session, world: Help, request_):
    first = _ids(session, world.caregiver)
    follow_ups.answer(session, world.caregiver, first, "not_yet", ASKED)

    assert session.get(FollowUp, first).answer == Answer.not_yet
    assert _reloaded(session, request_.id).status == Status.matched
    again = ASKED + ASK_AGAIN_AFTER
    assert follow_ups.due(session, world.caregiver, again - timedelta(seconds=1)) == []
    (due,) = follow_ups.due(session, world.caregiver, again)
    assert due.id != first and due.request_id == request_.id
    assert session.get(FollowUp, due.id).due_at == again
    assert len(follow_ups.due(session, world.volunteer, again)) == 1  # the volunteer's own is untouched


def test_an_answer_is_given_once_by_the_one_asked(session: Session, world: Help, request_):
    mine = _ids(session, world.caregiver)
    strangers = (
        world.volunteer,  # asked too, but about their own follow-up
        world.coordinator,
        actor(world.carla, world.poperinge, Role.caregiver),
    )
    for stranger in strangers:
        with refused(session, "answer-follow-up"):
            follow_ups.answer(session, stranger, mine, "yes", ASKED)
    for given in ("maybe", "", "YES"):
        with refused(session, "answer-follow-up"):
            follow_ups.answer(session, world.caregiver, mine, given, ASKED)
    with refused(session, "answer-follow-up"):
        follow_ups.answer(session, world.caregiver, 10_000, "yes", ASKED)
    assert session.get(FollowUp, mine).answer is None

    follow_ups.answer(session, world.caregiver, mine, "no", ASKED)
    with refused(session, "answer-follow-up"):
        follow_ups.answer(session, world.caregiver, mine, "yes", ASKED)
    stored = _reloaded(session, request_.id)
    assert (stored.status, session.get(FollowUp, mine).answer) == (Status.matched, Answer.no)


def test_a_volunteer_who_is_no_longer_one_is_not_asked_and_sees_no_name(
    session: Session, world: Help, request_
):
    for membership in session.exec(select(Membership).where(Membership.person_id == world.vera.id)):
        session.delete(membership)
    session.commit()
    assert follow_ups.due(session, world.volunteer, ASKED) == []
    assert [d.other for d in follow_ups.due(session, world.caregiver, ASKED)] == ["Vera"]
