"""A room's new message pushed to its other open tabs, two ways, for tests/bench/chat.py:

- ``/shared/[room]``: the room is an ``rx.SharedState`` each tab links to on load (``_link_to``);
  a send appends to it and Reflex updates every linked tab;
- ``/registry/[room]``: each tab keeps its own list; a per-room registry of tab tokens (this
  process's memory, or a Redis set when there is Redis, so several workers share it) and a send
  opens each other tab's state with ``app.modify_state`` and appends there: the app's way
  (state/chat/push.py) without its database.

Both keep the newest KEEP messages and send the whole list in each delta.
"""

import asyncio
import os
from collections import defaultdict

import reflex as rx
from reflex_base.registry import RegistrationContext

KEEP = 50
REDIS = os.environ.get("REFLEX_REDIS_URL") or None
_ROOMS: dict[str, set[str]] = defaultdict(set)  # without Redis: room -> tab tokens
TASKS: set[asyncio.Task] = set()
_redis = None


def _room(state: rx.State) -> str:
    room = state.rx_router_page.params.get("room", "")
    return room if isinstance(room, str) and room.isalnum() else "none"


def _added(messages: list[str], text: str) -> list[str]:
    return [*messages[-(KEEP - 1) :], text[:200]]


class SharedRoom(rx.SharedState):
    messages: list[str] = []

    @rx.event
    async def link(self):
        await self._link_to(f"room-{_room(self)}")

    @rx.event
    def send(self, text: str):
        self.messages = _added(self.messages, text)


async def _registry():
    global _redis
    if _redis is None:
        import redis.asyncio

        _redis = redis.asyncio.from_url(REDIS)
    return _redis


async def _join(room: str, token: str) -> None:
    if REDIS:
        await (await _registry()).sadd(f"chatpush:{room}", token)
    else:
        _ROOMS[room].add(token)


async def _members(room: str) -> set[str]:
    if REDIS:
        return {t.decode() for t in await (await _registry()).smembers(f"chatpush:{room}")}
    return set(_ROOMS[room])


class RegistryRoom(rx.State):
    messages: list[str] = []
    _room: str = ""

    @rx.event
    async def join(self):
        self._room = _room(self)
        await _join(self._room, self.router.session.client_token)

    @rx.event
    async def send(self, text: str):
        self.messages = _added(self.messages, text)
        own = self.router.session.client_token
        app = RegistrationContext.get().app
        for tab in sorted(await _members(self._room) - {own}):
            task = asyncio.create_task(_push(app, tab, text))
            TASKS.add(task)
            task.add_done_callback(TASKS.discard)


async def _push(app, tab: str, text: str) -> None:
    if not await app.event_namespace._token_manager.is_token_connected(tab):
        return
    async with app.modify_state(rx.BaseStateToken(ident=tab, cls=RegistryRoom)) as root:
        room = await root.get_state(RegistryRoom)
        room.messages = _added(room.messages, text)


def _list(messages) -> rx.Component:
    return rx.el.ol(rx.foreach(messages, lambda m: rx.el.li(m)))


def shared() -> rx.Component:
    return _list(SharedRoom.messages)


def registry() -> rx.Component:
    return _list(RegistryRoom.messages)


app = rx.App()
app.add_page(shared, route="/shared/[room]", on_load=SharedRoom.link)
app.add_page(registry, route="/registry/[room]", on_load=RegistryRoom.join)
