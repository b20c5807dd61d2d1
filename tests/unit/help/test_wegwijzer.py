"""The Wegwijzer: its questions as data, the rules for the band, and the helpers the page walks with."""

import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st
from reflex.components.lucide.icon import LUCIDE_ICON_LIST

from mantelzorg_app.models import Band
from mantelzorg_app.services.help import vocabulary, wegwijzer
from mantelzorg_app.services.help.vocabulary import DAYPARTS, DAYS, HELP_CATEGORIES
from mantelzorg_app.services.help.wegwijzer import (
    QUESTIONS,
    SCALE,
    SELF_CHECK,
    Question,
    next_key,
    place_for_postcode,
    place_for_wijk,
    previous_key,
    progress,
    reachable,
    resume_key,
    score,
    shown,
    summary,
    validate,
    visible,
)
from tests.support.catalogue import extract

PYBABEL = Path(sys.executable).parent / "pybabel"
KEYS = [question.key for question in QUESTIONS]
ALL_SHOWN = len(QUESTIONS)
LABELS = sorted(
    {c.label for q in QUESTIONS for c in q.choices}
    | {c.label for c in (*HELP_CATEGORIES, *DAYS, *DAYPARTS, *SCALE)}
)

# The rules, written here rather than read from the module under test.
POINTS = {"nooit": 0, "soms": 1, "vaak": 2}
LIGHT_UP_TO = 3
MODERATE_UP_TO = 7
ALARM_ITEMS = ("op", "somber")
NOT_ALARM = [key for key in SELF_CHECK if key not in ALARM_ITEMS]


def _texts() -> list[str]:
    """Every text a caregiver reads on the Wegwijzer's screens."""
    texts = []
    for question in QUESTIONS:
        texts.append(question.text)
        if question.help:
            texts.append(question.help)
        texts.extend(choice.label for choice in question.choices)
    for choice in (*HELP_CATEGORIES, *DAYS, *DAYPARTS, *SCALE):
        texts.append(choice.label)
    return texts


def _self_check(total: int, **extra: str | list[str]) -> dict[str, str | list[str]]:
    """A caregiver who says yes and whose self-check adds up to ``total`` without an alarm answer.

    Up to 6 points: "soms" on the first items. Above that, every item "soms" and then "vaak" on the
    items that are not alarm items, so 10 is the most this can make.
    """
    assert 0 <= total <= len(SELF_CHECK) + len(NOT_ALARM)
    answers: dict[str, str | list[str]] = {"zorgt": "ja"}
    for i, key in enumerate([*NOT_ALARM, *ALARM_ITEMS]):
        answers[key] = "soms" if i < total else "nooit"
    for key in NOT_ALARM[: max(0, total - len(SELF_CHECK))]:
        answers[key] = "vaak"
    assert sum(POINTS[str(answers[key])] for key in SELF_CHECK) == total
    return answers | extra


FULL = {
    "zorgt": "ja",
    "voor_wie": ["partner", "ouder"],
    "uren": "8-20",
    "duur": "1-5j",
    "moe": "vaak",
    "tijd": "soms",
    "combineren": "soms",
    "alleen": "nooit",
    "somber": "soms",
    "op": "nooit",
    "hulp": ["boodschappen", "vervoer"],
    "dagen": ["maandag", "dinsdag"],
    "dagdelen": ["middag"],
    "plek": "wijk:3",
}


# --- The questions as data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The message ids `make messages` would find, extracted fresh from the source."""
    out = extract(tmp_path_factory.mktemp("babel") / "wegwijzer.pot")
    with out.open("rb") as fileobj:
        return {message.id for message in read_po(fileobj) if isinstance(message.id, str) and message.id}


def test_every_text_is_marked_for_the_catalogue(extracted: set[str]) -> None:
    missing = sorted(set(_texts()) - extracted)
    assert not missing, f"not wrapped in N_(...) with a literal string: {missing}"


