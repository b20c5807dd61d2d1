"""Mijn gegevens, "Geblokkeerd": the people the signed-in person blocked at Praten, by first name,
each with "Deblokkeer" (the undo of "Blokkeer deze persoon", state.chat.report).

The browser sees first names and their place in the list, never a person's id: the ids stay in the
backend var ``_blocked`` of this tab, loaded for the person ``_owner`` from their session cookie.
``unblock(position)`` acts only on that list, only for that same signed-in person, and
services.chat.blocks.unblock deletes only a block of the caller's own.
"""

import reflex as rx
from sqlmodel import Session, col, select

from mantelzorg_app.models import Person
from mantelzorg_app.services.chat import blocks
from mantelzorg_app.services.identity.authz import Refused, refuse
from state.auth import current_actor, require
from state.ui import show

UNBLOCKED_ID = "deblokkeerd"  # the line that says who was unblocked: the focus goes there


def _position(value: object) -> int | None:
    """A place in the list from whatever the browser sent: an int or a short string of ASCII digits."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 3:
        value = int(value)
    return value if type(value) is int and 0 <= value < blocks.BLOCKS_MOST else None


def _blocked(session: Session, person_id: int) -> list[tuple[int, str]]:
    """Whom this person blocked: (id, first name), by first name."""
    ids = blocks.blocked_by(session, person_id)
    if not ids:
        return []
    rows = session.exec(
        select(Person.id, Person.first_name)
        .where(col(Person.id).in_(ids))
        .order_by(col(Person.first_name), col(Person.id))
    ).all()
    return [(person_id, first_name or "") for person_id, first_name in rows]


class BlockedState(rx.State):
    names: list[str] = []  # first names, in the order of ``_blocked``
    shown: bool = False  # the section shows: the person had blocked someone when the page loaded
    unblocked: str = ""  # the first name just unblocked: "U krijgt weer berichten van {name}."
    _blocked: list[int] = []
    _owner: int | None = None

    def _fill(self, rows: list[tuple[int, str]]) -> None:
        self._blocked = [person_id for person_id, _name in rows]
        self.names = [name for _id, name in rows]

    @rx.event
    async def load(self):
        self._owner = None
        self._fill([])
        show(self, shown=False, unblocked="")
        actor = await current_actor(self)
        if actor is None:
            return
        with rx.session() as session:
            rows = _blocked(session, actor.person_id)
        self._owner = actor.person_id
        self._fill(rows)
        show(self, shown=bool(rows))

    @rx.event
    async def unblock(self, position):
        """ "Deblokkeer" beside the name at ``position`` of the list this tab loaded."""
        actor = await require(self, "chat-unblock")
        index = _position(position)
        if actor is None or index is None:
            return None
        with rx.session() as session:
            try:
                if actor.person_id != self._owner:  # the tab holds another person's list, or none
                    refuse(session, "chat-unblock", actor.hub_id, actor.person_id, "not this tab's list")
            except Refused:
                return None
            if index >= len(self._blocked):
                return None
            person = session.get(Person, self._blocked[index])
            name = (person.first_name or "") if person else ""
            blocks.unblock(session, actor, self._blocked[index])
            session.commit()
            rows = _blocked(session, actor.person_id)
        self._fill(rows)
        self.unblocked = name
        return rx.call_script(f"setTimeout(() => document.getElementById('{UNBLOCKED_ID}')?.focus(), 50)")
