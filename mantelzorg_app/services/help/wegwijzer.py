"""The Wegwijzer: the guided questions a caregiver answers, one per screen, and what they add up to.

The questions are data. A coordinator who wants other words changes the texts here (and the catalogue),
not a page. Each text is a whole Dutch sentence marked with ``N_``; the page translates it.

Answers are a plain mapping from question key to a value: a string for a "one" question, a list of
strings for a "many" question, and a place string (see ``place_for_wijk`` and ``place_for_postcode``)
for the "place" question. They come from the visitor, so every function here validates them first
and never trusts them. (They tell about health and family: keep them on the server, never in
LocalStorage or a URL.)

A "nee" on the first question ("Zorgt u voor iemand?") ends the questions kindly: every other
question depends on it, so the next screen is the result page, which can thank the person and point
to volunteering or to someone they know who cares for another. "Dat weet ik niet" goes on with all
questions: people who do not see themselves as a caregiver are the ones the next questions help.
Answers of questions that are skipped are kept, so changing "nee" back to "ja" brings them back;
they only stop counting.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from mantelzorg_app.models import Band
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAYPARTS, DAYS, HELP_CATEGORIES, Choice
from mantelzorg_app.services.platform import places
from mantelzorg_app.services.platform.i18n import N_

Kind = Literal["one", "many", "place"]
Answers = Mapping[str, object]


@dataclass(frozen=True)
class Question:
    key: str
    text: str  # N_-marked Dutch question
    kind: Kind
    choices: tuple[Choice, ...] = ()
    help: str = ""  # N_-marked one-line explanation under the question, or ""
    # Skipped when the question ``key`` (an earlier one) is skipped, or answered with none of ``values``.
    show_if: tuple[str, tuple[str, ...]] | None = None


# The one scale of the self-check: how often something happens, with a face for each answer.
SCALE: tuple[Choice, ...] = (
    Choice("nooit", N_("Nooit"), "smile"),
    Choice("soms", N_("Soms"), "meh"),
    Choice("vaak", N_("Vaak"), "frown"),
)

_CARES = ("zorgt", ("ja", "weet_niet"))
_WANTS_HELP = ("hulp", CATEGORY_VALUES)
_MORE_THAN_ONE = N_("U mag meer dan één kiezen.")


def _self_check(key: str, text: str, help: str = "") -> Question:
    return Question(key, text, "one", SCALE, help=help, show_if=_CARES)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "zorgt",
        N_("Zorgt u voor iemand?"),
        "one",
        (
            Choice("ja", N_("Ja"), "check"),
            Choice("nee", N_("Nee"), "x"),
            Choice("weet_niet", N_("Dat weet ik niet"), "circle-help"),
        ),
        help=N_("Bijvoorbeeld voor uw moeder, uw partner of een buur die ziek is."),
    ),
    Question(
        "voor_wie",
        N_("Voor wie zorgt u?"),
        "many",
        (
            Choice("partner", N_("Mijn partner"), "heart"),
            Choice("ouder", N_("Mijn vader of moeder"), "user"),
            Choice("kind", N_("Mijn kind"), "baby"),
            Choice("familie", N_("Een ander familielid"), "users"),
            Choice("buur", N_("Een buur of vriend"), "handshake"),
        ),
        help=_MORE_THAN_ONE,
        show_if=_CARES,
    ),
    Question(
        "uren",
        N_("Hoeveel uur per week zorgt u?"),
        "one",
        (
            Choice("lt4", N_("Minder dan 4 uur"), "clock-1"),
            Choice("4-8", N_("4 tot 8 uur"), "clock-3"),
            Choice("8-20", N_("8 tot 20 uur"), "clock-6"),
            Choice("20-40", N_("20 tot 40 uur"), "clock-9"),
            Choice("gt40", N_("Meer dan 40 uur"), "clock-12"),
        ),
        help=N_("Tel alles mee, ook regelen en rijden."),
        show_if=_CARES,
    ),
    Question(
        "duur",
        N_("Hoe lang zorgt u al?"),
        "one",
        (
            Choice("lt3m", N_("Korter dan 3 maanden"), "calendar"),
            Choice("3m-1j", N_("3 maanden tot 1 jaar"), "calendar-days"),
            Choice("1-5j", N_("1 tot 5 jaar"), "calendar-range"),
            Choice("gt5j", N_("Langer dan 5 jaar"), "hourglass"),
        ),
        show_if=_CARES,
    ),
    _self_check(
        "moe", N_("Hoe vaak bent u moe door de zorg?"), N_("Nu een paar vragen over hoe het met u gaat.")
    ),
    _self_check("tijd", N_("Hoe vaak heeft u te weinig tijd voor uzelf?")),
    _self_check("combineren", N_("Hoe vaak is de zorg lastig te combineren met werk of gezin?")),
    _self_check("alleen", N_("Hoe vaak voelt u zich alleen met de zorg?")),
    _self_check("somber", N_("Hoe vaak voelt u zich somber of verdrietig?")),
    _self_check("op", N_("Hoe vaak denkt u: ik kan het niet meer aan?")),
    Question(
        "hulp", N_("Welke hulp zou fijn zijn?"), "many", HELP_CATEGORIES, help=_MORE_THAN_ONE, show_if=_CARES
    ),
    Question(
        "dagen",
        N_("Op welke dagen komt hulp goed uit?"),
        "many",
        DAYS,
        help=_MORE_THAN_ONE,
        show_if=_WANTS_HELP,
    ),
    Question(
        "dagdelen",
        N_("Op welk moment van de dag komt hulp goed uit?"),
        "many",
        DAYPARTS,
        help=_MORE_THAN_ONE,
        show_if=_WANTS_HELP,
    ),
    Question(
        "plek",
        N_("Waar woont u?"),
        "place",
        help=N_("Kies uw wijk of dorp, of typ uw postcode."),
        show_if=_CARES,
    ),
)
BY_KEY: dict[str, Question] = {question.key: question for question in QUESTIONS}
FOR_WHOM_VALUES = tuple(choice.value for choice in BY_KEY["voor_wie"].choices)  # partner, ouder, ...


# The rules of score(), in one place; the docstring of score() says them in words.
SELF_CHECK = ("moe", "tijd", "combineren", "alleen", "somber", "op")
POINTS = {"nooit": 0, "soms": 1, "vaak": 2}
LIGHT_MAX = 3  # total points up to here: light
MODERATE_MAX = 7  # up to here: moderate; above: heavy
ALARM = ("op", "somber")  # "vaak" on one of these is heavy, whatever the total
HEAVY_HOURS = ("gt40",)


def score(answers: Answers) -> Band | None:
    """How heavy the care feels: light, moderate or heavy; None while the self-check is not complete.

    The rules:
    - Each of the six self-check questions gives points: "Nooit" 0, "Soms" 1, "Vaak" 2 (0 to 12 in all).
    - 0 to 3 points is light, 4 to 7 is moderate, 8 or more is heavy.
    - "Vaak" on "Ik kan het niet meer aan" or on "somber of verdrietig" is always heavy.
    - Caring more than 40 hours a week is always heavy.
    - These two overrides count only once all six are answered; until then there is no band.
    - Only answers of questions that are shown count: after "nee" on the first question there is no band.
    """
    return _score(_shown(answers))


def _score(clean: Mapping[str, str | list[str]]) -> Band | None:
    """score() of answers already cleaned, of shown questions only."""
    points = [POINTS[value] for key in SELF_CHECK if isinstance(value := clean.get(key), str)]
    if len(points) < len(SELF_CHECK):
        return None
    if any(clean.get(key) == "vaak" for key in ALARM) or clean.get("uren") in HEAVY_HOURS:
        return Band.heavy
    total = sum(points)
    if total <= LIGHT_MAX:
        return Band.light
    if total <= MODERATE_MAX:
        return Band.moderate
    return Band.heavy


# --- Places: a wijk of the hub or a postcode ---------------------------------------------------------

_WIJK = re.compile(r"wijk:([1-9][0-9]{0,8})")
_PLACE_MAX = 40


def place_for_wijk(wijk_id: int) -> str:
    """The answer to the place question when the caregiver picks one of the hub's wijken."""
    return f"wijk:{wijk_id}"


