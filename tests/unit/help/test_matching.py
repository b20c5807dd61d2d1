"""Matching requests and volunteers: every hard rule, every soft rule, the words, the order, the limit.

Plain data in, no database: each test builds one base request and one base volunteer that match
("dinsdagmiddag, in Centrum") and changes the one thing it is about.
"""

import random
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from mantelzorg_app.services.help import matching
from mantelzorg_app.services.help.matching import (
    SAME_PREFIX_KM,
    SLOT_WORDS,
    WEIGHT_LANGUAGE,
    WEIGHT_NEAR,
    WEIGHT_PER_KM,
    WEIGHT_TIME,
    WEIGHT_TIME_EXTRA_SLOT,
    WEIGHT_WAITING_PER_DAY,
    WEIGHT_WIJK,
    Match,
    Reason,
    Request,
    Volunteer,
    distance_km,
    explain,
    requests_for,
    volunteers_for,
)
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM)  # a Wednesday morning
NONE: frozenset[str] = frozenset()


def _request(**changes) -> Request:
    fields = {
        "id": 1,
        "hub_id": 1,
        "category": "boodschappen",
        "wijk": "Centrum",
        "postcode": "3831 AB",
        "days": frozenset({"dinsdag"}),
        "dayparts": frozenset({"middag"}),
        "languages": NONE,
        "home_visit": False,
        "open": True,
        "created_at": NOW - timedelta(hours=1),
    }
    return Request(**{**fields, **changes})


def _volunteer(**changes) -> Volunteer:
    fields = {
        "id": 10,
        "hub_id": 1,
        "categories": frozenset({"boodschappen"}),
        "wijken": frozenset({"Centrum"}),
        "postcode": None,
        "max_km": None,
        "days": frozenset({"dinsdag"}),
        "dayparts": frozenset({"middag"}),
        "languages": NONE,
        "vetted": False,
    }
    return Volunteer(**{**fields, **changes})


def _matches(volunteer: Volunteer, request: Request) -> bool:
    """Whether the pair matches, asked both ways; the two ways must agree."""
    one_way = [m.id for m in requests_for(volunteer, [request], NOW)] == [request.id]
    other_way = [m.id for m in volunteers_for(request, [volunteer], NOW)] == [volunteer.id]
    assert one_way == other_way
    return one_way


def _said(match: Match) -> tuple[str, ...]:
    """The reasons in Dutch: the message ids are the Dutch sentences."""
    return explain(match, lambda msgid: msgid)


def _only(volunteer: Volunteer, request: Request) -> Match:
    (match,) = requests_for(volunteer, [request], NOW)
    return match


# -- hard rules --------------------------------------------------------------------------------------

LEUSDEN_3831 = {"wijken": frozenset({"Rozendaal"}), "postcode": "3831 CD"}  # not the request's wijk

