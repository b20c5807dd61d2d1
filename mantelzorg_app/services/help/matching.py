"""Matching help requests and volunteers: who fits, best first, and why in plain words.

Plain Python on plain data: the callers load rows (one hub's, filtered in SQL) and pass `Request` and
`Volunteer` values; nothing here touches the database or Reflex, so every rule is tested in
milliseconds and 10,000 candidates rank in a few milliseconds (``python -m tests.bench.matching``).

Hard rules, a match is impossible when:

1. the two belong to different hubs;
2. the request is not open;
3. the request needs a home visit and the volunteer is not vetted (VOG checked by the coordinator);
4. the request's category is not one of the volunteer's;
5. they share no language. An empty language set means Dutch (``{"nl"}``): every hub is Dutch
   speaking, and someone who names no language has not asked for another one. A caregiver who names
   only Turkish is therefore not matched with a volunteer who named nothing;
6. the place does not fit: the request's wijk is one of the volunteer's wijken, OR both have a
   postcode and the distance between the two postcode areas is at most the volunteer's ``max_km``.
   A volunteer with no wijken and no distance set gets nothing: "anywhere" is all wijken ticked.

Distance works on 4-digit postcode areas (`places.area`: NL "3831 AB" and BE "8970" alike), never
on addresses, so nobody's address is needed. `CENTROIDS` holds one approximate point per area for the
demo towns only, rounded to about a kilometre (village centres from their encyclopaedia entries; an
area spanning several villages gets its middle one). For any other pair of areas the estimate is
honest and rough: the same area is 0 km, the same first three digits (383x, 897x) is taken as
`SAME_PREFIX_KM`, and anything else is unknown, which is never "near" (wijken still match). Areas are
numbers without a country; that is safe because matching never crosses a hub, and a hub lies in one
country.

Soft score, higher first (weights are the constants below; ties go to the lower id):

- time: at least one shared day x daypart slot (`WEIGHT_TIME`), plus a little for each further shared
  slot, capped (`WEIGHT_TIME_EXTRA_SLOT`, `TIME_EXTRA_SLOTS_CAP`). An empty ``days`` set means every
  day and an empty ``dayparts`` set every daypart ("when it suits"). No shared slot is allowed: the
  match is shown "at another time" and ranks below those that fit;
- place: the request's wijk is one of the volunteer's (`WEIGHT_WIJK`), else near by distance
  (`WEIGHT_NEAR` less `WEIGHT_PER_KM` a km, never below 0), so a wijk match beats a distance one;
- language: both speak a language other than Dutch that the request names (`WEIGHT_LANGUAGE`);
- waiting: older requests first, `WEIGHT_WAITING_PER_DAY` a day, up to `WAITING_CAP_DAYS`.

Each `Match` carries its reasons as catalogue message ids with named values, whole sentences and no
glued fragments ("dinsdagmiddag, in Centrum" is ``"{when}, in {wijk}"`` with the catalogue word
"dinsdagmiddag"). More shared moments name the next one too: "ook donderdagmiddag", never a vague
"at other times" alone. `explain` renders them with any gettext function.
"""

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES
from mantelzorg_app.services.platform import places
from mantelzorg_app.services.platform.i18n import N_

DUTCH = "nl"
DEFAULT_LANGUAGES = frozenset({DUTCH})

WEIGHT_TIME = 40.0  # at least one day x daypart slot both can do
WEIGHT_TIME_EXTRA_SLOT = 2.0  # each further shared slot: more chances to agree on a moment
TIME_EXTRA_SLOTS_CAP = 5
WEIGHT_WIJK = 30.0  # the request's wijk is one of the volunteer's
WEIGHT_NEAR = 20.0  # only near by distance; less WEIGHT_PER_KM a km, never below 0
WEIGHT_PER_KM = 1.0
WEIGHT_LANGUAGE = 10.0  # they share a language other than Dutch that the request names
WEIGHT_WAITING_PER_DAY = 2.0  # older requests first ...
WAITING_CAP_DAYS = 14.0  # ... up to two weeks, so an old request does not bury everything else

