"""What one tab costs the server: its state after a hub page load and a whole Wegwijzer.

`python -m tests.bench.tab_state` runs the page's on_load handlers and the 20 Wegwijzer steps of
tests/bench/reflex_load.py in-process (as tests/security does) for TABS tabs, all kept, and prints:
the Python memory one tab holds (what Reflex's memory manager keeps for an hour, tracemalloc), the
bytes and keys Redis would store for it (the states the events touched, pickled as Reflex does), and
the number of states in a tab. It prints; it asserts no thresholds.
"""

import asyncio
import gc
import statistics
import tracemalloc

import reflex as rx

from state.auth import TabOwnerState
from state.help.wegwijzer import QuestionnaireState
from state.hub import HubState
from state.tab import app_states
from state.ui import UiState
from tests.bench.reflex_load import Questionnaire
from tests.bench.tabs import demo_database, tab

TABS = 300


async def _walked() -> rx.State:
    root = tab("/leusden/hulp")
    await TabOwnerState.check.fn(await root.get_state(TabOwnerState))
    UiState.apply_language.fn(await root.get_state(UiState))
    HubState.load.fn(await root.get_state(HubState))
    wegwijzer = await root.get_state(QuestionnaireState)
    await QuestionnaireState.load.fn(wegwijzer)
    wijk = wegwijzer.wijken[0]["value"]
    for handler, value, want, _ in Questionnaire.CYCLE[:-1]:  # up to the result page
        args = () if value is None else (wijk if value == "<wijk>" else value,)
        getattr(QuestionnaireState, handler).fn(wegwijzer, *args)
        assert wegwijzer.key == want, (handler, value, wegwijzer.key)
    return root


def _tree(state: rx.State):
    yield state
    for sub in state.substates.values():
        yield from _tree(sub)


def main() -> None:
    with demo_database():
        asyncio.run(_walked())  # imports and caches, not part of a tab
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        roots = [asyncio.run(_walked()) for _ in range(TABS)]
        gc.collect()
        per_tab = (tracemalloc.get_traced_memory()[0] - before) / TABS
        tracemalloc.stop()
        stored = [[len(s._serialize()) for s in _tree(root) if s._was_touched] for root in roots]
        print(f"tab states: {len(list(app_states()))} app states, {sum(1 for _ in _tree(roots[0]))} in a tab")
        print(f"tab in memory after the Wegwijzer ({TABS} tabs kept): {per_tab / 1024:.1f} KB a tab")
        print(
            f"tab as Redis would store it: {statistics.median(map(sum, stored)) / 1024:.1f} KB "
            f"in {statistics.median(map(len, stored)):.0f} keys"
        )


if __name__ == "__main__":
    main()
