"""Matching speed: one volunteer over 10,000 open requests, and one request over 10,000 volunteers.

`python -m tests.bench.matching` builds both lists with a fixed seed (one hub, the Leusden wijken and
postcodes, a realistic spread of categories, times, languages and home visits), then times the full
ranking with its explanations (``limit=None``, the worst case) REPEAT times each with
``time.perf_counter_ns`` after a warm-up, and prints the median and the 95th percentile, one line per
case, then how many matched. Building the values (done once when the rows are loaded) is not timed.
It prints; it asserts no thresholds.
"""

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from mantelzorg_app.services.help.matching import (
    Request,
    Volunteer,
    requests_for,
    volunteers_for,
)
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES

N = 10_000
REPEAT = 200
WARM_UP = 10
SEED = 20261123
HUB = 1
NOW = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # a Monday afternoon
WIJKEN = {
    "Centrum": ("3831",),
    "Zuid": ("3832", "3833"),
    "Hamersveld": ("3833",),
    "Rozendaal": ("3831",),
    "Groenhouten": ("3832",),
    "Tabaksteeg": ("3832",),
    "Achterveld": ("3791",),
    "Stoutenburg": ("3835",),
}
# Most name no language (Dutch); some name Turkish, Arabic or English.
LANGUAGES = [frozenset()] * 14 + [frozenset(codes) for codes in ({"nl"}, {"tr", "nl"}, {"ar"}, {"en"})]


def _some(rng: random.Random, choices: tuple[str, ...], most: int) -> frozenset[str]:
    return frozenset(rng.sample(choices, rng.randint(1, most)))


def _postcode(rng: random.Random, wijk: str) -> str:
    return f"{rng.choice(WIJKEN[wijk])} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}"


def make_requests(rng: random.Random) -> list[Request]:
    requests = []
    for i in range(1, N + 1):
        wijk = rng.choice(list(WIJKEN))
        requests.append(
            Request(
                id=i,
                hub_id=HUB,
                category=rng.choice(CATEGORY_VALUES),
                wijk=wijk,
                postcode=_postcode(rng, wijk) if rng.random() < 0.8 else None,
                days=_some(rng, DAY_VALUES, 3) if rng.random() < 0.9 else frozenset(),
                dayparts=_some(rng, DAYPART_VALUES, 2) if rng.random() < 0.9 else frozenset(),
                languages=rng.choice(LANGUAGES),
                home_visit=rng.random() < 0.3,
                open=True,
                created_at=NOW - timedelta(minutes=rng.randint(0, 60 * 24 * 30)),
            )
        )
    return requests


def make_volunteers(rng: random.Random) -> list[Volunteer]:
    volunteers = []
    for i in range(1, N + 1):
        home = rng.choice(list(WIJKEN))
        volunteers.append(
            Volunteer(
                id=i,
                hub_id=HUB,
                categories=_some(rng, CATEGORY_VALUES, 4),
                wijken=frozenset({home, *rng.sample(list(WIJKEN), rng.randint(0, 2))}),
                postcode=_postcode(rng, home) if rng.random() < 0.7 else None,
                max_km=rng.choice([None, 2.0, 5.0, 10.0]),
                days=_some(rng, DAY_VALUES, 4),
                dayparts=_some(rng, DAYPART_VALUES, 3),
                languages=rng.choice(LANGUAGES),
                vetted=rng.random() < 0.5,
            )
        )
    return volunteers


def timed(run: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    """Median and 95th percentile in ms of ``repeat`` runs, after WARM_UP untimed ones."""
    for _ in range(WARM_UP):
        run()
    runs_ms = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        run()
        runs_ms.append((time.perf_counter_ns() - start) / 1e6)
    return statistics.median(runs_ms), statistics.quantiles(runs_ms, n=100)[94]


def main() -> None:
    rng = random.Random(SEED)
    requests, volunteers = make_requests(rng), make_volunteers(rng)
    volunteer = Volunteer(
        id=0,
        hub_id=HUB,
        categories=frozenset({"boodschappen", "vervoer", "gezelschap"}),
        wijken=frozenset({"Centrum", "Rozendaal"}),
        postcode="3831 AB",
        max_km=5.0,
        days=frozenset({"maandag", "dinsdag", "donderdag"}),
        dayparts=frozenset({"ochtend", "middag"}),
        languages=frozenset({"nl", "tr"}),
        vetted=True,
    )
    request = Request(
        id=0,
        hub_id=HUB,
        category="boodschappen",
        wijk="Centrum",
        postcode="3831 CD",
        days=frozenset({"dinsdag"}),
        dayparts=frozenset({"middag"}),
        languages=frozenset(),
        home_visit=True,
        open=True,
        created_at=NOW - timedelta(days=3),
    )
    cases = {
        "requests-for-volunteer": lambda: requests_for(volunteer, requests, NOW),
        "volunteers-for-request": lambda: volunteers_for(request, volunteers, NOW),
    }
    for name, run in cases.items():
        p50, p95 = timed(run)
        print(f"matching {name} n={N}: p50 {p50:.1f} ms p95 {p95:.1f} ms")
    print(
        f"matching found: {len(cases['requests-for-volunteer']())} of {N} requests for the volunteer,",
        f"{len(cases['volunteers-for-request']())} of {N} volunteers for the request",
    )


if __name__ == "__main__":
    main()