SAME_PREFIX_KM = 5.0  # the guess for two different areas with the same first three digits
WAITING_FEW_DAYS = 2.0  # "has been waiting a few days" from this many days on
WAITING_WEEK = 7.0  # "has been waiting more than a week" from this many days on
MIDDAG_FROM_HOUR = 12  # when the next shared slot is looked for, the daypart of `now`
AVOND_FROM_HOUR = 18

# Approximate centres (latitude, longitude) of the demo towns' postcode areas, to about a km. Within
# the town of Leusden (3830-3833) the areas lie closer together than that. 3834 is not known as an
# area here; like any area missing from the table it falls back to the first-three-digits guess.
CENTROIDS: dict[int, tuple[float, float]] = {
    3830: (52.13, 5.43),  # Leusden, post office boxes: the town centre
    3831: (52.13, 5.43),  # Leusden
    3832: (52.12, 5.41),  # Leusden-Zuid
    3833: (52.13, 5.44),  # Leusden
    3835: (52.15, 5.45),  # Stoutenburg, north of Leusden
    3791: (52.14, 5.50),  # Achterveld
    8970: (50.86, 2.73),  # Poperinge (Reningelst shares the code)
    8972: (50.89, 2.65),  # between Proven, Krombeke and Roesbrugge-Haringe
    8978: (50.86, 2.62),  # Watou
}

# One catalogue word per day x daypart: languages do not all glue a day and a daypart together.
SLOT_WORDS: tuple[str, ...] = (
    N_("maandagochtend"),
    N_("maandagmiddag"),
    N_("maandagavond"),
    N_("dinsdagochtend"),
    N_("dinsdagmiddag"),
    N_("dinsdagavond"),
    N_("woensdagochtend"),
    N_("woensdagmiddag"),
    N_("woensdagavond"),
    N_("donderdagochtend"),
    N_("donderdagmiddag"),
    N_("donderdagavond"),
    N_("vrijdagochtend"),
    N_("vrijdagmiddag"),
    N_("vrijdagavond"),
    N_("zaterdagochtend"),
    N_("zaterdagmiddag"),
    N_("zaterdagavond"),
    N_("zondagochtend"),
    N_("zondagmiddag"),
    N_("zondagavond"),
)  # index: day * 3 + daypart
WHEN_TO_AGREE = N_("tijd in overleg")  # both can do any moment
WHEN_OTHER = N_("op een ander moment")  # no shared slot

PLACE_WIJK = N_("{when}, in {wijk}")
PLACE_WIJK_KM = N_("{when}, in {wijk}, op ongeveer {km} km")
PLACE_WIJK_NEARBY = N_("{when}, in {wijk}, in de buurt")
PLACE_KM = N_("{when}, op ongeveer {km} km")
PLACE_NEARBY = N_("{when}, in de buurt")
ALSO_MOMENT = N_("ook {when}")  # the second shared moment, when there are two: "ook donderdagmiddag"
MORE_MOMENTS = N_("ook {when} en op andere momenten")  # the second of three or more
IN_LANGUAGE = N_("in het {language}")
WAITING_DAYS = N_("wacht al een paar dagen")
WAITING_LONG = N_("wacht al meer dan een week")

LANGUAGE_NAMES: dict[str, str] = {
    "en": N_("Engels"),
    "fr": N_("Frans"),
    "de": N_("Duits"),
    "tr": N_("Turks"),
    "ar": N_("Arabisch"),
    "pl": N_("Pools"),
    "uk": N_("Oekraïens"),
    "es": N_("Spaans"),
}