@pytest.mark.parametrize("question", QUESTIONS, ids=KEYS)
def test_question_is_a_short_dutch_question(question: Question) -> None:
    text = question.text
    assert text == " ".join(text.split()), "no stray spaces"
    assert text[0].isupper() and text.endswith("?"), text
    assert len(text.split()) < 15, f"B1: under 15 words: {text}"


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.help], ids=lambda q: q.key)
def test_help_is_one_short_sentence(question: Question) -> None:
    text = question.help
    assert text == " ".join(text.split())
    assert text[0].isupper() and text.endswith("."), text
    assert text.count(".") == 1, f"one sentence: {text}"
    assert len(text.split()) < 15, f"B1: under 15 words: {text}"


@pytest.mark.parametrize("label", LABELS)
def test_choice_label_is_a_few_words(label: str) -> None:
    assert label == " ".join(label.split())
    assert label[0].isupper() or label[0].isdigit(), label
    assert not label.endswith((".", "?")), label
    assert len(label.split()) <= 5, label


@pytest.mark.parametrize("text", _texts())
def test_texts_say_u_never_je(text: str) -> None:
    words = set(text.lower().replace("?", " ").replace(".", " ").replace(",", " ").split())
    assert not words & {"je", "jij", "jou", "jouw", "jullie"}, text


def test_keys_are_unique() -> None:
    assert len(set(KEYS)) == len(KEYS)


@pytest.mark.parametrize("question", QUESTIONS, ids=KEYS)
def test_choices_fit_the_kind(question: Question) -> None:
    values = [choice.value for choice in question.choices]
    assert len(set(values)) == len(values), f"values repeat in {question.key}"
    assert all(value and value == value.strip() for value in values)
    if question.kind == "place":
        assert not question.choices, "the page offers the hub's wijken or a postcode"
    else:
        assert len(question.choices) >= 2


@pytest.mark.parametrize("choice", sorted({c for q in QUESTIONS for c in q.choices}, key=str))
def test_every_choice_has_a_lucide_pictogram(choice: vocabulary.Choice) -> None:
    assert choice.icon.replace("-", "_") in LUCIDE_ICON_LIST, choice


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.show_if], ids=lambda q: q.key)
def test_show_if_points_back_to_real_choices(question: Question) -> None:
    assert question.show_if is not None
    key, values = question.show_if
    assert KEYS.index(key) < KEYS.index(question.key), "a condition looks back, never ahead"
    assert set(values) <= {choice.value for choice in wegwijzer.BY_KEY[key].choices}


def test_it_starts_with_recognition() -> None:
    first = QUESTIONS[0]
    assert first.text == "Zorgt u voor iemand?"
    assert [choice.value for choice in first.choices] == ["ja", "nee", "weet_niet"]
    assert [choice.label for choice in first.choices] == ["Ja", "Nee", "Dat weet ik niet"]
    assert KEYS[:4] == ["zorgt", "voor_wie", "uren", "duur"]
    assert {choice.value for choice in wegwijzer.BY_KEY["voor_wie"].choices} == {
        "partner",
        "ouder",
        "kind",
        "familie",
        "buur",
    }


def test_about_a_dozen_screens() -> None:
    assert 12 <= len(QUESTIONS) <= 14


def test_categories_days_and_dayparts_are_stable() -> None:
    assert [c.value for c in HELP_CATEGORIES] == [
        "boodschappen",
        "vervoer",
        "gezelschap",
        "klusjes",
        "oppas",
        "huishouden",
        "papierwerk",
        "praten",
    ]
    assert [c.value for c in DAYS] == [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ]
    assert [c.value for c in DAYPARTS] == ["ochtend", "middag", "avond"]
    by_key = wegwijzer.BY_KEY
    assert (by_key["hulp"].kind, by_key["hulp"].choices) == ("many", HELP_CATEGORIES)
    assert (by_key["dagen"].kind, by_key["dagen"].choices) == ("many", DAYS)
    assert (by_key["dagdelen"].kind, by_key["dagdelen"].choices) == ("many", DAYPARTS)
    assert [q.kind for q in QUESTIONS].count("place") == 1
    assert KEYS[-1] == "plek"