HARD_RULES = [
    pytest.param({}, {}, True, id="the base pair"),
    pytest.param({"hub_id": 2}, {}, False, id="another hub"),
    pytest.param({"open": False}, {}, False, id="a closed request"),
    pytest.param({"home_visit": True}, {"vetted": False}, False, id="a home visit, volunteer not vetted"),
    pytest.param({"home_visit": True}, {"vetted": True}, True, id="a home visit, volunteer vetted"),
    pytest.param({"home_visit": False}, {"vetted": False}, True, id="no home visit, volunteer not vetted"),
    pytest.param(
        {}, {"categories": frozenset({"vervoer"})}, False, id="a category the volunteer does not do"
    ),
    pytest.param(
        {"category": "praten"},
        {"categories": frozenset({"vervoer", "praten"})},
        True,
        id="one of several categories",
    ),
    pytest.param({}, {"categories": NONE}, False, id="a volunteer without categories"),
    pytest.param({}, {}, True, id="no languages named on either side: both Dutch"),
    pytest.param({"languages": frozenset({"nl"})}, {}, True, id="Dutch named on one side only"),
    pytest.param({"languages": frozenset({"tr"})}, {}, False, id="only Turkish asked, volunteer named none"),
    pytest.param(
        {"languages": frozenset({"tr"})},
        {"languages": frozenset({"tr"})},
        True,
        id="only Turkish asked, volunteer speaks it",
    ),
    pytest.param(
        {"languages": frozenset({"tr", "nl"})}, {}, True, id="Turkish or Dutch asked, volunteer named none"
    ),
    pytest.param({}, {"languages": frozenset({"en"})}, False, id="no language asked, volunteer only English"),
    pytest.param(
        {"languages": frozenset({"ar"})},
        {"languages": frozenset({"en", "ar"})},
        True,
        id="Arabic asked, volunteer English and Arabic",
    ),
    pytest.param({}, {"wijken": frozenset({"Zuid", "Centrum"})}, True, id="the request's wijk among several"),
    pytest.param({}, {"wijken": frozenset({"Zuid"})}, False, id="another wijk and no distance"),
    pytest.param({}, {"wijken": NONE}, False, id="no wijken and no distance"),
    pytest.param({"wijk": ""}, {"wijken": frozenset({""})}, False, id="an empty wijk never matches by wijk"),
    pytest.param({}, {**LEUSDEN_3831, "max_km": 0.0}, True, id="the same postcode area, any distance"),
    pytest.param({}, {**LEUSDEN_3831, "max_km": None}, False, id="near, but the volunteer set no distance"),
    pytest.param(
        {},
        {"wijken": frozenset({"Zuid"}), "max_km": 50.0},
        False,
        id="a distance but no postcode of the volunteer's",
    ),
    pytest.param(
        {"postcode": None},
        {**LEUSDEN_3831, "max_km": 50.0},
        False,
        id="a distance but no postcode on the request",
    ),
    pytest.param(
        {"postcode": "abcd"}, {**LEUSDEN_3831, "max_km": 50.0}, False, id="a postcode that is not one"
    ),
    pytest.param(
        {"wijk": "Achterveld", "postcode": "3791 AA"},
        {**LEUSDEN_3831, "max_km": 5.0},
        True,
        id="Achterveld is about 5 km from 3831: within 5",
    ),
    pytest.param(
        {"wijk": "Achterveld", "postcode": "3791 AA"},
        {**LEUSDEN_3831, "max_km": 4.0},
        False,
        id="Achterveld is about 5 km from 3831: not within 4",
    ),
    pytest.param(
        {"wijk": "Watou", "postcode": "8978"},
        {"wijken": NONE, "postcode": "8970", "max_km": 10.0},
        True,
        id="Watou is about 8 km from Poperinge: within 10",
    ),
    pytest.param(
        {"wijk": "Watou", "postcode": "8978"},
        {"wijken": NONE, "postcode": "8970", "max_km": 5.0},
        False,
        id="Watou is about 8 km from Poperinge: not within 5",
    ),
    pytest.param(
        {"postcode": "3811 AA"},
        {"wijken": NONE, "postcode": "3812 BB", "max_km": SAME_PREFIX_KM},
        True,
        id="unknown areas, same first 3 digits: guessed near",
    ),
    pytest.param(
        {"postcode": "3811 AA"},
        {"wijken": NONE, "postcode": "3812 BB", "max_km": SAME_PREFIX_KM - 0.5},
        False,
        id="unknown areas, same first 3 digits: not that near",
    ),
    pytest.param(
        {"postcode": "1011 AA"},
        {"wijken": NONE, "postcode": "3812 BB", "max_km": 500.0},
        False,
        id="unknown areas, other first digits: never near",
    ),
]


@pytest.mark.parametrize(("request_changes", "volunteer_changes", "expected"), HARD_RULES)
def test_hard_rules(request_changes: dict, volunteer_changes: dict, expected: bool) -> None:
    assert _matches(_volunteer(**volunteer_changes), _request(**request_changes)) is expected