_DAY_BITS = {day: 0b111 << (3 * i) for i, day in enumerate(DAY_VALUES)}
_DAYPART_BITS = {
    part: sum(1 << (3 * d + p) for d in range(len(DAY_VALUES))) for p, part in enumerate(DAYPART_VALUES)
}
ALL_SLOTS = (1 << (len(DAY_VALUES) * len(DAYPART_VALUES))) - 1
_SLOT_COUNT = len(DAY_VALUES) * len(DAYPART_VALUES)
_TIME_SCORE = tuple(
    0.0 if n == 0 else WEIGHT_TIME + WEIGHT_TIME_EXTRA_SLOT * min(n - 1, TIME_EXTRA_SLOTS_CAP)
    for n in range(_SLOT_COUNT + 1)
)  # by the number of shared slots
_WAITING_PER_SECOND = WEIGHT_WAITING_PER_DAY / 86400.0
_WAITING_CAP_SECONDS = WAITING_CAP_DAYS * 86400.0
_WAITING_FEW_SECONDS = WAITING_FEW_DAYS * 86400.0
_WAITING_WEEK_SECONDS = WAITING_WEEK * 86400.0
_RANK = itemgetter(0, 1)  # (-score, id)
_NO_KM = -1.0  # placed by wijk, not by distance


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence of an explanation: a catalogue message id and its named values.

    ``values`` are shown as they are (place names, numbers); ``terms`` are catalogue ids themselves
    ("dinsdagmiddag", "Turks") and are translated before they go into the sentence. Read-only.
    """

    message: str
    values: Mapping[str, str] = field(default_factory=dict)
    terms: Mapping[str, str] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str]) -> str:
        values = {**self.values, **{name: gettext(msgid) for name, msgid in self.terms.items()}}
        return gettext(self.message).format(**values)


class Match(NamedTuple):
    """One request for a volunteer, or one volunteer for a request (a named tuple: quick to make)."""

    id: object  # the request's or the volunteer's id
    score: float
    reasons: tuple[Reason, ...]


@lru_cache(maxsize=2048)  # 128 day sets x 8 daypart sets: every valid pair fits
def _slots(days: frozenset[str], dayparts: frozenset[str]) -> int:
    """The day x daypart slots as bits (day * 3 + daypart); an empty set means all of them."""
    day_bits = ALL_SLOTS
    if days:
        unknown = days - _DAY_BITS.keys()
        if unknown:
            raise ValueError(f"unknown days {sorted(unknown)}; expected some of {DAY_VALUES}")
        day_bits = sum(_DAY_BITS[day] for day in days)
    part_bits = ALL_SLOTS
    if dayparts:
        unknown = dayparts - _DAYPART_BITS.keys()
        if unknown:
            raise ValueError(f"unknown dayparts {sorted(unknown)}; expected some of {DAYPART_VALUES}")
        part_bits = sum(_DAYPART_BITS[part] for part in dayparts)
    return day_bits & part_bits


def slots(days: Iterable[str], dayparts: Iterable[str]) -> int:
    """The day x daypart slots as bits (slot = day * 3 + daypart); empty sets mean all of them."""
    return _slots(frozenset(days), frozenset(dayparts))


def _crow_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Straight-line km between two nearby points (equirectangular; exact enough within a region)."""
    mean_lat = math.radians((a[0] + b[0]) / 2)
    dx = math.radians(b[1] - a[1]) * math.cos(mean_lat)
    dy = math.radians(b[0] - a[0])
    return 6371.0 * math.hypot(dx, dy)


_TABLE_KM = {(a, b): _crow_km(pa, pb) for a, pa in CENTROIDS.items() for b, pb in CENTROIDS.items()}


def area_km(a: int, b: int) -> float | None:
    """Km between two postcode areas: from `CENTROIDS`, else 0 for the same area, else
    `SAME_PREFIX_KM` for the same first three digits, else None (unknown: never near)."""
    km = _TABLE_KM.get((a, b))
    if km is not None:
        return km
    if a == b:
        return 0.0
    if a // 10 == b // 10:
        return SAME_PREFIX_KM
    return None


def distance_km(a: str | None, b: str | None) -> float | None:
    """Km between two postcodes' areas, or None when either is missing or the distance unknown."""
    area_a, area_b = places.area(a), places.area(b)
    if area_a is None or area_b is None:
        return None
    return area_km(area_a, area_b)


