"""The volunteer's list end to end: `volunteering.fits` over 10,000 open requests in the database.

`python -m tests.bench.help_lists` loads the demo hubs into a throw-away SQLite file, adds N open
requests to Leusden with a fixed seed, and times what the "Helpen" page does on load for the demo
volunteer Carla: read the rows, build the matching values, rank, explain. It also times the
coordinator's list of waiting requests (each ranked against every volunteer profile) with 1,000 of
them stale. Prints the median and the 95th percentile, one line per case, like tests.bench.matching;
it asserts no thresholds.
"""

import random
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, SQLModel, create_engine, select

import mantelzorg_app.models  # noqa: F401  registers every table
from mantelzorg_app.models import HelpRequest, Hub, Membership, Person, Role, Wijk
from mantelzorg_app.services.demo import load_demo
from mantelzorg_app.services.help import coordination, volunteering
from mantelzorg_app.services.help.vocabulary import CATEGORY_VALUES, DAY_VALUES, DAYPART_VALUES
from mantelzorg_app.services.identity.authz import Actor
from tests.bench.matching import NOW, SEED, timed

N = 10_000
STALE = 1_000
REPEAT = 20


def _fill(session: Session, rng: random.Random) -> tuple[Actor, Actor]:
    hub = session.exec(select(Hub).where(Hub.slug == "leusden")).one()
    wijken = session.exec(select(Wijk.id).where(Wijk.hub_id == hub.id)).all()
    anna = session.exec(select(Person).where(Person.first_name == "Anna")).one()
    for i in range(N):
        session.add(
            HelpRequest(
                hub_id=hub.id,
                caregiver_id=anna.id,
                category=rng.choice(CATEGORY_VALUES),
                text="Wie kan helpen?",
                wijk_id=rng.choice(wijken),
                days=" ".join(rng.sample(DAY_VALUES, rng.randint(0, 3))),
                dayparts=" ".join(rng.sample(DAYPART_VALUES, rng.randint(0, 2))),
                home_visit=rng.random() < 0.3,
                created_at=NOW - timedelta(days=4 if i < STALE else 0, minutes=rng.randint(0, 60 * 24)),
            )
        )
    session.commit()

    def actor(first_name: str, role: Role) -> Actor:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        roles = session.exec(
            select(Membership.role).where(Membership.person_id == person.id, Membership.hub_id == hub.id)
        ).all()
        assert role in roles
        return Actor(person.id, first_name, hub.id, frozenset(Role(r) for r in roles))

    return actor("Carla", Role.volunteer), actor("Gerrit", Role.coordinator)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            load_demo(session)
            carla, gerrit = _fill(session, random.Random(SEED))
            shown = len(volunteering.fits(session, carla, NOW))
            waiting = len(coordination.waiting(session, gerrit, NOW))
            cases = {
                f"helpen-page-list n={N}": lambda: volunteering.fits(session, carla, NOW),
                f"coordinator-waiting-list n={STALE}": lambda: coordination.waiting(session, gerrit, NOW),
            }
            for name, run in cases.items():
                p50, p95 = timed(run, REPEAT)
                print(f"help {name}: p50 {p50:.1f} ms p95 {p95:.1f} ms")
        print(f"(Carla's list shows {shown} of the best fits; {waiting} requests wait for the coordinator)")
        engine.dispose()


if __name__ == "__main__":
    main()