def test_a_closed_request_has_no_volunteers_at_all() -> None:
    assert volunteers_for(_request(open=False), [_volunteer(), _volunteer(id=11, vetted=True)], NOW) == []


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (_request, "category", "tuinieren"),
        (_request, "days", frozenset({"dinsdag", "feestdag"})),
        (_request, "dayparts", frozenset({"nacht"})),
        (_volunteer, "categories", frozenset({"boodschappen", "tuinieren"})),
        (_volunteer, "days", frozenset({"Dinsdag"})),
        (_volunteer, "dayparts", frozenset({"namiddag"})),
    ],
)
def test_unknown_values_are_refused(make, field: str, value) -> None:
    with pytest.raises(ValueError, match="unknown"):
        make(**{field: value})


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("3831 AB", "3831 ZZ", 0.0, 0.0),
        ("3831 AB", "3791 AA", 4.0, 6.0),  # Leusden - Achterveld
        ("3831 AB", "3832 AA", 1.0, 3.0),  # Leusden - Leusden-Zuid
        ("8970", "8978", 6.0, 9.0),  # Poperinge - Watou
        ("8970", "8972", 5.0, 8.0),  # Poperinge - Proven
        ("3811 AA", "3812 AA", SAME_PREFIX_KM, SAME_PREFIX_KM),  # not in the table: the guess
        ("3811 AA", "3811 BB", 0.0, 0.0),  # not in the table, the same area
    ],
)
def test_distance_km(a: str, b: str, low: float, high: float) -> None:
    assert low <= distance_km(a, b) <= high
    assert distance_km(b, a) == distance_km(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("1011 AA", "3812 AA"), ("3811 AA", "3821 AA"), ("3831", None), (None, None), ("x", "3831")]
)
def test_distance_unknown(a: str | None, b: str | None) -> None:
    assert distance_km(a, b) is None


# -- soft rules ---------------------------------------------------------------------------------------


def test_the_base_score_is_the_sum_of_its_weights() -> None:
    waiting = WEIGHT_WAITING_PER_DAY / 24  # one hour
    assert _only(_volunteer(), _request()).score == pytest.approx(WEIGHT_WIJK + WEIGHT_TIME + waiting)


# Each case: changes that make a request better, and changes that make it worse, for the base volunteer
# (with a postcode in 3831 and 10 km reach, so distance can count). The worse one has the lower id,
# so it is the score, not the id, that puts the better one first.
REACH = {"postcode": "3831 EF", "max_km": 10.0}
REQUEST_SOFT_RULES = [
    pytest.param({}, {"dayparts": frozenset({"avond"})}, id="a shared slot beats none"),
    pytest.param({"days": frozenset({"dinsdag", "donderdag"})}, {}, id="more shared slots beat fewer"),
    pytest.param({}, {"wijk": "Rozendaal", "postcode": "3831 XX"}, id="the request's wijk beats only near"),
    pytest.param(
        {"wijk": "Zuid", "postcode": "3832 AA"},
        {"wijk": "Achterveld", "postcode": "3791 AA"},
        id="nearer beats farther",
    ),
    pytest.param(
        {"created_at": NOW - timedelta(days=3)},
        {"created_at": NOW - timedelta(days=1)},
        id="older beats newer",
    ),
    pytest.param({"languages": frozenset({"tr"})}, {}, id="a shared language beyond Dutch"),
]


@pytest.mark.parametrize(("better", "worse"), REQUEST_SOFT_RULES)
def test_soft_rules_for_a_volunteer(better: dict, worse: dict) -> None:
    volunteer = _volunteer(
        **REACH, days=frozenset({"dinsdag", "donderdag"}), languages=frozenset({"nl", "tr"})
    )
    ranked = requests_for(volunteer, [_request(id=1, **worse), _request(id=2, **better)], NOW)
    assert [m.id for m in ranked] == [2, 1]
    assert ranked[0].score > ranked[1].score


VOLUNTEER_SOFT_RULES = [
    pytest.param({}, {"dayparts": frozenset({"ochtend"})}, id="a shared slot beats none"),
    pytest.param({"dayparts": NONE}, {}, id="more shared slots beat fewer"),
    pytest.param({}, {"wijken": frozenset({"Zuid"}), **REACH}, id="the request's wijk beats only near"),
    pytest.param(
        {"wijken": NONE, "postcode": "3832", "max_km": 10.0},
        {"wijken": NONE, "postcode": "3791", "max_km": 10.0},
        id="nearer beats farther",
    ),
    pytest.param(
        {"languages": frozenset({"tr", "nl"})},
        {"languages": frozenset({"en", "nl"})},
        id="a shared language beyond Dutch",
    ),
]


@pytest.mark.parametrize(("better", "worse"), VOLUNTEER_SOFT_RULES)
def test_soft_rules_for_a_request(better: dict, worse: dict) -> None:
    request = _request(dayparts=frozenset({"middag", "avond"}), languages=frozenset({"tr", "nl"}))
    ranked = volunteers_for(request, [_volunteer(id=1, **worse), _volunteer(id=2, **better)], NOW)
    assert [m.id for m in ranked] == [2, 1]
    assert ranked[0].score > ranked[1].score