_SHARED_SETS: dict[frozenset[str], frozenset[str]] = {}
_SHARED_SETS_MAX = 4096


def _shared(values: frozenset[str]) -> frozenset[str]:
    """One object for equal small sets: thousands of rows hold a few dozen distinct day, daypart and
    language sets, and fewer objects make ranking and the garbage collector's rounds cheaper."""
    found = _SHARED_SETS.get(values)
    if found is not None:
        return found
    if len(_SHARED_SETS) < _SHARED_SETS_MAX:
        _SHARED_SETS[values] = values
    return values


@dataclass(frozen=True, slots=True)
class Request:
    """An open or closed help request as the matching needs it. ``postcode`` is where help is needed."""

    id: object
    hub_id: int
    category: str
    wijk: str
    postcode: str | None
    days: frozenset[str]
    dayparts: frozenset[str]
    languages: frozenset[str]
    home_visit: bool
    open: bool
    created_at: datetime  # timezone aware, like `now`
    # Worked out once here, so ranking 10,000 of them does no parsing and no set building.
    _slots: int = field(init=False, repr=False, compare=False)
    _languages: frozenset[str] = field(init=False, repr=False, compare=False)
    _foreign: frozenset[str] = field(init=False, repr=False, compare=False)  # named, other than Dutch
    _area: int | None = field(init=False, repr=False, compare=False)
    _created: float = field(init=False, repr=False, compare=False)  # POSIX seconds

    def __post_init__(self) -> None:
        if self.category not in CATEGORY_VALUES:
            raise ValueError(f"unknown category {self.category!r}; expected one of {CATEGORY_VALUES}")
        for name in ("days", "dayparts", "languages"):
            object.__setattr__(self, name, _shared(frozenset(getattr(self, name))))
        object.__setattr__(self, "_slots", _slots(self.days, self.dayparts))
        object.__setattr__(self, "_languages", self.languages or DEFAULT_LANGUAGES)
        object.__setattr__(self, "_foreign", _shared(self.languages - DEFAULT_LANGUAGES))
        object.__setattr__(self, "_area", places.area(self.postcode))
        object.__setattr__(self, "_created", self.created_at.timestamp())


@dataclass(frozen=True, slots=True)
class Volunteer:
    """A volunteer's profile as the matching needs it. ``postcode`` is where they start from;
    ``max_km`` None means by wijken only."""

    id: object
    hub_id: int
    categories: frozenset[str]
    wijken: frozenset[str]
    postcode: str | None
    max_km: float | None
    days: frozenset[str]
    dayparts: frozenset[str]
    languages: frozenset[str]
    vetted: bool
    _slots: int = field(init=False, repr=False, compare=False)
    _languages: frozenset[str] = field(init=False, repr=False, compare=False)
    _area: int | None = field(init=False, repr=False, compare=False)
    _reach: float | None = field(init=False, repr=False, compare=False)  # max_km when it can apply

    def __post_init__(self) -> None:
        unknown = self.categories - set(CATEGORY_VALUES)
        if unknown:
            raise ValueError(f"unknown categories {sorted(unknown)}; expected some of {CATEGORY_VALUES}")
        for name in ("categories", "days", "dayparts", "languages"):
            object.__setattr__(self, name, _shared(frozenset(getattr(self, name))))
        object.__setattr__(self, "wijken", _shared(frozenset(self.wijken) - {""}))
        area = places.area(self.postcode)
        object.__setattr__(self, "_slots", _slots(self.days, self.dayparts))
        object.__setattr__(self, "_languages", self.languages or DEFAULT_LANGUAGES)
        object.__setattr__(self, "_area", area)
        object.__setattr__(self, "_reach", self.max_km if area is not None else None)


