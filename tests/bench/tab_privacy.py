"""What forgetting a person's tab costs: the owner check on every hub page load, and emptying a tab.

`python -m tests.bench.tab_privacy` runs the State handlers in-process (as tests/security does) on a
throw-away SQLite file with the demo hubs: `TabOwnerState.check` for a signed-in coordinator (one
session lookup per page load), and `empty_every_state` on a tab whose coordinator's page is loaded
(what signing out and a wipe do before the browser takes a new token). Prints the median and the
95th percentile, one line per case; it asserts no thresholds.
"""

import asyncio
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session, select

import mantelzorg_app.mantelzorg_app  # noqa: F401  registers every page and state
from mantelzorg_app.models import Person
from mantelzorg_app.services.identity import sessions
from state.auth import TabOwnerState
from state.help.coordination import CoordinationState
from state.tab import app_states, empty_every_state
from tests.bench.matching import timed
from tests.bench.tabs import demo_database, tab

REPEAT = 200


async def _loaded(token: str) -> rx.State:
    root = tab(token=token)
    await TabOwnerState.check.fn(await root.get_state(TabOwnerState))
    await CoordinationState.load.fn(await root.get_state(CoordinationState))
    return root


def main() -> None:
    with demo_database() as engine:
        with Session(engine) as session:
            gerrit = session.exec(select(Person).where(Person.first_name == "Gerrit")).one()
            token = sessions.start(session, gerrit.id, sessions.EMAIL, datetime.now(UTC))
        root = asyncio.run(_loaded(token))
        owner = asyncio.run(root.get_state(TabOwnerState))
        check = timed(lambda: asyncio.run(TabOwnerState.check.fn(owner)), REPEAT)
        print(f"tab owner-check per hub page load: p50 {check[0]:.2f} ms p95 {check[1]:.2f} ms")
        empty = timed(lambda: asyncio.run(empty_every_state(root)), REPEAT)
        states = len(list(app_states()))
        print(f"tab empty-every-state ({states} states): p50 {empty[0]:.2f} ms p95 {empty[1]:.2f} ms")


if __name__ == "__main__":
    main()
