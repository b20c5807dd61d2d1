"""Who a tab shows when the person did nothing themselves (a chat message pushed to it, the page
saying what it showed): ``reader``. It reads the tab's session without extending it, so a lively
room never keeps a tab signed in, and empties the tab when nobody holds its session any more.
Used by state.chat (the conversation, the list, the push) and state.home (the bottom bar's count)."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

import reflex as rx

from mantelzorg_app.services.identity import authz
from state.auth import TabOwnerState, now, session_token
from state.hub import hub_id_of
from state.tab import empty_every_state

# The tab a push is in and who it shows, found once for all of the push's receivers (``found``)
_READER: ContextVar[tuple[str, authz.Actor] | None] = ContextVar("tab_reader", default=None)


async def reader(state: rx.State) -> authz.Actor | None:
    """Whoever holds the tab's session now, with their roles in the tab's hub, read without
    extending the session. None when the tab has no hub; when nobody holds the session any more,
    or someone else than the tab's owner (``TabOwnerState``), every state of the tab is emptied
    (as ``TabOwnerState.check`` does on its next page) and None."""
    tab = state.router.session.client_token
    if (known := _READER.get()) is not None and known[0] == tab:
        return known[1]
    hub_id = await hub_id_of(state)
    if hub_id is None:
        return None
    owner = (await state.get_state(TabOwnerState))._person_id
    with rx.session() as session:
        actor = authz.actor(session, session_token(state), hub_id, now(), touch=False)
    if actor is None or (owner is not None and actor.person_id != owner):
        await empty_every_state(state)
        return None
    return actor


@contextlib.contextmanager
def found(tab: str, actor: authz.Actor) -> Iterator[None]:
    """Within it, ``reader`` answers ``actor`` for ``tab`` without asking the database again."""
    mark = _READER.set((tab, actor))
    try:
        yield
    finally:
        _READER.reset(mark)