@pytest.mark.parametrize(
    ("shared_days", "expected_extra"),
    [(1, 0), (2, 1), (3, 2), (6, 5), (7, 5)],  # dayparts fixed to "middag": one slot a day
)
def test_extra_shared_slots_count_up_to_a_cap(shared_days: int, expected_extra: int) -> None:
    days = frozenset(DAY_VALUES[:shared_days])
    match = _only(_volunteer(days=frozenset(DAY_VALUES)), _request(days=days, created_at=NOW))
    assert match.score == pytest.approx(WEIGHT_WIJK + WEIGHT_TIME + WEIGHT_TIME_EXTRA_SLOT * expected_extra)


@pytest.mark.parametrize(
    ("waited", "expected_days"),
    [
        *[(timedelta(0), 0), (timedelta(days=1), 1), (timedelta(days=14), 14), (timedelta(days=30), 14)],
        (-timedelta(days=2), 0),  # made "in the future" by a clock difference: no waiting, no penalty
    ],
)
def test_waiting_counts_up_to_a_cap(waited: timedelta, expected_days: int) -> None:
    match = _only(_volunteer(), _request(created_at=NOW - waited))
    assert match.score == pytest.approx(WEIGHT_WIJK + WEIGHT_TIME + WEIGHT_WAITING_PER_DAY * expected_days)


def test_near_scores_less_each_km_never_below_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    volunteer = _volunteer(wijken=NONE, postcode="3831", max_km=10.0)
    request = _request(wijk="Achterveld", postcode="3791", created_at=NOW)
    km = distance_km("3831", "3791")
    assert _only(volunteer, request).score == pytest.approx(WEIGHT_NEAR - WEIGHT_PER_KM * km + WEIGHT_TIME)
    monkeypatch.setattr(matching, "WEIGHT_PER_KM", WEIGHT_NEAR)  # 20 points a km: below zero at 1 km
    assert _only(volunteer, request).score == pytest.approx(WEIGHT_TIME)


def test_language_bonus_only_for_a_language_beyond_dutch() -> None:
    both_dutch = _only(_volunteer(languages=frozenset({"nl"})), _request(languages=frozenset({"nl"})))
    turkish = _only(_volunteer(languages=frozenset({"tr"})), _request(languages=frozenset({"tr"})))
    assert turkish.score - both_dutch.score == pytest.approx(WEIGHT_LANGUAGE)


def test_a_pair_scores_the_same_both_ways() -> None:
    volunteer = _volunteer(**REACH, languages=frozenset({"tr"}), days=NONE)
    request = _request(
        wijk="Achterveld", postcode="3791", languages=frozenset({"tr"}), created_at=NOW - timedelta(days=3)
    )
    (one,) = requests_for(volunteer, [request], NOW)
    (other,) = volunteers_for(request, [volunteer], NOW)
    assert one.score == other.score


# -- the words ----------------------------------------------------------------------------------------


def test_the_base_pair_is_explained_in_one_sentence() -> None:
    assert _said(_only(_volunteer(), _request())) == ("dinsdagmiddag, in Centrum",)


def test_the_reason_is_a_catalogue_sentence_with_named_values() -> None:
    (reason,) = _only(_volunteer(), _request()).reasons
    assert reason == Reason("{when}, in {wijk}", {"wijk": "Centrum"}, {"when": "dinsdagmiddag"})


def test_explain_translates_the_sentence_and_the_words_in_it() -> None:
    english = {"{when}, in {wijk}": "{when}, in {wijk}", "dinsdagmiddag": "Tuesday afternoon"}
    match = _only(_volunteer(), _request())
    assert explain(match, lambda msgid: english.get(msgid, msgid)) == ("Tuesday afternoon, in Centrum",)


def test_there_is_one_catalogue_word_for_each_slot() -> None:
    assert len(SLOT_WORDS) == len(set(SLOT_WORDS)) == len(DAY_VALUES) * len(DAYPART_VALUES)