def place_for_postcode(typed: str) -> str | None:
    """The answer for a typed postcode (places.normalise); None when it is none."""
    postcode = places.normalise(typed)
    return f"postcode:{postcode}" if postcode else None


def postcode_of(place: str | None) -> str | None:
    """The postcode in a place answer ("postcode:3831 AB" gives "3831 AB"); None for a wijk or none."""
    return place.removeprefix("postcode:") if place and place.startswith("postcode:") else None


def _place(value: str, wijk_ids: Collection[int] | None) -> str | None:
    if len(value) > _PLACE_MAX:
        return None
    if match := _WIJK.fullmatch(value):
        wijk_id = int(match.group(1))
        return place_for_wijk(wijk_id) if wijk_ids is None or wijk_id in wijk_ids else None
    if value.startswith("postcode:"):
        return place_for_postcode(value.removeprefix("postcode:"))
    return None


# --- Answers -----------------------------------------------------------------------------------------

_MANY_MAX = 50  # a longer list than this is forged, not chosen


def _clean(question: Question, value: object, wijk_ids: Collection[int] | None) -> str | list[str] | None:
    known = [choice.value for choice in question.choices]
    if question.kind == "one":
        return value if isinstance(value, str) and value in known else None
    if question.kind == "many":
        if not isinstance(value, list | tuple) or len(value) > _MANY_MAX:
            return None
        picked = {item for item in value if isinstance(item, str)}
        return [v for v in known if v in picked]  # in the order of the choices, each once
    return _place(value, wijk_ids) if isinstance(value, str) else None