def test_self_check_is_six_items_on_one_scale_of_faces() -> None:
    assert len(SELF_CHECK) == 6
    for key in SELF_CHECK:
        question = wegwijzer.BY_KEY[key]
        assert question.kind == "one"
        assert question.choices == SCALE, key
        assert question.text.startswith("Hoe vaak"), key
    assert [(c.value, c.icon) for c in SCALE] == [("nooit", "smile"), ("soms", "meh"), ("vaak", "frown")]
    assert set(wegwijzer.POINTS) == set(POINTS), "every answer on the scale has points"
    # The thresholds are set for 6 items of 0-2 points: adding an item means looking at them again.
    assert len(SELF_CHECK) * max(POINTS.values()) == 12


# --- Scoring -----------------------------------------------------------------------------------------


def _band(total: int) -> Band:
    if total <= LIGHT_UP_TO:
        return Band.light
    return Band.moderate if total <= MODERATE_UP_TO else Band.heavy


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, Band.light),
        (1, Band.light),
        (LIGHT_UP_TO - 1, Band.light),
        (LIGHT_UP_TO, Band.light),
        (LIGHT_UP_TO + 1, Band.moderate),
        (MODERATE_UP_TO - 1, Band.moderate),
        (MODERATE_UP_TO, Band.moderate),
        (MODERATE_UP_TO + 1, Band.heavy),
        (MODERATE_UP_TO + 2, Band.heavy),
        (10, Band.heavy),
    ],
)
def test_band_at_and_around_the_thresholds(total: int, band: Band) -> None:
    assert score(_self_check(total)) == band


@pytest.mark.parametrize("total", range(11))
def test_band_follows_the_total(total: int) -> None:
    assert score(_self_check(total)) == _band(total)


def test_where_the_points_fall_does_not_matter() -> None:
    two_often = {"zorgt": "ja"} | dict.fromkeys(SELF_CHECK, "nooit") | {"moe": "vaak", "tijd": "vaak"}
    assert score(two_often) == Band.moderate == score(_self_check(4))


@pytest.mark.parametrize("item", ALARM_ITEMS)
def test_often_on_an_alarm_item_is_heavy_whatever_the_total(item: str) -> None:
    answers = _self_check(0) | {item: "vaak"}
    assert sum(POINTS[str(answers[key])] for key in SELF_CHECK) == 2
    assert score(answers) == Band.heavy


@pytest.mark.parametrize("item", ALARM_ITEMS)
def test_sometimes_on_an_alarm_item_only_counts_its_point(item: str) -> None:
    assert score(_self_check(0) | {item: "soms"}) == Band.light


@pytest.mark.parametrize("hours", ["lt4", "4-8", "8-20", "20-40"])
def test_hours_below_forty_leave_the_band_to_the_self_check(hours: str) -> None:
    assert score(_self_check(0, uren=hours)) == Band.light
    assert score(_self_check(MODERATE_UP_TO, uren=hours)) == Band.moderate


def test_more_than_forty_hours_is_heavy() -> None:
    assert score(_self_check(0, uren="gt40")) == Band.heavy


@pytest.mark.parametrize("item", SELF_CHECK)
def test_a_missing_item_means_no_band(item: str) -> None:
    answers = _self_check(MODERATE_UP_TO + 1)
    del answers[item]
    assert score(answers) is None


@pytest.mark.parametrize("forged", ["altijd", "", "VAAK", ["vaak"], 2, None])
def test_a_forged_item_means_no_band(forged: object) -> None:
    assert score(_self_check(2) | {"moe": forged}) is None


def test_incomplete_with_an_alarm_answer_is_still_no_band() -> None:
    assert score({"zorgt": "ja", "op": "vaak", "uren": "gt40"}) is None
    assert score({}) is None


def test_no_band_after_no() -> None:
    assert score(_self_check(MODERATE_UP_TO + 1) | {"zorgt": "nee"}) is None