@pytest.mark.parametrize(("day", "daypart"), [(day, part) for day in DAY_VALUES for part in DAYPART_VALUES])
def test_each_slot_has_its_own_word(day: str, daypart: str) -> None:
    slot = {"days": frozenset({day}), "dayparts": frozenset({daypart})}
    (reason,) = _only(_volunteer(**slot), _request(**slot)).reasons
    assert reason.terms == {"when": f"{day}{daypart}"}


# Shared moments: Wednesday and Saturday, morning and evening.
BOTH_FREE = {"days": frozenset({"woensdag", "zaterdag"}), "dayparts": frozenset({"ochtend", "avond"})}


@pytest.mark.parametrize(
    ("now", "expected", "then"),
    [
        (NOW, "woensdagochtend", "woensdagavond"),  # Wednesday 10:00: this morning still counts
        (NOW.replace(hour=13), "woensdagavond", "zaterdagochtend"),
        (NOW.replace(hour=19), "woensdagavond", "zaterdagochtend"),
        (NOW + timedelta(days=1, hours=-1), "zaterdagochtend", "zaterdagavond"),  # Thursday 9:00
        (NOW + timedelta(days=3, hours=5), "zaterdagavond", "woensdagochtend"),  # Saturday 15:00
        (NOW + timedelta(days=4, hours=2), "woensdagochtend", "woensdagavond"),  # Sunday noon: round the week
    ],
)
def test_the_next_shared_moments_are_named(now: datetime, expected: str, then: str) -> None:
    volunteer = _volunteer(days=frozenset({"woensdag", "zaterdag", "zondag"}), dayparts=NONE)
    request = _request(**BOTH_FREE, created_at=now)
    (match,) = requests_for(volunteer, [request], now)
    assert _said(match) == (f"{expected}, in Centrum", f"ook {then} en op andere momenten")


def test_a_second_shared_moment_is_named_not_hinted_at() -> None:
    thursday_too = {"days": frozenset({"woensdag", "donderdag"}), "dayparts": frozenset({"middag"})}
    match = _only(_volunteer(**thursday_too), _request(**thursday_too))
    assert _said(match) == ("woensdagmiddag, in Centrum", "ook donderdagmiddag")
    (back,) = volunteers_for(_request(**thursday_too), [_volunteer(**thursday_too)], NOW)
    assert _said(back) == ("woensdagmiddag, in Centrum", "ook donderdagmiddag")


def test_one_shared_moment_says_nothing_about_others() -> None:
    assert _said(_only(_volunteer(), _request())) == ("dinsdagmiddag, in Centrum",)


def test_when_both_can_do_any_moment_the_time_is_agreed_later() -> None:
    match = _only(_volunteer(days=NONE, dayparts=NONE), _request(days=NONE, dayparts=NONE))
    assert _said(match) == ("tijd in overleg, in Centrum",)


def test_no_shared_moment_is_still_a_match_at_another_time() -> None:
    match = _only(_volunteer(dayparts=frozenset({"ochtend"})), _request())
    assert _said(match) == ("op een ander moment, in Centrum",)


@pytest.mark.parametrize(
    ("request_changes", "volunteer_changes", "expected"),
    [
        (
            {"wijk": "Achterveld", "postcode": "3791 AA"},
            REACH,
            "dinsdagmiddag, in Achterveld, op ongeveer 5 km",
        ),
        ({"wijk": "Rozendaal", "postcode": "3831 AA"}, REACH, "dinsdagmiddag, in Rozendaal, in de buurt"),
        (
            {"wijk": "Watou", "postcode": "8978"},
            {"postcode": "8970", "max_km": 10.0},
            "dinsdagmiddag, in Watou, op ongeveer 8 km",
        ),
        # Not in the table: the distance is a guess, so no figure is shown.
        (
            {"wijk": "Elders", "postcode": "3811 AA"},
            {"postcode": "3812", "max_km": 10.0},
            "dinsdagmiddag, in Elders, in de buurt",
        ),
        ({"wijk": "", "postcode": "3791 AA"}, REACH, "dinsdagmiddag, op ongeveer 5 km"),
        ({"wijk": "", "postcode": "3831 AA"}, REACH, "dinsdagmiddag, in de buurt"),
    ],
)
def test_near_by_distance_is_said_with_the_distance(
    request_changes: dict, volunteer_changes: dict, expected: str
) -> None:
    volunteer = _volunteer(**volunteer_changes)
    request = _request(**request_changes)
    assert _said(_only(volunteer, request)) == (expected,)
    (match,) = volunteers_for(request, [volunteer], NOW)
    assert _said(match) == (expected,)


