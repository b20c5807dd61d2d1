"""The one shape of a handler that changes something, ``act``, and of a page's load, ``viewer``.

``act`` checks the role (``state.auth.require``, which logs a refusal), parses the ids the browser
sent, runs ``change(session, actor, *ids)`` in one database session and commits it once, then sends
the mails ``change`` returned. It answers the actor when all of that worked, None when anything
refused, so the handler only says what worked and refreshes its rows:

    if actor := await act(self, "stop-request", stop, request_id, roles=ASKERS):
        self._refresh(actor)
"""

from collections.abc import Callable, Iterable

import reflex as rx

from mantelzorg_app.models import Role
from mantelzorg_app.services.identity.authz import Actor, Refused
from mantelzorg_app.services.platform import mail
from mantelzorg_app.services.platform.problems import Invalid
from state.auth import current_actor, require
from state.inputs import as_id

Change = Callable[..., Iterable[mail.Message] | None]


async def act(
    state: rx.State,
    action: str,
    change: Change,
    *raw_ids,
    roles: Iterable[Role] = (),
    shows_page: bool = True,
    ready: bool | Callable[[Actor], bool] = True,
    problems: Iterable[str] = (),
) -> Actor | None:
    """Runs ``change`` for the signed-in person holding one of ``roles`` (any signed-in person
    without), with each of ``raw_ids`` as a positive int; None, and nothing changed, when any is not.

    - ``shows_page``: ``state.allowed`` says whether the role check passed (False: left alone).
    - ``ready``: False, or False for the actor, when something else the handler holds is not
      usable (an empty form); checked after the role and the ids, nothing is changed.
    - ``change`` returns the mails to send, or None; they go out after the commit, never on refusal.
    - ``problems``: the form's fields. An ``Invalid`` from ``change`` puts its problems, by field,
      in ``state.problems`` (and answers None); success empties them. Without fields an ``Invalid``
      reaches the caller, with nothing committed.
    """
    actor = await require(state, action, *roles)
    if shows_page:
        state.allowed = actor is not None
    ids = [as_id(raw) for raw in raw_ids]
    if actor is None or None in ids or not (ready(actor) if callable(ready) else ready):
        return None
    fields = tuple(problems)
    with rx.session() as session:
        try:
            told = change(session, actor, *ids)
        except Refused:
            return None
        except Invalid as invalid:
            if not fields:
                raise
            state.problems = {field: invalid.problems.get(field, "") for field in fields}
            return None
        session.commit()
    mail.send_all(told or ())
    if fields:
        state.problems = dict.fromkeys(fields, "")
    return actor


async def viewer(state: rx.State, *roles: Role) -> Actor | None:
    """Who opens a page that has a signed-out view too (no refusal is logged): ``state.allowed``
    says whether they hold one of ``roles`` (any signed-in person without), ``state.signed_in``,
    where the page has it, whether anyone is signed in. The actor when allowed, else None."""
    actor = await current_actor(state)
    if "signed_in" in state.base_vars:
        state.signed_in = actor is not None
    state.allowed = bool(actor and (not roles or actor.has(*roles)))
    return actor if state.allowed else None