def requests_for(
    volunteer: Volunteer, requests: Iterable[Request], now: datetime, limit: int | None = None
) -> list[Match]:
    """The requests this volunteer may take, best first, at most ``limit`` of them."""
    v = volunteer
    hub, categories, wijken, vetted = v.hub_id, v.categories, v.wijken, v.vetted
    v_slots, v_languages, v_area, reach = v._slots, v._languages, v._area, v._reach
    now_ts = now.timestamp()
    time_score = _TIME_SCORE
    km_by_area: dict[int, float | None] = {}
    found = []
    append = found.append
    for r in requests:
        if r.hub_id != hub or not r.open or r.category not in categories or (r.home_visit and not vetted):
            continue
        if r._languages.isdisjoint(v_languages):
            continue
        if r.wijk in wijken:
            km = _NO_KM
            score = WEIGHT_WIJK
        else:
            area = r._area
            if reach is None or area is None:
                continue
            if area in km_by_area:
                km = km_by_area[area]
            else:
                km = km_by_area[area] = area_km(v_area, area)
            if km is None or km > reach:
                continue
            score = WEIGHT_NEAR - WEIGHT_PER_KM * km
            if score < 0.0:
                score = 0.0
        shared = r._slots & v_slots
        score += time_score[shared.bit_count()]
        waited = now_ts - r._created
        if waited > 0.0:
            score += (waited if waited < _WAITING_CAP_SECONDS else _WAITING_CAP_SECONDS) * _WAITING_PER_SECOND
        if r._foreign and not r._foreign.isdisjoint(v_languages):
            score += WEIGHT_LANGUAGE
        append((-score, r.id, r, shared, km))
    # Explanations repeat (a few wijken, times and languages): each is made once per call and shared.
    start = slot_of(now)
    explained: dict[tuple, tuple[Reason, ...]] = {}
    matches = []
    for neg_score, _id, r, shared, km in _best(found, limit):
        waited = now_ts - r._created
        level = 2 if waited >= _WAITING_WEEK_SECONDS else 1 if waited >= _WAITING_FEW_SECONDS else 0
        key = (r.wijk, shared, km, r._area, r._foreign, level)
        reasons = explained.get(key)
        if reasons is None:
            reasons = explained[key] = (
                _place_reason(r.wijk, shared, km, v_area, r._area, start),
                *_extra_reasons(shared, r._foreign, v_languages, start),
                *_WAITING_REASONS[level],
            )
        matches.append(Match(r.id, -neg_score, reasons))
    return matches


def volunteers_for(
    request: Request, volunteers: Iterable[Volunteer], now: datetime, limit: int | None = None
) -> list[Match]:
    """The volunteers who may take this request, best first, at most ``limit`` of them."""
    r = request
    if not r.open:
        return []
    hub, category, wijk, home_visit = r.hub_id, r.category, r.wijk, r.home_visit
    r_slots, r_languages, foreign, r_area = r._slots, r._languages, r._foreign, r._area
    waited = now.timestamp() - r._created  # the same for every volunteer; kept so scores compare
    waiting = min(max(waited, 0.0), _WAITING_CAP_SECONDS) * _WAITING_PER_SECOND
    time_score = _TIME_SCORE
    km_by_area: dict[int, float | None] = {}
    found = []
    append = found.append
    for v in volunteers:
        if v.hub_id != hub or category not in v.categories or (home_visit and not v.vetted):
            continue
        if r_languages.isdisjoint(v._languages):
            continue
        if wijk in v.wijken:
            km = _NO_KM
            score = WEIGHT_WIJK
        else:
            reach = v._reach
            if reach is None or r_area is None:
                continue
            area = v._area
            if area in km_by_area:
                km = km_by_area[area]
            else:
                km = km_by_area[area] = area_km(r_area, area)
            if km is None or km > reach:
                continue
            score = WEIGHT_NEAR - WEIGHT_PER_KM * km
            if score < 0.0:
                score = 0.0
        shared = r_slots & v._slots
        score += time_score[shared.bit_count()]
        score += waiting  # added in the same order as in requests_for: the same pair, the same score
        if foreign and not foreign.isdisjoint(v._languages):
            score += WEIGHT_LANGUAGE
        append((-score, v.id, v, shared, km))
    start = slot_of(now)
    explained: dict[tuple, tuple[Reason, ...]] = {}
    matches = []
    for neg_score, _id, v, shared, km in _best(found, limit):
        key = (shared, km, v._area, v._languages)
        reasons = explained.get(key)
        if reasons is None:
            reasons = explained[key] = (
                _place_reason(wijk, shared, km, v._area, r_area, start),
                *_extra_reasons(shared, foreign, v._languages, start),
            )
        matches.append(Match(v.id, -neg_score, reasons))
    return matches