@pytest.mark.parametrize(
    ("asked", "spoken", "expected"),
    [
        (frozenset({"tr"}), frozenset({"tr", "nl"}), ("in het Turks",)),
        (frozenset({"tr", "nl"}), frozenset({"tr"}), ("in het Turks",)),
        (frozenset({"ar", "tr"}), frozenset({"ar", "tr"}), ("in het Arabisch",)),  # one, always the same
        (frozenset({"ti"}), frozenset({"ti"}), ("in het ti",)),  # no catalogue name: the code
        (frozenset({"nl"}), frozenset({"nl"}), ()),  # Dutch is the default, not news
        (frozenset({"tr", "nl"}), NONE, ()),
    ],
)
def test_a_shared_language_beyond_dutch_is_said(asked: frozenset, spoken: frozenset, expected: tuple) -> None:
    match = _only(_volunteer(languages=spoken), _request(languages=asked))
    assert _said(match)[1:] == expected


@pytest.mark.parametrize(
    ("waited", "expected"),
    [
        (timedelta(hours=1), ()),
        (timedelta(days=1, hours=23), ()),
        (timedelta(days=2), ("wacht al een paar dagen",)),
        (timedelta(days=6, hours=23), ("wacht al een paar dagen",)),
        (timedelta(days=7), ("wacht al meer dan een week",)),
        (timedelta(days=40), ("wacht al meer dan een week",)),
    ],
)
def test_a_volunteer_is_told_how_long_a_request_has_waited(waited: timedelta, expected: tuple) -> None:
    match = _only(_volunteer(), _request(created_at=NOW - waited))
    assert _said(match)[1:] == expected


def test_a_request_is_not_told_how_long_it_waited() -> None:
    (match,) = volunteers_for(_request(created_at=NOW - timedelta(days=9)), [_volunteer()], NOW)
    assert _said(match) == ("dinsdagmiddag, in Centrum",)


def test_explain_renders_every_reason_in_order() -> None:
    english = {
        "{when}, in {wijk}, op ongeveer {km} km": "{when}, in {wijk}, about {km} km away",
        "donderdagavond": "Thursday evening",
        "ook {when}": "also {when}",
        "vrijdagavond": "Friday evening",
        "in het {language}": "in {language}",
        "Turks": "Turkish",
        "wacht al meer dan een week": "has been waiting for more than a week",
    }
    volunteer = _volunteer(
        **REACH, days=frozenset({"donderdag", "vrijdag"}), dayparts=NONE, languages=frozenset({"tr"})
    )
    request = _request(
        wijk="Achterveld",
        postcode="3791 AA",
        days=NONE,
        dayparts=frozenset({"avond"}),
        languages=frozenset({"tr"}),
        created_at=NOW - timedelta(days=8),
    )
    assert explain(_only(volunteer, request), lambda msgid: english[msgid]) == (
        "Thursday evening, in Achterveld, about 5 km away",
        "also Friday evening",
        "in Turkish",
        "has been waiting for more than a week",
    )


def test_every_word_used_is_a_catalogue_entry() -> None:
    """The reasons only use the module's N_ constants, so `make messages` finds each of them."""
    constants = {value for name, value in vars(matching).items() if name.isupper() and isinstance(value, str)}
    constants |= set(SLOT_WORDS) | set(matching.LANGUAGE_NAMES.values())
    volunteer = _volunteer(
        **REACH, days=frozenset({"donderdag", "vrijdag"}), dayparts=NONE, languages=frozenset({"tr"})
    )
    requests = [
        _request(id=1, languages=frozenset({"tr"}), created_at=NOW - timedelta(days=3)),
        _request(id=2, wijk="Achterveld", postcode="3791", days=NONE, created_at=NOW - timedelta(days=8)),
        _request(id=3, wijk="", postcode="3831", days=NONE, dayparts=NONE),
    ]
    for match in requests_for(volunteer, requests, NOW):
        for reason in match.reasons:
            assert reason.message in constants
            assert set(reason.terms.values()) <= constants


# -- order and limit ----------------------------------------------------------------------------------