def validate(answers: Answers, wijk_ids: Collection[int] | None = None) -> dict[str, str | list[str]]:
    """The answers that make sense, cleaned; everything else is dropped without a word.

    Unknown keys go. A "one" answer is exactly one known value (not a list). A "many" answer is a
    list of known values in the order of the choices; an empty list is an answer too ("nothing of
    these"), unknown values in it are dropped. A place is a wijk in ``wijk_ids`` (when given; the
    caller knows the hub's wijken) or a postcode. Answers of skipped questions are kept.
    """
    if not isinstance(answers, Mapping):
        return {}
    clean: dict[str, str | list[str]] = {}
    for question in QUESTIONS:
        if question.key in answers:
            value = _clean(question, answers[question.key], wijk_ids)
            if value is not None:
                clean[question.key] = value
    return clean


def _visible(clean: Mapping[str, str | list[str]]) -> list[Question]:
    shown: list[Question] = []
    keys: set[str] = set()
    for question in QUESTIONS:
        if question.show_if is not None:
            key, values = question.show_if
            if key not in keys:
                continue
            answer = clean.get(key)
            given = [answer] if isinstance(answer, str) else answer
            if given is not None and not any(value in values for value in given):
                continue
        shown.append(question)
        keys.add(question.key)
    return shown


def _shown(answers: Answers) -> dict[str, str | list[str]]:
    """The valid answers of the questions that are shown."""
    clean = validate(answers)
    keys = {question.key for question in _visible(clean)}
    return {key: value for key, value in clean.items() if key in keys}


def shown(answers: Answers) -> dict[str, str | list[str]]:
    """The valid answers of the questions that are shown: the ones that count."""
    return _shown(answers)


def reachable(key: str | None, answers: Answers) -> bool:
    """Whether the walk may open ``key`` (None: the result) now, as the browser's Back and Forward
    ask: a shown question whose shown questions before it all have an answer; the result when
    every shown question has one."""
    clean = validate(answers)
    keys = [question.key for question in _visible(clean)]
    if key is not None and key not in keys:
        return False
    before = keys if key is None else keys[: keys.index(key)]
    return all(k in clean for k in before)


def visible(answers: Answers) -> list[Question]:
    """The questions to ask, in order, given the answers so far.

    A question with ``show_if`` is skipped when the question it depends on is skipped or is answered
    with none of the listed values. Not answered yet counts as shown, so the count does not jump
    before the caregiver has said anything.
    """
    return _visible(validate(answers))


def question(key: str) -> Question:
    """The question with this key; KeyError for a key that is not one."""
    return BY_KEY[key]


def _index(key: str) -> int:
    if key not in BY_KEY:
        raise ValueError(f"no question {key!r}")
    return QUESTIONS.index(BY_KEY[key])


