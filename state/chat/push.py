"""A new message reaches every member's open tabs, after the sender's commit: ``deliver``.

**The registry of open tabs is the database, keyed by person.** A login session remembers the
browser tabs that showed it (``LoginSession.tabs``; ``state.auth.TabOwnerState.check`` adds the tab
on every page load, also the load Reflex reruns on a reconnect). So ``deliver`` asks
``services.identity.sessions.tabs(person_id=...)`` for every receiver's tabs, leaves out the ones
without a live socket (the token manager's ``is_token_connected``), and opens each remaining tab's
state with ``app.modify_state``: each receiver state the tab holds catches up itself through its
``_pushed(conversation_id)`` (the conversation reads the messages after its last number from the
database, the Praten list and the bottom bar's badge count again). Nothing travels in the push but
"conversation N changed": a lost push costs nothing, because every (re)load asks for everything after
the last number it has.

Why this and not ``rx.SharedState`` (a shared state per conversation that tabs link to):

- every state linked to a tab loads on every event of that tab, so a person in five rooms would
  load five shared message lists on each tap anywhere in the app; here a tab loads nothing extra,
  and a push costs one small query per tab it reaches;
- a tab that goes away stays linked until it unlinks, which a closed phone never does; here a tab
  without a socket is skipped, and the list ends with the session (at most ``TABS_KEPT`` a session);
- one report measured events about 5x slower once linked (reflex-dev/reflex#6746);
- a reconnect can be handed a new token (reflex-dev/reflex#6345, #6252): a link made under the old
  token is lost, while here the new token is in the person's sessions on its first page load;
- membership stays one rule (``services.chat.conversations.receivers``), read from the database for
  every message, never a link a tab made earlier.
``tests/bench/chat.py`` measures both ways (figures in the README).

**Workers.** With the default setup (no Redis) there is one backend worker: every socket is in this
process, and ``is_token_connected`` is its own map. With ``REFLEX_REDIS_URL`` there are several
workers: tab states live in Redis, ``is_token_connected`` asks Redis which worker holds the socket,
and ``emit_update`` relays the delta through that worker's Redis "lost and found" channel. So a
sender on one worker reaches a reader on another the same way.

Each tab gets its own task, kept in ``TASKS`` until done, so one slow or locked tab (its own event
running) holds up no other, and a failure is logged, never raised to the sender. Handlers start it
with ``schedule`` after their commit.

**Who the tab shows.** A push is not the person's doing: it reads the tab's session without
extending it (``state.holder.reader``: ``authz.actor(touch=False)``), so a lively room never keeps
a tab signed in, once for all of a tab's receivers; only sessions not ended yet lend their tabs
(``sessions.tabs(live_at=)``). When nobody holds the tab's session any more, or someone else does,
the push empties every state of the tab (as ``TabOwnerState.check`` would on its next page) and
tells it nothing.

**States the tab never had.** With the default (memory) state manager a tab's whole state tree
exists from its first event, so asking a tab for a receiver state costs nothing more. With Redis a
state the tab never used is made afresh for the push and stored only when changed (Reflex keeps
only touched states): every ``_pushed`` returns before changing anything unless its state holds
that person's page (a conversation, the list, the count), so such a state is never stored.
"""

import asyncio
import logging

import reflex as rx
from reflex_base.registry import RegistrationContext

from mantelzorg_app.services.identity import sessions
from state.auth import now
from state.holder import found, reader

logger = logging.getLogger(__name__)

TASKS: set[asyncio.Task] = set()  # pushes on their way; a task leaves the set when done


def schedule(
    person_ids: set[int], conversation_id: int, own_token: str, receivers: tuple[type[rx.State], ...]
) -> None:
    """After the commit: ``deliver`` in a task of its own (kept in ``TASKS``), so the sender's
    event does not wait for the others' tabs."""
    if not person_ids:
        return
    task = asyncio.create_task(deliver(person_ids, conversation_id, own_token, receivers))
    TASKS.add(task)
    task.add_done_callback(TASKS.discard)


def running_app():
    """The app this worker serves, as reflex/istate/shared.py finds it (a test puts its own)."""
    return RegistrationContext.get().app


def _tabs_of(person_ids: set[int]) -> set[str]:
    moment = now()
    with rx.session() as session:
        return {
            tab
            for person in sorted(person_ids)
            for tab in sessions.tabs(session, person_id=person, live_at=moment)
        }


async def deliver(
    person_ids: set[int], conversation_id: int, own_token: str, receivers: tuple[type[rx.State], ...]
) -> None:
    """Tells every connected tab of ``person_ids`` but the sender's own (``own_token``) that
    ``conversation_id`` changed: each of ``receivers`` the tab holds runs its ``_pushed``. Call it
    after the commit (``asyncio.create_task``); returns once every tab's task is started."""
    if not person_ids or not receivers:
        return
    try:
        app = running_app()
        namespace = app.event_namespace
        if namespace is None:
            return
        tabs = _tabs_of(person_ids)  # one indexed query a person
    except Exception as problem:  # a push must never break the sender's event
        logger.warning("chat push for conversation %s: %s", conversation_id, type(problem).__name__)
        return
    for tab in sorted(tabs - {own_token}):
        task = asyncio.create_task(_to_tab(app, namespace._token_manager, tab, conversation_id, receivers))
        TASKS.add(task)
        task.add_done_callback(lambda done: _done(done, conversation_id))


async def _to_tab(app, token_manager, tab: str, conversation_id: int, receivers) -> None:
    if not await token_manager.is_token_connected(tab):
        return  # it catches up on its next load
    async with app.modify_state(rx.BaseStateToken(ident=tab, cls=receivers[0])) as state:
        actor = await reader(state)
        if actor is None:
            return  # emptied, or not a hub's page: nothing to tell it
        with found(tab, actor):  # the receivers' own reader() answers this, asking nothing more
            for cls in receivers:
                try:
                    await (await state.get_state(cls))._pushed(conversation_id)
                except Exception as problem:  # the tab's other receivers still catch up
                    _log(conversation_id, problem)


def _done(task: asyncio.Task, conversation_id: int) -> None:
    TASKS.discard(task)
    if not task.cancelled() and (problem := task.exception()) is not None:
        _log(conversation_id, problem)


def _log(conversation_id: int, problem: BaseException) -> None:
    # the kind of failure only: a database error's text can hold what someone wrote
    logger.warning("chat push for conversation %s to a tab: %s", conversation_id, type(problem).__name__)