def _mixed_requests(count: int, seed: int) -> list[Request]:
    """Requests that tie often (few distinct values), for the order tests."""
    rng = random.Random(seed)
    return [
        _request(
            id=i,
            wijk=rng.choice(["Centrum", "Rozendaal", "Achterveld"]),
            postcode=rng.choice(["3831 AA", "3791 BB", None]),
            days=frozenset(rng.sample(DAY_VALUES, rng.randint(0, 2))),
            dayparts=frozenset(rng.sample(DAYPART_VALUES, rng.randint(0, 2))),
            languages=rng.choice([NONE, frozenset({"tr"}), frozenset({"nl", "tr"})]),
            created_at=NOW - timedelta(days=rng.choice([0, 1, 20, 30])),
        )
        for i in range(count)
    ]


def test_equal_scores_are_ordered_by_id() -> None:
    requests = [_request(id=i) for i in (5, 3, 9, 1, 7)]
    assert [m.id for m in requests_for(_volunteer(), requests, NOW)] == [1, 3, 5, 7, 9]
    volunteers = [_volunteer(id=i) for i in (15, 13, 19, 11)]
    assert [m.id for m in volunteers_for(_request(), volunteers, NOW)] == [11, 13, 15, 19]


def test_the_order_does_not_depend_on_the_input_order() -> None:
    requests = _mixed_requests(200, seed=1)
    volunteer = _volunteer(
        **REACH, days=frozenset({"dinsdag", "woensdag"}), dayparts=NONE, languages=frozenset({"tr"})
    )
    expected = requests_for(volunteer, requests, NOW)
    assert len(expected) > 20
    scores = [m.score for m in expected]
    assert scores == sorted(scores, reverse=True)
    for seed in range(3):
        shuffled = requests[:]
        random.Random(seed).shuffle(shuffled)
        assert requests_for(volunteer, shuffled, NOW) == expected
        assert requests_for(volunteer, iter(shuffled), NOW) == expected  # any iterable


@pytest.mark.parametrize("limit", [None, 0, 1, 2, 10, 1000, -1])
def test_limit_keeps_the_best(limit: int | None) -> None:
    requests = _mixed_requests(100, seed=2)
    volunteer = _volunteer(**REACH, dayparts=NONE)
    everything = requests_for(volunteer, requests, NOW)
    expected = everything if limit is None else everything[: max(limit, 0)]
    assert requests_for(volunteer, requests, NOW, limit=limit) == expected
    volunteers = [replace(volunteer, id=i, days=frozenset(DAY_VALUES[: i % 7 + 1])) for i in range(30)]
    all_volunteers = volunteers_for(requests[0], volunteers, NOW)
    expected = all_volunteers if limit is None else all_volunteers[: max(limit, 0)]
    assert volunteers_for(requests[0], volunteers, NOW, limit=limit) == expected


def test_values_are_plain_and_compare_by_content() -> None:
    request = _request(days=["dinsdag"], languages={"tr"})  # any collection; kept as frozensets
    assert request.days == frozenset({"dinsdag"})
    assert request == _request(days=frozenset({"dinsdag"}), languages=frozenset({"tr"}))
    assert _volunteer(wijken={"Centrum", ""}).wijken == frozenset({"Centrum"})


# -- properties -------------------------------------------------------------------------------------

# Few values of each, so that random pairs often match and often just miss.
HUBS = (1, 2, 3)
SOME_CATEGORIES = CATEGORY_VALUES[:3]
WIJKEN = ("Centrum", "Achterveld", "Watou", "")
POSTCODES = (None, "3831 AB", "3832", "3791 CD", "8970", "8978", "3811 AA", "3812", "1011 XY", "n.v.t.")
MOSTLY = st.sampled_from((True, True, True, False))
LANGUAGE_CODES = ("nl", "tr")