def test_dont_know_is_scored_like_yes() -> None:
    assert score(_self_check(5) | {"zorgt": "weet_niet"}) == Band.moderate


def test_scored_before_the_first_answer_is_given() -> None:
    answers = _self_check(5)
    del answers["zorgt"]
    assert score(answers) == Band.moderate


# --- Which questions are shown, and walking through them ---------------------------------------------


def test_before_any_answer_every_question_is_counted() -> None:
    assert [q.key for q in visible({})] == KEYS
    assert progress("zorgt", {}) == (1, ALL_SHOWN)


def test_no_ends_the_questions_kindly() -> None:
    answers = {"zorgt": "nee"}
    assert [q.key for q in visible(answers)] == ["zorgt"]
    assert progress("zorgt", answers) == (1, 1)
    assert next_key("zorgt", answers) is None


@pytest.mark.parametrize("cares", ["ja", "weet_niet"])
def test_yes_or_dont_know_asks_everything(cares: str) -> None:
    assert [q.key for q in visible({"zorgt": cares})] == KEYS


def test_no_help_wanted_skips_when() -> None:
    answers = FULL | {"hulp": []}
    shown = [q.key for q in visible(answers)]
    assert "dagen" not in shown and "dagdelen" not in shown
    assert len(shown) == ALL_SHOWN - 2
    assert next_key("hulp", answers) == "plek"
    assert previous_key("plek", answers) == "hulp"
    assert progress("plek", answers) == (ALL_SHOWN - 2, ALL_SHOWN - 2)


def test_help_wanted_asks_when() -> None:
    answers = FULL | {"hulp": ["papierwerk"]}
    assert next_key("hulp", answers) == "dagen"
    assert previous_key("plek", answers) == "dagdelen"


def test_when_hangs_on_help_which_hangs_on_caring() -> None:
    shown = [q.key for q in visible(FULL | {"zorgt": "nee"})]
    assert shown == ["zorgt"]


def test_going_back_to_yes_brings_the_answers_back() -> None:
    answers = FULL | {"zorgt": "nee"}
    kept = validate(answers)
    assert kept == answers
    assert summary(answers)["band"] is None
    assert summary(kept | {"zorgt": "ja"})["band"] == score(FULL)


@pytest.mark.parametrize(("key", "position"), [("zorgt", 1), ("voor_wie", 2), ("moe", 5), ("plek", 14)])
def test_progress_numbers(key: str, position: int) -> None:
    assert progress(key, FULL) == (position, ALL_SHOWN)


@pytest.mark.parametrize("key", ["dagen", "dagdelen", "geen_vraag", ""])
def test_progress_of_a_question_not_shown_is_an_error(key: str) -> None:
    with pytest.raises(ValueError):
        progress(key, FULL | {"hulp": []})


def test_next_and_previous_at_the_ends() -> None:
    assert next_key(None, {}) == "zorgt"
    assert previous_key("zorgt", FULL) is None
    assert next_key("plek", FULL) is None
    assert next_key("zorgt", {}) == "voor_wie"
    assert previous_key("voor_wie", {}) == "zorgt"


@pytest.mark.parametrize("key", ["geen_vraag", ""])
def test_next_and_previous_of_an_unknown_key_is_an_error(key: str) -> None:
    with pytest.raises(ValueError):
        next_key(key, FULL)
    with pytest.raises(ValueError):
        previous_key(key, FULL)


@pytest.mark.parametrize("answers", [FULL, FULL | {"hulp": []}, {"zorgt": "nee"}, {}])
def test_forward_and_back_visit_the_same_screens(answers: dict) -> None:
    forward, key = [], next_key(None, answers)
    while key is not None:
        forward.append(key)
        key = next_key(key, answers)
    assert forward == [q.key for q in visible(answers)]
    back, key = [], forward[-1]
    while key is not None:
        back.append(key)
        key = previous_key(key, answers)
    assert back == forward[::-1]
    assert [progress(key, answers)[0] for key in forward] == list(range(1, len(forward) + 1))


