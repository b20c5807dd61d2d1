"""Agenda speed: the Agenda tab's dates, the hub's iCalendar feed, and sign-ups, by hub size.

`python -m tests.bench.calendar` fills a throw-away SQLite file with a hub of 10, 100 and 500
activities (a fixed seed: a third monthly, a third every 14 days, a third one date; some with a
cancelled and a moved date), then times, REPEAT times after a warm-up:
- ``dated``: every date of the next 370 days, as the Agenda tab asks (services.calendar.activities);
- ``feed``: the hub's feed as bytes (services.calendar.ics), what a phone's calendar fetches;
- ``sign-up``: one sign-up and its commit, by different people for one date of a café of 20 places
  (the first 20 booked, then the waiting list), then a cancellation that moves one up.
It prints the median and the 95th percentile per case, one line per size; it asserts nothing.
"""

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel, create_engine

import mantelzorg_app.models  # noqa: F401  registers every table
from mantelzorg_app.models import Activity, ActivityChange, ActivityKind, Hub, Membership, Person, Role
from mantelzorg_app.services.calendar import activities, bookings, ics
from mantelzorg_app.services.identity.authz import Actor

SIZES = (10, 100, 500)
REPEAT = 20
WARM_UP = 2
SEED = 14
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
RULES = ("FREQ=MONTHLY;BYDAY=1TU", "FREQ=WEEKLY;INTERVAL=2;COUNT=7", "")
SIGN_UPS = 40


def _fill(session: Session, size: int) -> Hub:
    rng = random.Random(SEED)
    hub = Hub(
        slug=f"bench{size}", name="Bench", country="NL", timezone="Europe/Amsterdam", speech_locale="nl-NL"
    )
    session.add(hub)
    session.flush()
    for n in range(size):
        rule = RULES[n % 3]
        start = NOW + timedelta(days=rng.randint(-60, 60), hours=rng.randint(8, 19) - 9)
        activity = Activity(
            hub_id=hub.id,
            kind=rng.choice(list(ActivityKind)),
            title=f"Activiteit {n}",
            summary="Samen koffie drinken en praten over de zorg.",
            place="Wijkcentrum",
            address="Hamersveldseweg 55, 3833 GP Leusden",
            starts_at=start,
            rrule=rule,
            capacity=20,
        )
        session.add(activity)
        session.flush()
        if rule and n % 5 == 0:
            session.add(ActivityChange(activity_id=activity.id, occurrence=start, cancelled=True))
    session.commit()
    return hub


def _timed(case: Callable[[], object]) -> list[float]:
    for _ in range(WARM_UP):
        case()
    found = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        case()
        found.append((time.perf_counter() - began) * 1000)
    return found


def _line(name: str, size: int, ms: list[float]) -> str:
    p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) > 1 else ms[0]
    return f"{name:8} {size:4} activities  median {statistics.median(ms):8.2f} ms  p95 {p95:8.2f} ms"


def _sign_ups(session: Session, hub: Hub) -> list[float]:
    cafe = Activity(
        hub_id=hub.id, kind=ActivityKind.cafe, title="Café", starts_at=NOW + timedelta(days=7), capacity=20
    )
    session.add(cafe)
    people = [Person(first_name=f"p{n}") for n in range(SIGN_UPS)]
    session.add_all(people)
    session.flush()
    session.add_all(Membership(person_id=p.id, hub_id=hub.id, role=Role.caregiver) for p in people)
    session.commit()
    found, first = [], None
    for person in people:
        actor = Actor(person.id, person.first_name, hub.id, frozenset({Role.caregiver}))
        began = time.perf_counter()
        outcome = bookings.sign_up(session, actor, cafe.id, cafe.starts_at, NOW)
        session.commit()
        found.append((time.perf_counter() - began) * 1000)
        first = first or outcome.booking
    began = time.perf_counter()
    bookings.cancel(session, first, NOW)
    session.commit()
    found.append((time.perf_counter() - began) * 1000)
    return found


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        print(f"agenda on SQLite: {REPEAT} runs after {WARM_UP} warm-up, the next 370 days")
        for size in SIZES:
            with Session(engine) as session:
                hub = _fill(session, size)
                dated = _timed(lambda: activities.dated(session, hub, NOW, NOW + activities.AHEAD))  # noqa: B023
                feed = _timed(lambda: ics.hub_feed(session, hub, "https://example.org", NOW).build())  # noqa: B023
                print(_line("dated", size, dated))
                print(_line("feed", size, feed))
                print(_line("sign-up", size, _sign_ups(session, hub)))


if __name__ == "__main__":
    main()