def progress(key: str, answers: Answers) -> tuple[int, int]:
    """(position, total) for "Vraag 2 van 8", counting only the questions that are shown.

    ValueError for a key that is not a question or is skipped: the page should not show it.
    """
    keys = [question.key for question in visible(answers)]
    if key not in keys:
        raise ValueError(f"question {key!r} is not shown")
    return keys.index(key) + 1, len(keys)


def next_key(key: str | None, answers: Answers) -> str | None:
    """The question after ``key`` that is shown; the first one for None; None after the last (the result)."""
    start = -1 if key is None else _index(key)
    shown = {question.key for question in visible(answers)}
    return next((q.key for q in QUESTIONS[start + 1 :] if q.key in shown), None)


def previous_key(key: str, answers: Answers) -> str | None:
    """The question before ``key`` that is shown; None on the first (the page's back link leaves)."""
    end = _index(key)
    shown = {question.key for question in visible(answers)}
    return next((q.key for q in reversed(QUESTIONS[:end]) if q.key in shown), None)


def resume_key(answers: Answers) -> str | None:
    """Where to go on after a reload: the first shown question without an answer; None when all are done."""
    clean = validate(answers)
    return next((q.key for q in _visible(clean) if q.key not in clean), None)


def summary(answers: Answers, wijk_ids: Collection[int] | None = None) -> dict:
    """What the answers add up to, for the result page and for turning them into a help request.

    Only answers of shown questions count. Lists are empty and single answers None when not given.
    ``place`` is the place answer as stored; ``wijk_id`` or ``postcode`` is that place taken apart.
    ``complete`` says every shown question has an answer.
    """
    clean = validate(answers, wijk_ids)
    return _summary(clean, _visible(clean))


def _summary(clean: Mapping[str, str | list[str]], shown: list[Question]) -> dict:
    given = {q.key: clean[q.key] for q in shown if q.key in clean}

    def one(key: str) -> str | None:
        value = given.get(key)
        return value if isinstance(value, str) else None

    def many(key: str) -> list[str]:
        value = given.get(key)
        return list(value) if isinstance(value, list) else []

    place = one("plek")
    wijk = _WIJK.fullmatch(place) if place else None
    return {
        "cares": one("zorgt"),
        "for_whom": many("voor_wie"),
        "hours": one("uren"),
        "duration": one("duur"),
        "band": _score(given),
        "categories": many("hulp"),
        "days": many("dagen"),
        "dayparts": many("dagdelen"),
        "place": place,
        "wijk_id": int(wijk.group(1)) if wijk else None,
        "postcode": postcode_of(place),
        "complete": all(q.key in given for q in shown),
    }


@dataclass(frozen=True)
class Screen:
    """One step worked out at once, for a tab: the cleaned answers, the question on screen (None:
    the result) with its place in the count and its answer so far, the summary, the questions shown
    and the one before this screen (the last on the result; None on the first question)."""

    answers: dict[str, str | list[str]]
    key: str | None
    position: int
    total: int
    chosen: list[str]
    summary: dict
    shown: tuple[str, ...]
    before: str | None


def screen(
    answers: Answers, wijk_ids: Collection[int] | None, key: str | None, *, after: bool = False
) -> Screen:
    """The screen for ``key`` (with ``after``: the question shown after it, the first for None), in
    one pass over the questions. A ``key`` that is not shown (None, the result, too) resumes at the
    first shown question without an answer, or the result when all have one, as ``resume_key`` does."""
    clean = validate(answers, wijk_ids)
    shown = _visible(clean)
    keys = [q.key for q in shown]
    if after:
        start = -1 if key is None else _index(key)
        key = next((q.key for q in QUESTIONS[start + 1 :] if q.key in keys), None)
    elif key not in keys:
        key = next((k for k in keys if k not in clean), None)
    answer = clean.get(key) if key is not None else None
    place = keys.index(key) if key is not None else len(keys)
    return Screen(
        answers=clean,
        key=key,
        position=keys.index(key) + 1 if key is not None else 0,
        total=len(keys) if key is not None else 0,
        chosen=[answer] if isinstance(answer, str) else list(answer or []),
        summary=_summary(clean, shown),
        shown=tuple(keys),
        before=keys[place - 1] if place > 0 else None,
    )