def test_resume_after_a_reload() -> None:
    assert resume_key({}) == "zorgt"
    assert resume_key({"zorgt": "ja", "voor_wie": ["kind"]}) == "uren"
    assert resume_key({"zorgt": "ja", "voor_wie": ["kind"], "uren": "een heleboel"}) == "uren"
    assert resume_key(FULL) is None
    assert resume_key(FULL | {"hulp": [], "dagen": "forged"}) is None
    assert resume_key({"zorgt": "nee"}) is None


# --- Validating what the browser sends ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "forged"),
    [
        ("zorgt", "misschien"),  # not one of the choices
        ("zorgt", ["ja"]),  # a list for a "one" question
        ("zorgt", ["ja", "nee"]),
        ("zorgt", "ja" * 5000),  # very long
        ("zorgt", 1),
        ("zorgt", None),
        ("zorgt", {"ja": True}),
        ("uren", "1000"),
        ("moe", "Vaak"),
        ("moe", " vaak"),
        ("hulp", "vervoer"),  # a string for a "many" question
        ("hulp", {"vervoer": 1}),
        ("hulp", ["vervoer"] * 51),  # more than anyone can pick
        ("dagen", None),
        ("plek", "3832 AB"),  # a place without its kind
        ("plek", "wijk:abc"),
        ("plek", "wijk:0"),
        ("plek", "wijk:-1"),
        ("plek", "wijk:" + "9" * 5000),
        ("plek", "postcode:onzin"),
        ("plek", "postcode:" + "1234" * 100),
        ("plek", ["wijk:3"]),
    ],
)
def test_validate_drops_forged_values(key: str, forged: object) -> None:
    assert validate({key: forged}) == {}


def test_validate_drops_unknown_keys() -> None:
    assert validate({"zorgt": "ja", "admin": "ja", "__class__": "x", "": ""}) == {"zorgt": "ja"}


def test_validate_keeps_known_values_of_a_list_in_order_once() -> None:
    answers = {"hulp": ["praten", "gokken", "vervoer", 3, None, ["oppas"], "praten"]}
    assert validate(answers) == {"hulp": ["vervoer", "praten"]}
    assert validate({"dagen": ("zondag", "maandag")}) == {"dagen": ["maandag", "zondag"]}


def test_an_empty_list_is_an_answer() -> None:
    assert validate({"hulp": []}) == {"hulp": []}
    assert validate({"hulp": ["niets hiervan"]}) == {"hulp": []}


def test_validate_keeps_good_answers_as_they_are() -> None:
    assert validate(FULL) == FULL


@pytest.mark.parametrize("not_a_mapping", [None, "zorgt=ja", ["zorgt", "ja"], 42])
def test_validate_of_no_mapping_is_empty(not_a_mapping: object) -> None:
    assert validate(not_a_mapping) == {}  # type: ignore[arg-type]


def test_a_wijk_of_another_hub_is_dropped() -> None:
    assert validate({"plek": "wijk:3"}, wijk_ids={1, 2, 3}) == {"plek": "wijk:3"}
    assert validate({"plek": "wijk:4"}, wijk_ids={1, 2, 3}) == {}
    assert validate({"plek": "wijk:4"}) == {"plek": "wijk:4"}, (
        "without the hub's wijken only the shape counts"
    )


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("3832 AB", "postcode:3832 AB"),
        ("3832ab", "postcode:3832 AB"),
        ("  3832  aB ", "postcode:3832 AB"),
        ("3832", "postcode:3832"),
        ("8970", "postcode:8970"),
        ("0832 AB", None),
        ("383", None),
        ("38321", None),
        ("3832 A", None),
        ("3832 ABC", None),
        ("Leusden", None),
        ("", None),
        ("3" * 5000, None),
    ],
)
def test_a_typed_postcode(typed: str, place: str | None) -> None:
    assert place_for_postcode(typed) == place
    if place:
        assert validate({"plek": place}) == {"plek": place}
        assert validate({"plek": "postcode:" + typed}) == {"plek": place}