def _some(values: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    """Any subset, drawn as one number whose bits pick the values (fast to draw, shrinks to none)."""
    return st.integers(0, 2 ** len(values) - 1).map(
        lambda bits: frozenset(value for i, value in enumerate(values) if bits >> i & 1)
    )


@st.composite
def random_request(draw: st.DrawFn, id: int, hub: int | None = None) -> Request:
    return Request(
        id=id,
        hub_id=hub or draw(st.sampled_from(HUBS[:1] * 3 + HUBS)),  # hub 1 the most
        category=draw(st.sampled_from(SOME_CATEGORIES)),
        wijk=draw(st.sampled_from(WIJKEN)),
        postcode=draw(st.sampled_from(POSTCODES)),
        days=draw(_some(DAY_VALUES)),
        dayparts=draw(_some(DAYPART_VALUES)),
        languages=draw(_some(LANGUAGE_CODES)),
        home_visit=not draw(MOSTLY),
        open=draw(MOSTLY),
        created_at=NOW - timedelta(minutes=draw(st.integers(-60, 60 * 24 * 40))),
    )


@st.composite
def random_volunteer(draw: st.DrawFn, id: int, hub: int | None = None) -> Volunteer:
    return Volunteer(
        id=id,
        hub_id=hub or draw(st.sampled_from(HUBS[:1] * 3 + HUBS)),  # hub 1 the most
        categories=draw(_some(SOME_CATEGORIES)),
        wijken=draw(_some(WIJKEN)),
        postcode=draw(st.sampled_from(POSTCODES)),
        max_km=draw(st.none() | st.floats(0.0, 15.0)),
        days=draw(_some(DAY_VALUES)),
        dayparts=draw(_some(DAYPART_VALUES)),
        languages=draw(_some(LANGUAGE_CODES)),
        vetted=draw(st.booleans()),
    )


@st.composite
def many(draw: st.DrawFn, make) -> list:
    return [draw(make(id=i)) for i in range(draw(st.integers(0, 25)))]


def allowed(volunteer: Volunteer, request: Request) -> bool:
    """The hard rules, written out again plainly, to check the fast code against."""
    if volunteer.hub_id != request.hub_id or not request.open:
        return False
    if request.home_visit and not volunteer.vetted:
        return False
    if request.category not in volunteer.categories:
        return False
    if not (request.languages or {"nl"}) & (volunteer.languages or {"nl"}):
        return False
    if request.wijk and request.wijk in volunteer.wijken:
        return True
    km = distance_km(volunteer.postcode, request.postcode)
    return volunteer.max_km is not None and km is not None and km <= volunteer.max_km


def _assert_ranked(matches: list[Match]) -> None:
    keys = [(-m.score, m.id) for m in matches]
    assert keys == sorted(keys)


@settings(max_examples=200, deadline=None)
@given(
    volunteer=random_volunteer(id=-1, hub=1),
    requests=many(random_request),
    limit=st.none() | st.integers(0, 10),
)
def test_requests_for_keeps_every_hard_rule(volunteer: Volunteer, requests: list[Request], limit) -> None:
    by_id = {r.id: r for r in requests}
    matches = requests_for(volunteer, requests, NOW)
    event(f"matches: {min(len(matches), 3)}")
    for match in matches:
        request = by_id[match.id]
        assert request.hub_id == volunteer.hub_id
        assert request.open
        assert volunteer.vetted or not request.home_visit
        assert allowed(volunteer, request)
    assert {m.id for m in matches} == {r.id for r in requests if allowed(volunteer, r)}
    _assert_ranked(matches)
    assert requests_for(volunteer, requests, NOW, limit=limit) == (
        matches if limit is None else matches[:limit]
    )


@settings(max_examples=200, deadline=None)
@given(
    request=random_request(id=-1, hub=1),
    volunteers=many(random_volunteer),
    limit=st.none() | st.integers(0, 10),
)
def test_volunteers_for_keeps_every_hard_rule(request: Request, volunteers: list[Volunteer], limit) -> None:
    by_id = {v.id: v for v in volunteers}
    matches = volunteers_for(request, volunteers, NOW)
    event(f"matches: {min(len(matches), 3)}")
    for match in matches:
        volunteer = by_id[match.id]
        assert volunteer.hub_id == request.hub_id
        assert request.open
        assert volunteer.vetted or not request.home_visit
        assert allowed(volunteer, request)
    assert {m.id for m in matches} == {v.id for v in volunteers if allowed(v, request)}
    _assert_ranked(matches)
    assert volunteers_for(request, volunteers, NOW, limit=limit) == (
        matches if limit is None else matches[:limit]
    )
    for match in matches:  # the same pair scores and reads the same the other way round
        (back,) = requests_for(by_id[match.id], [request], NOW)
        assert back.score == match.score
        assert back.reasons[: len(match.reasons)] == match.reasons
