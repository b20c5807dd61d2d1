"""Forgetting a tab: after signing out or a wipe nothing of the person stays in that browser tab.

Reflex keeps a tab's state on the server under a token in the tab's sessionStorage, and sends it
back on the next load, before any on_load runs. So signing out empties every state of the tab
(backend vars too; that emptied copy is what the state manager stores) and has the browser drop its
token, so the next page starts a fresh state that was never the person's. The person's other tabs
are emptied too: a session remembers the tabs that showed it (``services.identity.sessions.tabs``), and
ending it empties their stored states. A tab whose session ended otherwise (it expired) is emptied
on its next page load, when ``state.auth.TabOwnerState`` sees that the person it held is gone.
"""

import json
from collections.abc import Iterator

import reflex as rx
from reflex.istate.manager import get_state_manager

TOKEN_KEY = "token"  # the sessionStorage key of the tab's state token (reflex_base web/utils/state.js)


def app_states(parent: type[rx.State] = rx.State) -> Iterator[type[rx.State]]:
    """Every State class of this app (Reflex's internal ones left alone), parents before children."""
    for child in sorted(parent.get_substates(), key=lambda cls: cls.get_name()):
        if child.__module__.split(".")[0] == "state":
            yield child
        yield from app_states(child)


async def empty_every_state(state: rx.State) -> None:
    """Every app state of this tab back to its defaults, backend vars too."""
    for cls in app_states():
        (await state.get_state(cls)).reset()


async def empty_other_tabs(tabs: set[str], own: rx.State) -> None:
    """Empties the stored states of the person's other tabs (their tokens from services.identity.sessions),
    so a reload of one on another device or a shared computer gets nothing of them."""
    manager = get_state_manager()
    for tab in tabs - {own.router.session.client_token}:
        async with manager.modify_state(rx.BaseStateToken(ident=tab, cls=rx.State)) as root:
            await empty_every_state(root)


async def forget_tab(state: rx.State, url: str) -> rx.event.EventSpec:
    """Empties every state of this tab, then sends the browser to ``url`` under a new tab token."""
    await empty_every_state(state)
    return rx.call_script(
        f"window.sessionStorage.removeItem({json.dumps(TOKEN_KEY)});"
        f"window.location.replace({json.dumps(url)})"
    )