def test_a_wijk_place() -> None:
    assert place_for_wijk(7) == "wijk:7"
    assert validate({"plek": place_for_wijk(7)}) == {"plek": "wijk:7"}


# --- What it adds up to ------------------------------------------------------------------------------


def test_summary_of_full_answers() -> None:
    assert summary(FULL) == {
        "cares": "ja",
        "for_whom": ["partner", "ouder"],
        "hours": "8-20",
        "duration": "1-5j",
        "band": Band.moderate,  # 2 + 1 + 1 + 0 + 1 + 0 = 5 points
        "categories": ["boodschappen", "vervoer"],
        "days": ["maandag", "dinsdag"],
        "dayparts": ["middag"],
        "place": "wijk:3",
        "wijk_id": 3,
        "postcode": None,
        "complete": True,
    }


def test_summary_with_a_postcode_and_no_help() -> None:
    result = summary(FULL | {"hulp": [], "plek": "postcode:3832 AB"})
    assert result["categories"] == [] and result["days"] == [] and result["dayparts"] == []
    assert (result["place"], result["wijk_id"], result["postcode"]) == ("postcode:3832 AB", None, "3832 AB")
    assert result["complete"] is True


def test_summary_after_no() -> None:
    result = summary(FULL | {"zorgt": "nee"})
    assert result == {
        "cares": "nee",
        "for_whom": [],
        "hours": None,
        "duration": None,
        "band": None,
        "categories": [],
        "days": [],
        "dayparts": [],
        "place": None,
        "wijk_id": None,
        "postcode": None,
        "complete": True,
    }


def test_summary_of_a_half_done_questionnaire() -> None:
    result = summary({"zorgt": "ja", "hulp": ["oppas"], "plek": "wijk:9"}, wijk_ids={1, 2})
    assert result["complete"] is False
    assert result["band"] is None
    assert result["categories"] == ["oppas"]
    assert result["place"] is None, "a wijk of another hub is dropped"


# --- Whatever the browser sends ----------------------------------------------------------------------

_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)
_known_value = st.sampled_from(
    sorted({c.value for q in QUESTIONS for c in q.choices} | {"wijk:3", "postcode:3832 AB", "postcode:8970"})
)
_answer = _known_value | st.lists(_known_value, max_size=10) | _value
_answers = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), _answer, max_size=len(KEYS) + 3)


@given(_answers)
def test_score_never_raises(answers: dict) -> None:
    assert score(answers) in (None, Band.light, Band.moderate, Band.heavy)


@given(_answers)
def test_helpers_never_raise_and_validate_is_stable(answers: dict) -> None:
    clean = validate(answers)
    assert validate(clean) == clean
    assert score(clean) == score(answers)
    shown = visible(answers)
    assert shown and shown[0].key == "zorgt"
    for position, question in enumerate(shown, start=1):
        assert progress(question.key, answers) == (position, len(shown))
    assert summary(answers)["band"] == score(answers)
    assert resume_key(answers) in {None, *(q.key for q in shown)}


@given(_answers, st.sampled_from([None, *KEYS]), st.booleans(), st.sets(st.integers(1, 4)))
def test_one_screen_says_what_the_step_by_step_helpers_say(answers, key, after, wijk_ids) -> None:
    """wegwijzer.screen works out a tab's step in one pass; it must agree with the helpers one by one."""
    found = wegwijzer.screen(answers, wijk_ids, key, after=after)
    clean = validate(answers, wijk_ids)
    shown = [q.key for q in visible(clean)]
    resumed = key if key in shown else resume_key(clean)
    want = next_key(key, clean) if after else resumed
    assert (found.answers, found.key, found.summary) == (clean, want, summary(clean, wijk_ids))
    if want is None:
        assert (found.position, found.total, found.chosen) == (0, 0, [])
    else:
        assert (found.position, found.total) == progress(want, clean)
        answer = clean.get(want)
        assert found.chosen == ([answer] if isinstance(answer, str) else list(answer or []))