def explain(match: Match, gettext: Callable[[str], str]) -> tuple[str, ...]:
    """The match's reasons as sentences in the language of ``gettext`` (a msgid -> text function,
    e.g. ``lambda msgid: i18n.gettext(lang, msgid)``)."""
    return tuple(reason.render(gettext) for reason in match.reasons)


def _best(found: list, limit: int | None) -> list:
    if limit is None:
        found.sort(key=_RANK)
        return found
    if limit <= 0:
        return []
    return heapq.nsmallest(limit, found, key=_RANK)


def slot_of(now: datetime) -> int:
    """The slot `now` falls in (pass `now` in the hub's time zone): where "the next moment" starts."""
    part = 0 if now.hour < MIDDAG_FROM_HOUR else 1 if now.hour < AVOND_FROM_HOUR else 2
    return now.weekday() * len(DAYPART_VALUES) + part


def next_slot(shared: int, start: int) -> int:
    """The first set slot of ``shared`` from slot ``start`` on, going round the week."""
    rotated = ((shared >> start) | (shared << (_SLOT_COUNT - start))) & ALL_SLOTS
    return ((rotated & -rotated).bit_length() - 1 + start) % _SLOT_COUNT


def _when(shared: int, start: int) -> str:
    if not shared:
        return WHEN_OTHER
    if shared == ALL_SLOTS:
        return WHEN_TO_AGREE
    return SLOT_WORDS[next_slot(shared, start)]


def _place_reason(
    wijk: str, shared: int, km: float, area_a: int | None, area_b: int | None, start: int
) -> Reason:
    when = {"when": _when(shared, start)}
    if km == _NO_KM:
        return Reason(PLACE_WIJK, {"wijk": wijk}, when)
    # A figure only when both areas are in the table; a guessed distance is just "nearby".
    shown = round(km) if area_a in CENTROIDS and area_b in CENTROIDS else 0
    if shown >= 1:
        return Reason(PLACE_WIJK_KM if wijk else PLACE_KM, {"wijk": wijk, "km": str(shown)}, when)
    return Reason(PLACE_WIJK_NEARBY if wijk else PLACE_NEARBY, {"wijk": wijk}, when)


_WAITING_DAYS_REASON = Reason(WAITING_DAYS)
_WAITING_LONG_REASON = Reason(WAITING_LONG)


def _also_reason(shared: int, start: int) -> Reason | None:
    """The moment after the one the place reason names, when they share more than one (not all)."""
    if not shared or shared == ALL_SLOTS or not shared & (shared - 1):
        return None
    first = next_slot(shared, start)
    rest = shared & ~(1 << first)
    second = next_slot(rest, first)
    message = ALSO_MOMENT if not rest & (rest - 1) else MORE_MOMENTS
    return Reason(message, terms={"when": SLOT_WORDS[second]})


def _extra_reasons(
    shared: int, foreign: frozenset[str], languages: frozenset[str], start: int
) -> list[Reason]:
    reasons = []
    also = _also_reason(shared, start)
    if also is not None:
        reasons.append(also)
    if foreign and not foreign.isdisjoint(languages):
        code = min(foreign & languages, key=lambda c: (c not in LANGUAGE_NAMES, c))
        name = LANGUAGE_NAMES.get(code)
        # A language without a catalogue name is shown by its code.
        reasons.append(
            Reason(IN_LANGUAGE, terms={"language": name}) if name else Reason(IN_LANGUAGE, {"language": code})
        )
    return reasons


_WAITING_REASONS: tuple[tuple[Reason, ...], ...] = ((), (_WAITING_DAYS_REASON,), (_WAITING_LONG_REASON,))