def test_a_screen_after_the_last_question_is_the_result() -> None:
    answers = {"zorgt": "nee"}
    found = wegwijzer.screen(answers, None, "zorgt", after=True)
    assert (found.key, found.position, found.total, found.chosen) == (None, 0, 0, [])
    assert wegwijzer.screen({}, None, None, after=True).key == "zorgt"


# --- Back and Forward in the browser -----------------------------------------------------------------


def test_a_step_is_reachable_once_every_shown_question_before_it_has_an_answer() -> None:
    assert reachable("zorgt", {})
    assert not reachable("voor_wie", {})
    assert reachable("voor_wie", {"zorgt": "ja"})
    assert reachable("uren", FULL)
    assert not reachable("uren", {"zorgt": "ja"}), "past the first question without an answer"
    assert reachable(None, FULL), "the result, once all are answered"
    assert not reachable(None, {"zorgt": "ja"})


def test_a_skipped_question_is_not_reachable() -> None:
    assert not reachable("voor_wie", {"zorgt": "nee"})
    assert reachable(None, {"zorgt": "nee"}), "after 'nee' the result comes next"
    assert not reachable("dagen", FULL | {"hulp": []}), "no help chosen: no days"
    assert reachable("plek", FULL | {"hulp": []})


def test_shown_answers_are_the_ones_that_count() -> None:
    assert shown(FULL) == FULL
    assert shown(FULL | {"zorgt": "nee"}) == {"zorgt": "nee"}
    assert shown({"zorgt": "nee", "op": "vaak"}) == {"zorgt": "nee"}, "the self-check is for whoever cares"


# --- 'Bel mij terug' from the Wegwijzer: what the caller gets to see ----------------------------------


@pytest.fixture
def leusden(session):
    from tests.unit.auth_fixtures import add_hub

    return add_hub(session, "leusden", "Leusden")


def test_a_call_back_keeps_a_name_and_a_summary_of_the_answers(session, leusden) -> None:
    from mantelzorg_app.services.help import callbacks
    from tests.unit.auth_fixtures import NOW

    task = callbacks.ask(
        session,
        leusden.id,
        "06 12345678",
        "middag",
        "heavy",
        NOW,
        "192.0.2.10",
        name="  Anna   Voorbeeld ",
        cares_for="kind partner gokken kind",
        wishes="vervoer onzin vervoer boodschappen",
    )
    assert (task.name, task.cares_for, task.wishes) == (
        "Anna Voorbeeld",
        "partner kind",
        "boodschappen vervoer",
    )
    plain = callbacks.ask(session, leusden.id, "06 87654321", "avond", "", NOW, "192.0.2.11")
    assert (plain.name, plain.cares_for, plain.wishes) == ("", "", "")


@pytest.mark.parametrize(
    ("phone", "good_time", "problems"),
    [
        ("", "", {"phone": "Vul uw telefoonnummer in.", "good_time": "Kies wanneer wij u kunnen bellen."}),
        ("   ", "middag", {"phone": "Vul uw telefoonnummer in."}),
        (
            "12345",
            "middag",
            {
                "phone": "Dit lijkt geen telefoonnummer. Typ het nummer met alle cijfers, "
                "bijvoorbeeld 06 12345678."
            },
        ),
        ("06 12345678", "om middernacht", {"good_time": "Kies wanneer wij u kunnen bellen."}),
    ],
)
def test_an_empty_field_says_what_to_do_and_a_wrong_one_what_is_wrong(
    session, leusden, phone: str, good_time: str, problems: dict
) -> None:
    from mantelzorg_app.services.help import callbacks
    from tests.unit.auth_fixtures import NOW

    with pytest.raises(callbacks.Invalid) as invalid:
        callbacks.ask(session, leusden.id, phone, good_time, "", NOW, "192.0.2.10")
    assert invalid.value.problems == problems
